// Shapes of the live desk API's answers (src/content/live/live.routes.ts).
import type { DocumentJson } from '../../../../src/content/document/document-schema';

export type CoverageState = 'live' | 'ended';
export type LiveUpdateStatus = 'draft' | 'scheduled' | 'published';

export interface Coverage {
  state: CoverageState;
  started_at: string;
  ended_at: string | null;
}

export interface LiveUpdate {
  id: number;
  article_id: number;
  version: number;
  status: LiveUpdateStatus;
  headline: string;
  doc: DocumentJson;
  plain_text: string;
  key_event: boolean;
  pinned: boolean;
  push: boolean;
  correction: string;
  authors: Array<{ id: number; name: string; slug: string }>;
  created_by: number | null;
  created_by_name: string | null;
  published_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface DeskMember {
  user_id: number;
  name: string;
  typing: boolean;
}

export interface LiveDeskAnswer {
  coverage: Coverage | null;
  /** Published and scheduled, newest first, one page. */
  updates: LiveUpdate[];
  next_before: number | null;
  /** The signed-in person's own drafts, newest first. */
  drafts: LiveUpdate[];
  present: DeskMember[];
}

export interface LiveRevision {
  version: number;
  created_at: string;
  created_by_name: string | null;
  snapshot: {
    status?: string;
    headline?: string;
    doc?: unknown;
    key_event?: boolean;
    pinned?: boolean;
    correction?: string;
    published_at?: string | null;
    authors?: string[];
  };
}

/** Fields a desk may send when creating or editing an update. */
export interface LiveUpdateFields {
  headline?: string;
  doc?: DocumentJson;
  status?: LiveUpdateStatus;
  /** Newsroom wall-clock time, `YYYY-MM-DDTHH:mm`, for a scheduled update. */
  published_at?: string | null;
  key_event?: boolean;
  pinned?: boolean;
  push?: boolean;
  correction?: string;
  /** Author names, as for articles; the server makes unknown names into authors. */
  authors?: string[];
}
