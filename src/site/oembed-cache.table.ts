/** One embed URL's oEmbed answer, reduced to what we render (never the provider's HTML). */
export interface OEmbedCacheTable {
  /** The content URL as it appears in the article document. */
  url: string;
  provider: string;
  /** `ok`: `presentation` holds the frame or card; `failed`: render a plain link. */
  status: 'ok' | 'failed';
  /** JSON of an `EmbedPresentation` (ok) or null. */
  presentation: string | null;
  /** Why the last fetch failed, for the logs and the admin. */
  error: string | null;
  fetched_at: string;
  /** After this, the next fetch job asks the provider again (the page keeps the last answer). */
  expires_at: string;
}

declare module '../platform/db/database-schema.js' {
  interface Database {
    oembed_cache: OEmbedCacheTable;
  }
}
