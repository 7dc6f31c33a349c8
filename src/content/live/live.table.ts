import type { Generated, Selectable } from 'kysely';

// Live coverage rows (migration 2026120702-live-coverage). Booleans are 0/1 integers.

export type LiveUpdateStatus = 'draft' | 'scheduled' | 'published' | 'deleted';

export interface LiveCoverageTable {
  article_id: number;
  started_at: string;
  /** Set when the coverage ended (archived); null while it is live. */
  ended_at: string | null;
  updated_at: string;
}

export interface LiveUpdateTable {
  id: Generated<number>;
  article_id: number;
  status: LiveUpdateStatus;
  headline: string;
  /** The body as document JSON (the articles' schema). */
  doc: string;
  plain_text: string;
  key_event: number;
  pinned: number;
  /** Send a push alert to the coverage's followers when it is published. */
  push: number;
  /** A correction note shown with the update ('' when none). */
  correction: string;
  /** When readers saw it first (or will, for a scheduled update). */
  published_at: string | null;
  created_by: number | null;
  version: number;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface LiveUpdateAuthorTable {
  update_id: number;
  author_id: number;
  position: number;
}

export interface LiveUpdateRevisionTable {
  id: Generated<number>;
  update_id: number;
  version: number;
  snapshot: string;
  created_by: number | null;
  created_at: string;
}

export interface LiveDeskPresenceTable {
  article_id: number;
  user_id: number;
  seen_at: string;
  typing_at: string | null;
}

export type LiveCoverageRow = Selectable<LiveCoverageTable>;
export type LiveUpdateRow = Selectable<LiveUpdateTable>;

declare module '../../platform/db/database-schema.js' {
  interface Database {
    live_coverages: LiveCoverageTable;
    live_updates: LiveUpdateTable;
    live_update_authors: LiveUpdateAuthorTable;
    live_update_revisions: LiveUpdateRevisionTable;
    live_desk_presence: LiveDeskPresenceTable;
  }
}
