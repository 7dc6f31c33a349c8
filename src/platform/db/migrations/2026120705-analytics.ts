import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter } from 'kysely';

// First-party reader analytics (issue 16): raw beacon events (kept for a configurable number of
// days), the daily aggregates written in the same transaction as the events, the day's salt
// for visitor hashes (deleted when its day ends) and which visitors were already counted today.
// No address, cookie or user agent is stored. Timestamps are ISO-8601 UTC text (ADR 0003).

type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const zero = (c: ColumnDefinitionBuilder) => c.notNull().defaultTo(0);
const empty = (c: ColumnDefinitionBuilder) => c.notNull().defaultTo('');

/** The measures every page aggregate carries (one column each). */
export const pageMeasures = [
  'views',
  'visitors',
  'engaged_seconds',
  'scroll25',
  'scroll50',
  'scroll75',
  'scroll100',
  'clicks_out',
  'clicks_in',
  'plays',
  'form_views',
  'form_submits',
  'prompt_views',
  'prompt_clicks',
] as const;

export async function up(db: AnyDb): Promise<void> {
  const isPostgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = (c: ColumnDefinitionBuilder) =>
    isPostgres ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement();

  await db.schema
    .createTable('analytics_events')
    .ifNotExists()
    .addColumn('id', isPostgres ? 'bigint' : 'integer', id)
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('article_id', 'integer', zero)
    .addColumn('visitor', 'text', (c) => c.notNull())
    .addColumn('new_visitor', 'integer', zero)
    .addColumn('new_page_visitor', 'integer', zero)
    .addColumn('medium', 'text', empty)
    .addColumn('source', 'text', empty)
    .addColumn('campaign', 'text', empty)
    .addColumn('device', 'text', empty)
    .addColumn('country', 'text', empty)
    .addColumn('value', 'integer', zero)
    .addColumn('target', 'text', empty)
    .execute();
  await db.schema
    .createIndex('analytics_events_at_idx')
    .ifNotExists()
    .on('analytics_events')
    .column('at')
    .execute();
  await db.schema
    .createIndex('analytics_events_day_idx')
    .ifNotExists()
    .on('analytics_events')
    .columns(['day', 'path'])
    .execute();

  let pages = db.schema
    .createTable('analytics_page_days')
    .ifNotExists()
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('article_id', 'integer', zero);
  for (const measure of pageMeasures) pages = pages.addColumn(measure, 'bigint', zero);
  await pages.addPrimaryKeyConstraint('analytics_page_days_pk', ['day', 'path']).execute();
  await db.schema
    .createIndex('analytics_page_days_article_idx')
    .ifNotExists()
    .on('analytics_page_days')
    .columns(['article_id', 'day'])
    .execute();

  await db.schema
    .createTable('analytics_source_days')
    .ifNotExists()
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('medium', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('campaign', 'text', (c) => c.notNull())
    .addColumn('views', 'bigint', zero)
    .addColumn('visitors', 'bigint', zero)
    .addPrimaryKeyConstraint('analytics_source_days_pk', ['day', 'medium', 'source', 'campaign'])
    .execute();

  await db.schema
    .createTable('analytics_dimension_days')
    .ifNotExists()
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('dimension', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('views', 'bigint', zero)
    .addColumn('visitors', 'bigint', zero)
    .addPrimaryKeyConstraint('analytics_dimension_days_pk', ['day', 'dimension', 'value'])
    .execute();

  await db.schema
    .createTable('analytics_hours')
    .ifNotExists()
    .addColumn('hour', 'text', (c) => c.primaryKey())
    .addColumn('views', 'bigint', zero)
    .addColumn('visitors', 'bigint', zero)
    .addColumn('engaged_seconds', 'bigint', zero)
    .addColumn('plays', 'bigint', zero)
    .execute();

  await db.schema
    .createTable('analytics_salts')
    .ifNotExists()
    .addColumn('day', 'text', (c) => c.primaryKey())
    .addColumn('salt', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('analytics_visitor_days')
    .ifNotExists()
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('visitor', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('analytics_visitor_days_pk', ['day', 'visitor', 'scope'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const table of [
    'analytics_visitor_days',
    'analytics_salts',
    'analytics_hours',
    'analytics_dimension_days',
    'analytics_source_days',
    'analytics_page_days',
    'analytics_events',
  ])
    await db.schema.dropTable(table).ifExists().execute();
}
