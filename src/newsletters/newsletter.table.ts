import type { Generated, Selectable } from 'kysely';

// Row types of the newsletters domain (migration 2026112503-newsletters).

export type NewsletterVisibility = 'public' | 'private';

export interface NewsletterTable {
  id: Generated<number>;
  name: string;
  slug: string;
  description: Generated<string>;
  sender_name: Generated<string>;
  sender_email: Generated<string>;
  reply_to: Generated<string>;
  visibility: NewsletterVisibility;
  /** 1: ticked by default on signup forms. */
  signup_default: number;
  /** An empty subject means no welcome email. */
  welcome_subject: Generated<string>;
  welcome_text: Generated<string>;
  /** 1: an automatic digest of what was published since the last send (migration 2026112520). */
  digest_enabled: Generated<number>;
  /** HH:MM in the newsroom's time zone. */
  digest_time: Generated<string>;
  /** ISO weekdays (1 = Monday) separated by commas; empty: every day. */
  digest_days: Generated<string>;
  /** 1: links go through signed redirects that count clicks. */
  track_clicks: Generated<number>;
  /** 1: an opens pixel (off by default, for privacy). */
  track_opens: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface DigestRunTable {
  newsletter_id: number;
  /** The slot's instant (ISO UTC); (newsletter_id, slot) is the primary key. */
  slot: string;
  /** The issue sent for the slot; null when nothing was published since the last send. */
  issue_id: number | null;
  articles: Generated<number>;
  created_at: string;
}

export interface NewsletterClickTable {
  id: Generated<number>;
  issue_id: number;
  subscriber_id: number;
  url: string;
  created_at: string;
}

/** An issue's tracked link (migration 2026112521): click tokens name it by id. */
export interface NewsletterLinkTable {
  id: Generated<number>;
  issue_id: number;
  url: string;
  created_at: string;
}

export interface NewsletterOpenTable {
  id: Generated<number>;
  issue_id: number;
  subscriber_id: number;
  created_at: string;
}

export interface SubscriberTable {
  id: Generated<number>;
  /** Normalized (see email-address.ts); unique. */
  email: string;
  name: Generated<string>;
  status: 'active' | 'unsubscribed' | 'suppressed';
  soft_bounces: Generated<number>;
  created_at: string;
  updated_at: string;
}

export type SubscriptionStatus = 'pending' | 'active' | 'unsubscribed';

export interface SubscriptionTable {
  id: Generated<number>;
  subscriber_id: number;
  newsletter_id: number;
  status: SubscriptionStatus;
  created_at: string;
  confirmed_at: string | null;
  unsubscribed_at: string | null;
}

export interface ConsentRecordTable {
  id: Generated<number>;
  subscriber_id: number;
  /** signup (awaits confirmation), import, preferences. */
  action: 'signup' | 'import' | 'preferences';
  /** JSON array of newsletter ids the consent covers. */
  newsletter_ids: string;
  /** The exact text the person was shown next to the button. */
  consent_text: string;
  /** Where the form was (page path or slot name). */
  location: string;
  ip: string;
  user_agent: string;
  created_at: string;
  /** Set once, by the confirmation POST: this is what makes confirmation links single-use. */
  confirmed_at: string | null;
  confirm_ip: Generated<string>;
  confirm_user_agent: Generated<string>;
}

export type SuppressionReason = 'unsubscribed' | 'hard_bounce' | 'complaint';

export interface SuppressionTable {
  email: string;
  reason: SuppressionReason;
  detail: Generated<string>;
  created_at: string;
}

export interface BounceEventTable {
  id: Generated<number>;
  email: string;
  delivery_id: number | null;
  kind: 'hard' | 'soft' | 'complaint';
  detail: Generated<string>;
  created_at: string;
}

export type IssueStatus = 'draft' | 'scheduled' | 'sending' | 'paused' | 'sent' | 'cancelled';

export interface NewsletterIssueTable {
  id: Generated<number>;
  newsletter_id: number;
  subject: string;
  preheader: Generated<string>;
  content_kind: 'document' | 'digest';
  /** The article-schema document (JSON) when content_kind is document. */
  doc: Generated<string>;
  /** JSON array of article ids when content_kind is digest. */
  article_ids: Generated<string>;
  status: IssueStatus;
  scheduled_at: string | null;
  started_at: string | null;
  /** Set when every recipient row exists: the recipient set is complete. */
  frozen_at: string | null;
  finished_at: string | null;
  recipients_total: Generated<number>;
  /** Why a send is waiting ('hourly_limit'), until when; empty when it is not. */
  wait_reason: Generated<string>;
  wait_until: string | null;
  created_at: string;
  updated_at: string;
}

/**
 * pending → claimed → sending → sent | failed | ambiguous | suppressed. `claimed` rows were
 * never handed to SMTP (safe to give back); `sending` rows were, and their fate is unknown if
 * their worker died — they become `ambiguous`, never resent automatically.
 */
export type DeliveryStatus =
  'pending' | 'claimed' | 'sending' | 'sent' | 'failed' | 'ambiguous' | 'suppressed';

export interface NewsletterDeliveryTable {
  id: Generated<number>;
  issue_id: number;
  subscriber_id: number;
  email: string;
  name: Generated<string>;
  status: DeliveryStatus;
  attempts: Generated<number>;
  next_attempt_at: string;
  claimed_by: string | null;
  claim_expires_at: string | null;
  message_id: string | null;
  smtp_response: Generated<string>;
  sent_at: string | null;
  updated_at: string;
}

export type NewsletterRow = Selectable<NewsletterTable>;
export type SubscriberRow = Selectable<SubscriberTable>;
export type SubscriptionRow = Selectable<SubscriptionTable>;
export type ConsentRecordRow = Selectable<ConsentRecordTable>;
export type IssueRow = Selectable<NewsletterIssueTable>;
export type DeliveryRow = Selectable<NewsletterDeliveryTable>;

declare module '../platform/db/database-schema.js' {
  interface Database {
    newsletters: NewsletterTable;
    subscribers: SubscriberTable;
    subscriptions: SubscriptionTable;
    consent_records: ConsentRecordTable;
    suppressions: SuppressionTable;
    bounce_events: BounceEventTable;
    newsletter_issues: NewsletterIssueTable;
    newsletter_deliveries: NewsletterDeliveryTable;
    newsletter_digest_runs: DigestRunTable;
    newsletter_clicks: NewsletterClickTable;
    newsletter_opens: NewsletterOpenTable;
    newsletter_links: NewsletterLinkTable;
  }
}
