import type { Kysely } from 'kysely';

// Shared rate-limit windows (ADR 0019): one row per limited key, incremented by an upsert, so
// every process and node counts in the same place. Rows whose window has ended are pruned.

type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('rate_limit_hits')
    .ifNotExists()
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('window_ends_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('rate_limit_hits_window_ends_at_idx')
    .ifNotExists()
    .on('rate_limit_hits')
    .column('window_ends_at')
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('rate_limit_hits').ifExists().execute();
}
