import type { Kysely } from 'kysely';

// oEmbed answers for embeds in article bodies, fetched by a job when an article is saved and
// read when a page renders (pages never wait on a provider). Only the sanitized presentation
// (frame source and size, or link-card fields) is stored, never the provider's HTML.

type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('oembed_cache')
    .ifNotExists()
    .addColumn('url', 'text', (c) => c.primaryKey())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('presentation', 'text')
    .addColumn('error', 'text')
    .addColumn('fetched_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('oembed_cache').ifExists().execute();
}
