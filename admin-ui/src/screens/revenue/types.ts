// Shapes of the revenue admin API (src/revenue/admin/revenue-admin.routes.ts).

export type MemberStatus = 'paying' | 'free' | 'lapsed';

export interface MemberRow {
  id: number;
  email: string;
  name: string;
  status: MemberStatus;
  tier: string;
  since: string;
  lifetime_total: number;
  currency: string;
}

export interface MemberList {
  total: number;
  page: number;
  page_size: number;
  currency: string;
  members: MemberRow[];
}

export interface MemberDetail {
  member: {
    id: number;
    email: string;
    name: string;
    status: MemberStatus;
    tier: string;
    since: string;
    last_sign_in_at: string | null;
    provider: string | null;
    provider_customer_id: string | null;
  };
  currency: string;
  subscriptions: Array<{
    id: number;
    kind: 'membership' | 'recurring_donation';
    tier: string;
    amount: number;
    currency: string;
    interval: 'month' | 'year';
    status: string;
    next_payment_at: string | null;
    cancel_at_period_end: boolean;
    ends_at: string | null;
    canceled_at: string | null;
    started_at: string;
  }>;
  payments: Array<{
    id: number;
    kind: 'donation' | 'recurring_donation' | 'membership';
    amount: number;
    fee_amount: number;
    amount_refunded: number;
    net_amount: number;
    currency: string;
    status: string;
    receipt_url: string;
    paid_at: string;
    attribution: {
      article_id: number | null;
      article_title: string | null;
      prompt: string;
      page: string;
    };
  }>;
  newsletters: {
    subscriber: { status: string; created_at: string };
    suppressed: boolean;
    subscriptions: Array<{
      newsletter: string;
      status: string;
      confirmed_at: string | null;
      unsubscribed_at: string | null;
    }>;
    consent: Array<{
      action: string;
      newsletters: string[];
      consent_text: string;
      location: string;
      ip: string;
      at: string;
      confirmed_at: string | null;
    }>;
  } | null;
}

export interface RevenueSummary {
  currency: string;
  from: string;
  to: string;
  now: { mrr: number; active_members: number; at: string };
  months: Array<{ month: string; mrr: number; active_members: number }>;
  donations_per_week: Array<{ week_start: string; count: number; amount: number }>;
  top_articles: Array<{
    article_id: number;
    title: string | null;
    payments: number;
    amount: number;
  }>;
  top_prompts: Array<{ prompt: string; payments: number; amount: number }>;
  excluded: Array<{ currency: string; payments: number; amount: number; subscriptions: number }>;
  notes: string[];
}
