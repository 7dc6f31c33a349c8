import type { Generated } from 'kysely';

// Member comments (migration 2026120707-comments, ADR 0028).

/** Who may comment: nobody, any signed-in member, or paying members only. */
export type CommentMode = 'off' | 'members' | 'paying';

/**
 * `published`: shown to everyone; `held`: waiting for staff (only its author sees it);
 * `hidden`: removed by staff; `deleted`: removed by its author (replies keep a placeholder).
 */
export type CommentStatus = 'published' | 'held' | 'hidden' | 'deleted';

/** Why a comment waits for staff. */
export type HoldReason = 'first-comment' | 'keyword' | 'link' | 'reports';

export interface CommentTable {
  id: Generated<number>;
  article_id: number;
  /** A top-level comment's id (replies are one level deep), or null. */
  parent_id: number | null;
  member_id: number;
  author_name: string;
  /** JSON of the sanitized blocks (comment-body.ts). */
  body: string;
  /** The body as plain text (keyword holds, emails, the admin queue). */
  body_text: string;
  status: CommentStatus;
  hold_reason: HoldReason | null;
  reports: Generated<number>;
  created_at: string;
  edited_at: string | null;
  moderated_at: string | null;
  moderated_by: number | null;
}

export interface CommentArticleSettingTable {
  article_id: number;
  mode: CommentMode;
  updated_at: string;
}

export interface CommentReaderTable {
  member_id: number;
  display_name: string;
  trusted_at: string | null;
  banned_at: string | null;
  notify_replies: Generated<number>;
  unsubscribe_hash: string;
  created_at: string;
  updated_at: string;
}

export interface CommentReportTable {
  comment_id: number;
  member_id: number;
  created_at: string;
}

declare module '../platform/db/database-schema.js' {
  interface Database {
    comments: CommentTable;
    comment_article_settings: CommentArticleSettingTable;
    comment_readers: CommentReaderTable;
    comment_reports: CommentReportTable;
  }
}
