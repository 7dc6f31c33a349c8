import type { Kysely } from 'kysely';

// The daily audio briefing (issue 18): one narrated briefing per language and newsroom-local
// date, regenerated in place when the line-up changes. Its MP3 and the paragraph cache entries
// it was joined from live in the blob store like narrations (`audio/`); garbage collection
// keeps what these rows name. Timestamps are ISO-8601 UTC text (ADR 0003).

type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('audio_briefings')
    .ifNotExists()
    .addColumn('language', 'text', (c) => c.notNull())
    // YYYY-MM-DD in the newsroom's time zone: the slot the briefing belongs to.
    .addColumn('local_date', 'text', (c) => c.notNull())
    .addColumn('uuid', 'text', (c) => c.notNull())
    .addColumn('file', 'text', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('duration_ms', 'integer', (c) => c.notNull().defaultTo(0))
    // JSON array of the article ids read, in order.
    .addColumn('article_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('titles', 'text', (c) => c.notNull().defaultTo('[]'))
    // JSON array of { index, startMs, durationMs, cacheKey } (as narrations.paragraphs).
    .addColumn('paragraphs', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('spoken_text', 'text', (c) => c.notNull().defaultTo(''))
    // A hash of what it says and the voice: the same line-up again is not made again.
    .addColumn('source_hash', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('engine', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('voice', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('audio_briefings_pk', ['language', 'local_date'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('audio_briefings').ifExists().execute();
}
