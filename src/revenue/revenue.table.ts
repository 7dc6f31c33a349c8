import type { Generated } from 'kysely';

// Row types of the reader-revenue domain (migration 2026112510-revenue). Money is integer
// minor units (cents) with an upper-case ISO 4217 currency code.

/** free: an account with no paid plan; paying: an active membership or recurring donation;
 * lapsed: had one, it ended or its payments failed. Derived from subscriptions by the service. */
export type MemberStatus = 'free' | 'paying' | 'lapsed';

export type ProviderName = 'stripe' | 'sandbox';

export interface MemberTable {
  id: Generated<number>;
  /** Normalized like newsletter subscribers (newsletters/email-address.ts); unique. */
  email: string;
  name: Generated<string>;
  status: Generated<MemberStatus>;
  provider: ProviderName | null;
  /** The provider's customer (Stripe `cus_…`), used for the billing portal. */
  provider_customer_id: string | null;
  created_at: string;
  updated_at: string;
  last_sign_in_at: string | null;
}

export interface MemberSignInTokenTable {
  id: Generated<number>;
  member_id: number;
  /** sha256 of the emailed token; the token itself is never stored. */
  token_hash: string;
  /** A same-site path to land on after signing in. */
  redirect_to: Generated<string>;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface MemberSessionTable {
  id: Generated<number>;
  member_id: number;
  token_hash: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
}

export type RevenueKind = 'donation' | 'recurring_donation' | 'membership';
export type BillingInterval = 'month' | 'year';
export type CheckoutStatus = 'open' | 'complete' | 'expired' | 'failed';

export interface CheckoutTable {
  /** Our id (a uuid); also the idempotency key of the provider call. */
  id: string;
  provider: ProviderName;
  provider_session_id: string | null;
  member_id: number | null;
  email: Generated<string>;
  kind: RevenueKind;
  tier_id: Generated<string>;
  interval: BillingInterval | null;
  /** The total charged, including fee_amount when the reader covers the processing fee. */
  amount: number;
  fee_amount: Generated<number>;
  currency: string;
  /** Attribution: the article, the prompt (placement id) and the page path it came from. */
  article_id: number | null;
  prompt: Generated<string>;
  page: Generated<string>;
  status: Generated<CheckoutStatus>;
  created_at: string;
  completed_at: string | null;
}

/** Stripe's subscription statuses, kept as the provider reports them. */
export type SubscriptionState =
  | 'incomplete'
  | 'incomplete_expired'
  | 'trialing'
  | 'active'
  | 'past_due'
  | 'canceled'
  | 'unpaid'
  | 'paused';

export interface RevenueSubscriptionTable {
  id: Generated<number>;
  member_id: number;
  provider: ProviderName;
  provider_subscription_id: string;
  kind: Exclude<RevenueKind, 'donation'>;
  tier_id: Generated<string>;
  interval: BillingInterval;
  amount: number;
  currency: string;
  status: SubscriptionState;
  current_period_end: string | null;
  cancel_at_period_end: Generated<number>;
  canceled_at: string | null;
  checkout_id: string | null;
  article_id: number | null;
  prompt: Generated<string>;
  page: Generated<string>;
  /** When the provider last changed the object (the event's time): older news never wins. */
  provider_updated_at: string;
  created_at: string;
  updated_at: string;
}

export type PaymentStatus = 'succeeded' | 'failed' | 'refunded' | 'partially_refunded';

export interface PaymentTable {
  id: Generated<number>;
  member_id: number;
  provider: ProviderName;
  /** The payment intent (one-time) or invoice (subscription) id. */
  provider_payment_id: string;
  kind: RevenueKind;
  subscription_id: number | null;
  amount: number;
  fee_amount: Generated<number>;
  amount_refunded: Generated<number>;
  currency: string;
  status: PaymentStatus;
  receipt_url: Generated<string>;
  checkout_id: string | null;
  article_id: number | null;
  prompt: Generated<string>;
  page: Generated<string>;
  paid_at: string;
  created_at: string;
  updated_at: string;
}

export interface PaymentEventTable {
  provider: ProviderName;
  /** The provider's event id; (provider, event_id) is the primary key: each event counts once. */
  event_id: string;
  type: string;
  object_id: Generated<string>;
  /** The verified event JSON. */
  payload: string;
  event_created_at: string;
  received_at: string;
  processed_at: string | null;
}

/** One row per reader email decided (its key names the fact), so each is sent once. */
export interface RevenueNoticeTable {
  key: string;
  created_at: string;
}

export interface SandboxObjectTable {
  /** Stripe-style ids: cs_test_…, cus_…, sub_…, in_…, pi_…, ch_…, evt_… */
  id: string;
  type: string;
  /** The object as Stripe would return it (JSON). */
  data: string;
  created_at: string;
  updated_at: string;
}

declare module '../platform/db/database-schema.js' {
  interface Database {
    members: MemberTable;
    member_sign_in_tokens: MemberSignInTokenTable;
    member_sessions: MemberSessionTable;
    checkouts: CheckoutTable;
    revenue_subscriptions: RevenueSubscriptionTable;
    payments: PaymentTable;
    payment_events: PaymentEventTable;
    sandbox_objects: SandboxObjectTable;
    revenue_notices: RevenueNoticeTable;
  }
}
