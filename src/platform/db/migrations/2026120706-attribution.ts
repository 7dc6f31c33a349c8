import type { ColumnDefinitionBuilder, Kysely } from 'kysely';

// Attribution (issue 16): for each checkout and newsletter signup, the first and the last visit
// from elsewhere that led to it, as the reader's browser remembered them (30 days at most),
// already normalized to medium/source/campaign and the landing path. No referrer URL, address
// or user agent is kept. A conversion counts when its payment or confirmation happens; this
// row only says where it came from.

type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const empty = (c: ColumnDefinitionBuilder) => c.notNull().defaultTo('');

export async function up(db: AnyDb): Promise<void> {
  let table = db.schema
    .createTable('analytics_touches')
    .ifNotExists()
    // checkout (ref = checkouts.id) or signup (ref = consent_records.id).
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('ref', 'text', (c) => c.notNull())
    .addColumn('article_id', 'integer')
    .addColumn('prompt', 'text', empty)
    .addColumn('location', 'text', empty);
  for (const touch of ['first', 'last'])
    table = table
      .addColumn(`${touch}_medium`, 'text', (c) => c.notNull().defaultTo('direct'))
      .addColumn(`${touch}_source`, 'text', empty)
      .addColumn(`${touch}_campaign`, 'text', empty)
      .addColumn(`${touch}_path`, 'text', empty)
      .addColumn(`${touch}_at`, 'text', empty);
  await table
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('analytics_touches_pk', ['kind', 'ref'])
    .execute();
  await db.schema
    .createIndex('analytics_touches_created_idx')
    .ifNotExists()
    .on('analytics_touches')
    .column('created_at')
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('analytics_touches').ifExists().execute();
}
