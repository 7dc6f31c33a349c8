// What revenue announces (ADR 0015): domains above it react without revenue knowing them.
// Analytics records, from a checkout's `touch`, which visit led to it.

import type { RevenueKind } from './revenue.table.js';

export interface CheckoutStarted {
  /** Our checkout id; payments made through it carry it (`payments.checkout_id`). */
  checkoutId: string;
  kind: RevenueKind;
  /** The article whose prompt the reader used, if any. */
  articleId: number | null;
  /** The prompt (placement) the form was in: inline, after-body, banner or support-page. */
  prompt: string;
  /**
   * What the reader's browser remembered of the visits that led here (the analytics script's
   * hidden `touch` field), unparsed: at most 2,000 characters of untrusted text.
   */
  touch: string;
}

declare module '../platform/events/domain-events.js' {
  interface DomainEventMap {
    'revenue.checkout-started': CheckoutStarted;
  }
}
