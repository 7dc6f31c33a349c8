// Shapes of the newsletter admin API's answers (src/newsletters/*.routes.ts), as screens use them.

export interface Newsletter {
  id: number;
  name: string;
  slug: string;
  description: string;
  sender_name: string;
  sender_email: string;
  reply_to: string;
  visibility: 'public' | 'private';
  signup_default: boolean;
  welcome_subject: string;
  welcome_text: string;
  digest_enabled: boolean;
  /** HH:MM in the newsroom's zone. */
  digest_time: string;
  /** ISO weekdays (1 = Monday); empty: every day. */
  digest_days: number[];
  track_clicks: boolean;
  track_opens: boolean;
}

export type IssueStatus = 'draft' | 'scheduled' | 'sending' | 'paused' | 'sent' | 'cancelled';

export interface Issue {
  id: number;
  newsletter_id: number;
  subject: string;
  preheader: string;
  content_kind: 'document' | 'digest';
  /** JSON text of the article-schema document. */
  doc: string;
  /** JSON text of an array of article ids. */
  article_ids: string;
  status: IssueStatus;
  scheduled_at: string | null;
  started_at: string | null;
  finished_at: string | null;
  recipients_total: number;
  updated_at: string;
}

export interface Progress {
  issue_id: number;
  status: IssueStatus;
  frozen: boolean;
  recipients: number;
  pending: number;
  claimed: number;
  sending: number;
  sent: number;
  failed: number;
  ambiguous: number;
  /** 'hourly_limit' while the send waits for the hour's quota. */
  waiting?: string | null;
  wait_until?: string | null;
  suppressed: number;
  done: number;
  started_at: string | null;
  finished_at: string | null;
}

export interface Subscriber {
  id: number;
  email: string;
  name: string;
  status: 'active' | 'unsubscribed' | 'suppressed';
  created_at: string;
  subscriptions: Array<{
    newsletter: string;
    status: string;
    confirmed_at: string | null;
    unsubscribed_at: string | null;
  }>;
  consent: Array<{
    action: string;
    consent_text: string;
    location: string;
    ip: string;
    user_agent: string;
    at: string;
    confirmed_at: string | null;
    confirm_ip: string;
  }>;
}

export interface ImportReport {
  imported: number;
  skipped: Array<{ line: number; email: string; reason: string }>;
}

/** GET /api/admin/newsletter-issues/:id/stats */
export interface IssueStats {
  issue_id: number;
  status: IssueStatus;
  recipients: number;
  delivered: number;
  failed: number;
  ambiguous: number;
  suppressed: number;
  bounced: number;
  hard_bounces: number;
  soft_bounces: number;
  complaints: number;
  unsubscribed: number;
  tracking: { clicks: boolean; opens: boolean };
  clicks: {
    unique: number;
    total: number;
    readers: number;
    top_links: Array<{ url: string; unique: number; total: number }>;
  };
  /** Null while the newsletter does not count opens. */
  opens: number | null;
}

/** GET /api/admin/newsletter-growth */
export interface GrowthPoint {
  period: string;
  subscribed: number;
  unsubscribed: number;
  suppressed: number;
}
