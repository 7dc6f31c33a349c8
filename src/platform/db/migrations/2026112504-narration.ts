import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter } from 'kysely';

// AI narration: one narration per article (status, the MP3, paragraph timings), the
// newsroom's pronunciation lexicon, and listening counters (aggregates only: no reader data).
// Never imports application code. Timestamps are ISO-8601 UTC text (ADR 0003).

type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const text = 'text';
const notNull = (c: ColumnDefinitionBuilder) => c.notNull();
const emptyText = (c: ColumnDefinitionBuilder) => c.notNull().defaultTo('');

export async function up(db: AnyDb): Promise<void> {
  const isPostgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('narrations')
    .ifNotExists()
    .addColumn('article_id', 'integer', (c) =>
      c.primaryKey().references('articles.id').onDelete('cascade'),
    )
    .addColumn('status', text, notNull)
    .addColumn('error', text, emptyText)
    // The last good audio stays listed while a newer version is queued or processing.
    .addColumn('file', text)
    .addColumn('bytes', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('duration_ms', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('paragraphs', text, (c) => c.notNull().defaultTo('[]'))
    .addColumn('engine', text, emptyText)
    .addColumn('voice', text, emptyText)
    .addColumn('article_version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', text, notNull)
    .addColumn('updated_at', text, notNull)
    .execute();

  await db.schema
    .createTable('audio_lexicon')
    .ifNotExists()
    .addColumn('id', 'integer', (c) =>
      isPostgres ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement(),
    )
    .addColumn('language', text, notNull)
    // '' applies to every engine; otherwise only to that engine (phonemes are engine-specific).
    .addColumn('engine', text, emptyText)
    .addColumn('term', text, notNull)
    .addColumn('replacement', text, notNull)
    .addColumn('note', text, emptyText)
    .addColumn('created_at', text, notNull)
    .addColumn('updated_at', text, notNull)
    .execute();
  await db.schema
    .createIndex('audio_lexicon_term')
    .ifNotExists()
    .on('audio_lexicon')
    .columns(['language', 'engine', 'term'])
    .unique()
    .execute();

  await db.schema
    .createTable('audio_listens')
    .ifNotExists()
    .addColumn('day', text, notNull)
    .addColumn('article_id', 'integer', (c) =>
      c.notNull().references('articles.id').onDelete('cascade'),
    )
    .addColumn('event', text, notNull)
    .addColumn('count', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('audio_listens_pk', ['day', 'article_id', 'event'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('audio_listens').ifExists().execute();
  await db.schema.dropTable('audio_lexicon').ifExists().execute();
  await db.schema.dropTable('narrations').ifExists().execute();
}
