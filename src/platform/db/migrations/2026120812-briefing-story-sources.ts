import type { Kysely } from 'kysely';

// Where each story of a daily briefing came from (ADR 0029, addendum 2): a JSON array beside
// `article_ids`, one of `pick`, `most-read` or `latest` per story in the same order, so a
// regeneration keeps the morning's most-read and latest stories instead of reading the
// standings again. NULL on briefings made before this column (the build treats their
// non-picks as most read). Adding a nullable column keeps every row, on both dialects, and
// is skipped on a re-run.

type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function hasColumn(db: AnyDb, table: string, column: string): Promise<boolean> {
  const tables = await db.introspection.getTables();
  return tables.some((t) => t.name === table && t.columns.some((c) => c.name === column));
}

export async function up(db: AnyDb): Promise<void> {
  if (!(await hasColumn(db, 'audio_briefings', 'story_sources')))
    await db.schema.alterTable('audio_briefings').addColumn('story_sources', 'text').execute();
}

export async function down(db: AnyDb): Promise<void> {
  if (await hasColumn(db, 'audio_briefings', 'story_sources'))
    await db.schema.alterTable('audio_briefings').dropColumn('story_sources').execute();
}
