import type { Generated } from 'kysely';

/** A member's gift link to one article (migration 2026120708-access-levels). */
export interface AccessGiftLinkTable {
  id: Generated<number>;
  /** SHA-256 (base64url) of the link's token; the token itself is never stored. */
  token_hash: string;
  article_id: number;
  member_id: number;
  max_opens: number;
  opens: number;
  expires_at: string;
  created_at: string;
}

declare module '../../platform/db/database-schema.js' {
  interface Database {
    access_gift_links: AccessGiftLinkTable;
  }
}
