import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter } from 'kysely';

// Newsletters, third step: the links of an issue, kept server-side so a click redirect only
// ever goes to a URL the issue really contained (the signed token names the link by id, never
// by URL), and one opens row per delivery (a unique index, so concurrent pixel loads count
// once). Never imports application code.

type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function idColumn(db: AnyDb) {
  return db.getExecutor().adapter instanceof PostgresAdapter
    ? (c: ColumnDefinitionBuilder) => c.primaryKey().generatedByDefaultAsIdentity()
    : (c: ColumnDefinitionBuilder) => c.primaryKey().autoIncrement();
}

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('newsletter_links')
    .ifNotExists()
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('issue_id', 'integer', (c) =>
      c.notNull().references('newsletter_issues.id').onDelete('cascade'),
    )
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('newsletter_links_issue_url')
    .ifNotExists()
    .unique()
    .on('newsletter_links')
    .columns(['issue_id', 'url'])
    .execute();
  // Opens were never recorded before this migration, so the table is empty and the unique
  // index cannot meet duplicates.
  await db.schema
    .createIndex('newsletter_opens_unique')
    .ifNotExists()
    .unique()
    .on('newsletter_opens')
    .columns(['issue_id', 'subscriber_id'])
    .execute();
  await db.schema
    .createIndex('newsletter_clicks_url')
    .ifNotExists()
    .on('newsletter_clicks')
    .columns(['issue_id', 'url'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropIndex('newsletter_clicks_url').ifExists().execute();
  await db.schema.dropIndex('newsletter_opens_unique').ifExists().execute();
  await db.schema.dropTable('newsletter_links').ifExists().execute();
}
