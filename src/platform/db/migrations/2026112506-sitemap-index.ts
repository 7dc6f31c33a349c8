import type { Kysely } from 'kysely';

// Sitemaps page through published articles by id (keyset): "the id at offset n × 50,000" and
// "the next 1,000 ids after x" must be index-only at a million articles on both dialects. The
// existing (status, published_at) index orders by date, so it cannot serve an id order.

type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createIndex('articles_status_id')
    .ifNotExists()
    .on('articles')
    .columns(['status', 'id'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropIndex('articles_status_id').ifExists().execute();
}
