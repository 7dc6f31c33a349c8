import type { Generated } from 'kysely';

/** One thing an import brought in, keyed by where it came from (so re-runs skip it). */
export interface ImportRecordTable {
  id: Generated<number>;
  /** e.g. `wordpress:https://old.example.org` */
  source: string;
  /** e.g. `post:123` */
  source_key: string;
  article_id: number | null;
  created_at: string;
}

declare module '../platform/db/database-schema.js' {
  interface Database {
    import_records: ImportRecordTable;
  }
}
