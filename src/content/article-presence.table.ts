/** A staff member with an article open in the editor, as of `seen_at` (ISO text). */
export interface ArticlePresenceTable {
  article_id: number;
  user_id: number;
  seen_at: string;
}

declare module '../platform/db/database-schema.js' {
  interface Database {
    article_presence: ArticlePresenceTable;
  }
}
