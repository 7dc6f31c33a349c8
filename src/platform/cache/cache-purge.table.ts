import type { Generated } from 'kysely';

export interface CachePurgeTable {
  id: Generated<number>;
  /** The process that purged; it skips its own rows. */
  node_id: string;
  /** JSON array of surrogate keys. */
  keys: string;
  created_at: string;
}

declare module '../db/database-schema.js' {
  interface Database {
    cache_purges: CachePurgeTable;
  }
}
