/** An alert as GET /api/admin/push/alerts returns it (src/push/push-alert.service.ts). */
export interface PushAlert {
  id: number;
  kind: 'breaking' | 'live';
  topic: string;
  language: string | null;
  title: string;
  body: string;
  url: string;
  imageUrl: string | null;
  urgency: string;
  ttlSeconds: number;
  articleId: number | null;
  status: 'queued' | 'sending' | 'sent';
  createdAt: string;
  finishedAt: string | null;
  stats: {
    recipients: number;
    queued: number;
    sent: number;
    failed: number;
    gone: number;
    ambiguous: number;
    skipped: number;
    clicked: number;
  };
}

export interface PushAlertList {
  alerts: PushAlert[];
  subscribers: { breaking: number; subscriptions: number };
}

export interface AlertDraft {
  title: string;
  body: string;
  url: string;
  imageUrl: string;
  language: string;
}
