import { type Kysely, PostgresAdapter } from 'kysely';

// What imports brought in (so a re-run adds nothing twice) and the old URLs that redirect to
// imported articles (WordPress date-based permalinks, for example).

type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export async function up(db: AnyDb): Promise<void> {
  const isPostgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('import_records')
    .ifNotExists()
    .addColumn('id', 'integer', (c) =>
      isPostgres ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement(),
    )
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('source_key', 'text', (c) => c.notNull())
    .addColumn('article_id', 'integer', (c) => c.references('articles.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('import_records_source_key_unique', ['source', 'source_key'])
    .execute();
  await db.schema
    .createTable('redirects')
    .ifNotExists()
    .addColumn('path', 'text', (c) => c.primaryKey())
    .addColumn('article_id', 'integer', (c) =>
      c.notNull().references('articles.id').onDelete('cascade'),
    )
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('redirects').ifExists().execute();
  await db.schema.dropTable('import_records').ifExists().execute();
}
