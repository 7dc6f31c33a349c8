/** An old URL path (e.g. a WordPress permalink) that answers 301 to an article's current URL. */
export interface RedirectTable {
  path: string;
  article_id: number;
  created_at: string;
}

declare module '../platform/db/database-schema.js' {
  interface Database {
    redirects: RedirectTable;
  }
}
