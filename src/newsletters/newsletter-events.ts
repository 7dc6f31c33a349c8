// What the newsletters announce (ADR 0015): domains above them react without newsletters
// knowing them. Analytics records, from a signup's `touch`, which visit led to it.

export interface SignupRequested {
  /** The consent record of the signup; it counts once confirmed (`confirmed_at`). */
  consentId: number;
  /** Where the form was: a page path, `article:ID` or a slot name. */
  location: string;
  /**
   * What the reader's browser remembered of the visits that led here (the analytics script's
   * hidden `touch` field), unparsed: at most 2,000 characters of untrusted text.
   */
  touch: string;
}

declare module '../platform/events/domain-events.js' {
  interface DomainEventMap {
    'newsletter.signup-requested': SignupRequested;
  }
}
