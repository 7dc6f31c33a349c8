import type { Kysely } from 'kysely';

// Full narration for entitled readers (issue 17, ADR 0026 addendum): a gated article's
// narration row also names the MP3 of its whole body, kept under `audio/full/` in the blob
// store and served only through an entitlement check. NULL for public articles (their one file
// is the whole body). Adding columns with defaults is safe on both dialects and on a re-run.

type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function hasColumn(db: AnyDb, table: string, column: string): Promise<boolean> {
  const tables = await db.introspection.getTables();
  return tables.some((t) => t.name === table && t.columns.some((c) => c.name === column));
}

const columns = ['full_file', 'full_bytes', 'full_duration_ms', 'full_paragraphs'] as const;

export async function up(db: AnyDb): Promise<void> {
  if (!(await hasColumn(db, 'narrations', 'full_file')))
    await db.schema.alterTable('narrations').addColumn('full_file', 'text').execute();
  if (!(await hasColumn(db, 'narrations', 'full_bytes')))
    await db.schema
      .alterTable('narrations')
      .addColumn('full_bytes', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
  if (!(await hasColumn(db, 'narrations', 'full_duration_ms')))
    await db.schema
      .alterTable('narrations')
      .addColumn('full_duration_ms', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
  if (!(await hasColumn(db, 'narrations', 'full_paragraphs')))
    await db.schema
      .alterTable('narrations')
      .addColumn('full_paragraphs', 'text', (c) => c.notNull().defaultTo('[]'))
      .execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const column of columns)
    if (await hasColumn(db, 'narrations', column))
      await db.schema.alterTable('narrations').dropColumn(column).execute();
}
