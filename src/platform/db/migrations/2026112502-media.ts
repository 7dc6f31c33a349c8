import { type Kysely, PostgresAdapter } from 'kysely';

// The media library (issue 3): one row per library entry; the files live under
// DATA_DIR/media with names made from the content hash, so entries with the same bytes share
// them. Articles get a link to a library entry for their featured image, next to the old URL
// column (kept: imported articles and API clients may still send a plain URL).

type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export async function up(db: AnyDb): Promise<void> {
  const isPostgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('media')
    .ifNotExists()
    .addColumn('id', 'integer', (c) =>
      isPostgres ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement(),
    )
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('byte_size', 'integer', (c) => c.notNull())
    .addColumn('variants', 'text', (c) => c.notNull())
    .addColumn('alt', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('caption', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('credit', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('original_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('media_hash').ifNotExists().on('media').column('hash').execute();
  await db.schema
    .createIndex('media_created_at')
    .ifNotExists()
    .on('media')
    .columns(['created_at', 'id'])
    .execute();
  const articleColumns = await db.introspection.getTables();
  const articles = articleColumns.find((t) => t.name === 'articles');
  if (articles && !articles.columns.some((c) => c.name === 'featured_media_id')) {
    await db.schema.alterTable('articles').addColumn('featured_media_id', 'integer').execute();
  }
  await db.schema
    .createIndex('articles_featured_media_id')
    .ifNotExists()
    .on('articles')
    .column('featured_media_id')
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropIndex('articles_featured_media_id').ifExists().execute();
  await db.schema.alterTable('articles').dropColumn('featured_media_id').execute();
  await db.schema.dropTable('media').ifExists().execute();
}
