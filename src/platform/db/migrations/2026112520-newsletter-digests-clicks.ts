import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter } from 'kysely';

// Newsletters, second step: the automatic digest's schedule and its runs (one row per
// newsletter and slot: what makes a slot send at most once across workers), click and open
// tracking (opt-in per newsletter), why a send is waiting (hourly limit), and an index on
// sent_at for the hourly quota. Never imports application code.

type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const emptyText = (c: ColumnDefinitionBuilder) => c.notNull().defaultTo('');
const zero = (c: ColumnDefinitionBuilder) => c.notNull().defaultTo(0);

function idColumn(db: AnyDb) {
  return db.getExecutor().adapter instanceof PostgresAdapter
    ? (c: ColumnDefinitionBuilder) => c.primaryKey().generatedByDefaultAsIdentity()
    : (c: ColumnDefinitionBuilder) => c.primaryKey().autoIncrement();
}

export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable('newsletters').addColumn('digest_enabled', 'integer', zero).execute();
  await db.schema
    .alterTable('newsletters')
    .addColumn('digest_time', 'text', (c) => c.notNull().defaultTo('07:00'))
    .execute();
  // ISO weekdays (1 = Monday … 7 = Sunday) separated by commas; empty means every day.
  await db.schema.alterTable('newsletters').addColumn('digest_days', 'text', emptyText).execute();
  await db.schema.alterTable('newsletters').addColumn('track_clicks', 'integer', zero).execute();
  await db.schema.alterTable('newsletters').addColumn('track_opens', 'integer', zero).execute();
  await db.schema
    .alterTable('newsletter_issues')
    .addColumn('wait_reason', 'text', emptyText)
    .execute();
  await db.schema.alterTable('newsletter_issues').addColumn('wait_until', 'text').execute();

  await db.schema
    .createTable('newsletter_digest_runs')
    .ifNotExists()
    .addColumn('newsletter_id', 'integer', (c) =>
      c.notNull().references('newsletters.id').onDelete('cascade'),
    )
    .addColumn('slot', 'text', (c) => c.notNull())
    .addColumn('issue_id', 'integer')
    .addColumn('articles', 'integer', zero)
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('newsletter_digest_runs_pk', ['newsletter_id', 'slot'])
    .execute();

  for (const table of ['newsletter_clicks', 'newsletter_opens']) {
    let builder = db.schema
      .createTable(table)
      .ifNotExists()
      .addColumn('id', 'integer', idColumn(db))
      .addColumn('issue_id', 'integer', (c) =>
        c.notNull().references('newsletter_issues.id').onDelete('cascade'),
      )
      .addColumn('subscriber_id', 'integer', (c) => c.notNull());
    if (table === 'newsletter_clicks') builder = builder.addColumn('url', 'text', emptyText);
    await builder.addColumn('created_at', 'text', (c) => c.notNull()).execute();
    await db.schema
      .createIndex(`${table}_issue`)
      .ifNotExists()
      .on(table)
      .columns(['issue_id', 'subscriber_id'])
      .execute();
  }
  await db.schema
    .createIndex('newsletter_deliveries_sent_at')
    .ifNotExists()
    .on('newsletter_deliveries')
    .column('sent_at')
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropIndex('newsletter_deliveries_sent_at').ifExists().execute();
  for (const table of ['newsletter_opens', 'newsletter_clicks', 'newsletter_digest_runs'])
    await db.schema.dropTable(table).ifExists().execute();
  await db.schema.alterTable('newsletter_issues').dropColumn('wait_until').execute();
  await db.schema.alterTable('newsletter_issues').dropColumn('wait_reason').execute();
  for (const column of [
    'track_opens',
    'track_clicks',
    'digest_days',
    'digest_time',
    'digest_enabled',
  ])
    await db.schema.alterTable('newsletters').dropColumn(column).execute();
}
