import type { Generated, Selectable } from 'kysely';

// Row types of web push (migration 2026120703-push, ADR 0022).

/** The one row (id 1) of keys every node shares, made at first start. */
export interface PushKeysTable {
  id: number;
  /** VAPID (RFC 8292) P-256 key pair, base64url, as browsers' `applicationServerKey` wants. */
  vapid_public_key: string;
  vapid_private_key: string;
  /** 32 random bytes (base64url) sealing subscriptions when PUSH_ENCRYPTION_KEY is not set. */
  subscription_key: string;
  created_at: string;
}

export interface PushSubscriptionTable {
  id: Generated<number>;
  /** HMAC-SHA-256 of the endpoint under the sealing key: finds a subscription without storing it. */
  endpoint_hash: string;
  /** AES-256-GCM of `{endpoint, p256dh, auth}` (subscription-seal.ts). */
  sealed: string;
  /** Which sealing key sealed it (a short hash of the key). */
  key_id: string;
  language: string;
  created_at: string;
  updated_at: string;
  last_sent_at: string | null;
}

/** `breaking`, or `live:<articleId>` to follow one live coverage. */
export interface PushSubscriptionTopicTable {
  subscription_id: number;
  topic: string;
  created_at: string;
}

export type PushAlertKind = 'breaking' | 'live';
export type PushAlertStatus = 'sending' | 'sent';
export type PushUrgency = 'very-low' | 'low' | 'normal' | 'high';

export interface PushAlertTable {
  id: Generated<number>;
  kind: PushAlertKind;
  topic: string;
  /** Only subscriptions in this language; null: everyone following the topic. */
  language: string | null;
  title: string;
  body: string;
  /** Opened on click: a path on the site (made absolute when sent) or an http(s) URL. */
  url: string;
  image_url: string | null;
  urgency: PushUrgency;
  ttl_seconds: number;
  article_id: number | null;
  live_update_id: number | null;
  status: PushAlertStatus;
  created_by: number | null;
  recipients_total: Generated<number>;
  created_at: string;
  frozen_at: string | null;
  finished_at: string | null;
}

/**
 * pending → sending (committed before the POST) → sent | failed | gone (404/410: subscription
 * removed) | ambiguous (the worker died mid-POST: never resent) | skipped (unsubscribed meanwhile).
 */
export type PushDeliveryStatus =
  'pending' | 'sending' | 'sent' | 'failed' | 'gone' | 'ambiguous' | 'skipped';

export interface PushDeliveryTable {
  id: Generated<number>;
  alert_id: number;
  subscription_id: number | null;
  /** Which `push.send-batch` job sends it. */
  batch: number;
  status: PushDeliveryStatus;
  attempts: Generated<number>;
  next_attempt_at: string;
  claimed_by: string | null;
  claim_expires_at: string | null;
  /** The push service's status code and a short reason; never the endpoint. */
  response: string | null;
  sent_at: string | null;
  clicked_at: string | null;
  updated_at: string;
}

export type PushAlertRow = Selectable<PushAlertTable>;
export type PushDeliveryRow = Selectable<PushDeliveryTable>;
export type PushSubscriptionRow = Selectable<PushSubscriptionTable>;

declare module '../platform/db/database-schema.js' {
  interface Database {
    push_keys: PushKeysTable;
    push_subscriptions: PushSubscriptionTable;
    push_subscription_topics: PushSubscriptionTopicTable;
    push_alerts: PushAlertTable;
    push_deliveries: PushDeliveryTable;
  }
}
