import {
  type ColumnDefinitionBuilder,
  type CreateTableBuilder,
  type Kysely,
  PostgresAdapter,
} from 'kysely';

// Reader revenue: members (reader accounts), their sign-in links and sessions, checkouts,
// subscriptions (memberships and recurring donations), payments, and the provider events
// recorded once each. Never imports application code. Money is integer minor units
// (cents) with an ISO 4217 currency; timestamps are ISO-8601 UTC text (ADR 0003).

type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function isPostgres(db: AnyDb): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

function withId<T extends string>(
  db: AnyDb,
  table: CreateTableBuilder<T, never>,
): CreateTableBuilder<T, 'id'> {
  return isPostgres(db)
    ? table.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

const text = 'text';
const notNull = (c: ColumnDefinitionBuilder) => c.notNull();
const emptyText = (c: ColumnDefinitionBuilder) => c.notNull().defaultTo('');
const zero = (c: ColumnDefinitionBuilder) => c.notNull().defaultTo(0);
const memberRef = (c: ColumnDefinitionBuilder) =>
  c.notNull().references('members.id').onDelete('cascade');

export async function up(db: AnyDb): Promise<void> {
  await withId(db, db.schema.createTable('members').ifNotExists())
    .addColumn('email', text, (c) => c.notNull().unique())
    .addColumn('name', text, emptyText)
    .addColumn('status', text, (c) => c.notNull().defaultTo('free'))
    .addColumn('provider', text)
    .addColumn('provider_customer_id', text)
    .addColumn('created_at', text, notNull)
    .addColumn('updated_at', text, notNull)
    .addColumn('last_sign_in_at', text)
    .execute();
  await db.schema
    .createIndex('members_provider_customer')
    .ifNotExists()
    .unique()
    .on('members')
    .columns(['provider', 'provider_customer_id'])
    .execute();

  await withId(db, db.schema.createTable('member_sign_in_tokens').ifNotExists())
    .addColumn('member_id', 'integer', memberRef)
    .addColumn('token_hash', text, (c) => c.notNull().unique())
    .addColumn('redirect_to', text, emptyText)
    .addColumn('created_at', text, notNull)
    .addColumn('expires_at', text, notNull)
    .addColumn('used_at', text)
    .execute();

  await withId(db, db.schema.createTable('member_sessions').ifNotExists())
    .addColumn('member_id', 'integer', memberRef)
    .addColumn('token_hash', text, (c) => c.notNull().unique())
    .addColumn('created_at', text, notNull)
    .addColumn('expires_at', text, notNull)
    .addColumn('last_seen_at', text, notNull)
    .execute();

  await db.schema
    .createTable('checkouts')
    .ifNotExists()
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('provider', text, notNull)
    .addColumn('provider_session_id', text)
    .addColumn('member_id', 'integer', (c) => c.references('members.id').onDelete('set null'))
    .addColumn('email', text, emptyText)
    .addColumn('kind', text, notNull)
    .addColumn('tier_id', text, emptyText)
    .addColumn('interval', text)
    .addColumn('amount', 'integer', notNull)
    .addColumn('fee_amount', 'integer', zero)
    .addColumn('currency', text, notNull)
    .addColumn('article_id', 'integer')
    .addColumn('prompt', text, emptyText)
    .addColumn('page', text, emptyText)
    .addColumn('status', text, (c) => c.notNull().defaultTo('open'))
    .addColumn('created_at', text, notNull)
    .addColumn('completed_at', text)
    .execute();
  await db.schema
    .createIndex('checkouts_provider_session')
    .ifNotExists()
    .unique()
    .on('checkouts')
    .columns(['provider', 'provider_session_id'])
    .execute();

  await withId(db, db.schema.createTable('revenue_subscriptions').ifNotExists())
    .addColumn('member_id', 'integer', memberRef)
    .addColumn('provider', text, notNull)
    .addColumn('provider_subscription_id', text, notNull)
    .addColumn('kind', text, notNull)
    .addColumn('tier_id', text, emptyText)
    .addColumn('interval', text, notNull)
    .addColumn('amount', 'integer', notNull)
    .addColumn('currency', text, notNull)
    .addColumn('status', text, notNull)
    .addColumn('current_period_end', text)
    .addColumn('cancel_at_period_end', 'integer', zero)
    .addColumn('canceled_at', text)
    .addColumn('checkout_id', text)
    .addColumn('article_id', 'integer')
    .addColumn('prompt', text, emptyText)
    .addColumn('page', text, emptyText)
    .addColumn('provider_updated_at', text, notNull)
    .addColumn('created_at', text, notNull)
    .addColumn('updated_at', text, notNull)
    .addUniqueConstraint('revenue_subscriptions_provider_id', [
      'provider',
      'provider_subscription_id',
    ])
    .execute();
  await db.schema
    .createIndex('revenue_subscriptions_member')
    .ifNotExists()
    .on('revenue_subscriptions')
    .column('member_id')
    .execute();

  await withId(db, db.schema.createTable('payments').ifNotExists())
    .addColumn('member_id', 'integer', memberRef)
    .addColumn('provider', text, notNull)
    .addColumn('provider_payment_id', text, notNull)
    .addColumn('kind', text, notNull)
    .addColumn('subscription_id', 'integer', (c) =>
      c.references('revenue_subscriptions.id').onDelete('set null'),
    )
    .addColumn('amount', 'integer', notNull)
    .addColumn('fee_amount', 'integer', zero)
    .addColumn('amount_refunded', 'integer', zero)
    .addColumn('currency', text, notNull)
    .addColumn('status', text, notNull)
    .addColumn('receipt_url', text, emptyText)
    .addColumn('checkout_id', text)
    .addColumn('article_id', 'integer')
    .addColumn('prompt', text, emptyText)
    .addColumn('page', text, emptyText)
    .addColumn('paid_at', text, notNull)
    .addColumn('created_at', text, notNull)
    .addColumn('updated_at', text, notNull)
    .addUniqueConstraint('payments_provider_id', ['provider', 'provider_payment_id'])
    .execute();
  await db.schema
    .createIndex('payments_member')
    .ifNotExists()
    .on('payments')
    .column('member_id')
    .execute();
  await db.schema
    .createIndex('payments_paid_at')
    .ifNotExists()
    .on('payments')
    .column('paid_at')
    .execute();

  await db.schema
    .createTable('payment_events')
    .ifNotExists()
    .addColumn('provider', text, notNull)
    .addColumn('event_id', text, notNull)
    .addColumn('type', text, notNull)
    .addColumn('object_id', text, emptyText)
    .addColumn('payload', text, notNull)
    .addColumn('event_created_at', text, notNull)
    .addColumn('received_at', text, notNull)
    .addColumn('processed_at', text)
    .addPrimaryKeyConstraint('payment_events_pk', ['provider', 'event_id'])
    .execute();

  // The sandbox provider's own records (its "Stripe account"): Stripe-shaped JSON objects.
  await db.schema
    .createTable('sandbox_objects')
    .ifNotExists()
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('type', text, notNull)
    .addColumn('data', text, notNull)
    .addColumn('created_at', text, notNull)
    .addColumn('updated_at', text, notNull)
    .execute();

  // Reader emails about payments, one row per fact (e.g. "receipt:sandbox:pi_…"): inserted in
  // the transaction that learns the fact, and the email job enqueued only when the row is new,
  // so a redelivered or replayed event never sends the same email twice.
  await db.schema
    .createTable('revenue_notices')
    .ifNotExists()
    .addColumn('key', text, (c) => c.primaryKey())
    .addColumn('created_at', text, notNull)
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const table of [
    'revenue_notices',
    'sandbox_objects',
    'payment_events',
    'payments',
    'revenue_subscriptions',
    'checkouts',
    'member_sessions',
    'member_sign_in_tokens',
    'members',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
