import type { Kysely } from 'kysely';

// The spoken summary of a live coverage's key events (issue 15): the newest one per coverage.
// Its MP3 and the paragraph cache entries it was joined from live in the blob store like
// article narrations (`audio/`), and garbage collection keeps what this row names.
// Timestamps are ISO-8601 UTC text (ADR 0003).

type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('live_summaries')
    .ifNotExists()
    .addColumn('article_id', 'integer', (c) =>
      c.primaryKey().references('articles.id').onDelete('cascade'),
    )
    .addColumn('file', 'text', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('duration_ms', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('key_events', 'integer', (c) => c.notNull().defaultTo(0))
    // JSON array of { index, startMs, durationMs, cacheKey } (as narrations.paragraphs).
    .addColumn('paragraphs', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('spoken_text', 'text', (c) => c.notNull().defaultTo(''))
    // A hash of what the key events say and the voice: an unchanged set is not made again.
    .addColumn('source_hash', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('language', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('engine', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('voice', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('live_summaries').ifExists().execute();
}
