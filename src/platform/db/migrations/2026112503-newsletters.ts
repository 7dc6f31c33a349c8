import {
  type ColumnDefinitionBuilder,
  type CreateTableBuilder,
  type Kysely,
  PostgresAdapter,
} from 'kysely';

// Newsletters: lists, subscribers, subscriptions, consent, suppressions, issues and the
// per-recipient delivery rows of the sending engine. Never imports application code.
// Timestamps are ISO-8601 UTC text (ADR 0003); booleans are 0/1 integers on both dialects.

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

export async function up(db: AnyDb): Promise<void> {
  await withId(db, db.schema.createTable('newsletters').ifNotExists())
    .addColumn('name', text, notNull)
    .addColumn('slug', text, (c) => c.notNull().unique())
    .addColumn('description', text, emptyText)
    .addColumn('sender_name', text, emptyText)
    .addColumn('sender_email', text, emptyText)
    .addColumn('reply_to', text, emptyText)
    .addColumn('visibility', text, (c) => c.notNull().defaultTo('public'))
    .addColumn('signup_default', 'integer', zero)
    .addColumn('welcome_subject', text, emptyText)
    .addColumn('welcome_text', text, emptyText)
    .addColumn('created_at', text, notNull)
    .addColumn('updated_at', text, notNull)
    .execute();

  await withId(db, db.schema.createTable('subscribers').ifNotExists())
    .addColumn('email', text, (c) => c.notNull().unique())
    .addColumn('name', text, emptyText)
    .addColumn('status', text, (c) => c.notNull().defaultTo('active'))
    .addColumn('soft_bounces', 'integer', zero)
    .addColumn('created_at', text, notNull)
    .addColumn('updated_at', text, notNull)
    .execute();

  await withId(db, db.schema.createTable('subscriptions').ifNotExists())
    .addColumn('subscriber_id', 'integer', (c) =>
      c.notNull().references('subscribers.id').onDelete('cascade'),
    )
    .addColumn('newsletter_id', 'integer', (c) =>
      c.notNull().references('newsletters.id').onDelete('cascade'),
    )
    .addColumn('status', text, notNull)
    .addColumn('created_at', text, notNull)
    .addColumn('confirmed_at', text)
    .addColumn('unsubscribed_at', text)
    .addUniqueConstraint('subscriptions_subscriber_newsletter', ['subscriber_id', 'newsletter_id'])
    .execute();
  await db.schema
    .createIndex('subscriptions_newsletter_status')
    .ifNotExists()
    .on('subscriptions')
    .columns(['newsletter_id', 'status', 'subscriber_id'])
    .execute();

  await withId(db, db.schema.createTable('consent_records').ifNotExists())
    .addColumn('subscriber_id', 'integer', (c) =>
      c.notNull().references('subscribers.id').onDelete('cascade'),
    )
    .addColumn('action', text, notNull)
    .addColumn('newsletter_ids', text, notNull)
    .addColumn('consent_text', text, emptyText)
    .addColumn('location', text, emptyText)
    .addColumn('ip', text, emptyText)
    .addColumn('user_agent', text, emptyText)
    .addColumn('created_at', text, notNull)
    .addColumn('confirmed_at', text)
    .addColumn('confirm_ip', text, emptyText)
    .addColumn('confirm_user_agent', text, emptyText)
    .execute();
  await db.schema
    .createIndex('consent_records_subscriber')
    .ifNotExists()
    .on('consent_records')
    .column('subscriber_id')
    .execute();

  await db.schema
    .createTable('suppressions')
    .ifNotExists()
    .addColumn('email', text, (c) => c.primaryKey())
    .addColumn('reason', text, notNull)
    .addColumn('detail', text, emptyText)
    .addColumn('created_at', text, notNull)
    .execute();

  await withId(db, db.schema.createTable('bounce_events').ifNotExists())
    .addColumn('email', text, notNull)
    .addColumn('delivery_id', 'integer')
    .addColumn('kind', text, notNull)
    .addColumn('detail', text, emptyText)
    .addColumn('created_at', text, notNull)
    .execute();
  await db.schema
    .createIndex('bounce_events_email')
    .ifNotExists()
    .on('bounce_events')
    .column('email')
    .execute();

  await withId(db, db.schema.createTable('newsletter_issues').ifNotExists())
    .addColumn('newsletter_id', 'integer', (c) =>
      c.notNull().references('newsletters.id').onDelete('cascade'),
    )
    .addColumn('subject', text, notNull)
    .addColumn('preheader', text, emptyText)
    .addColumn('content_kind', text, notNull)
    .addColumn('doc', text, emptyText)
    .addColumn('article_ids', text, (c) => c.notNull().defaultTo('[]'))
    .addColumn('status', text, notNull)
    .addColumn('scheduled_at', text)
    .addColumn('started_at', text)
    .addColumn('frozen_at', text)
    .addColumn('finished_at', text)
    .addColumn('recipients_total', 'integer', zero)
    .addColumn('created_at', text, notNull)
    .addColumn('updated_at', text, notNull)
    .execute();

  await withId(db, db.schema.createTable('newsletter_deliveries').ifNotExists())
    .addColumn('issue_id', 'integer', (c) =>
      c.notNull().references('newsletter_issues.id').onDelete('cascade'),
    )
    .addColumn('subscriber_id', 'integer', notNull)
    .addColumn('email', text, notNull)
    .addColumn('name', text, emptyText)
    .addColumn('status', text, notNull)
    .addColumn('attempts', 'integer', zero)
    .addColumn('next_attempt_at', text, notNull)
    .addColumn('claimed_by', text)
    .addColumn('claim_expires_at', text)
    .addColumn('message_id', text)
    .addColumn('smtp_response', text, emptyText)
    .addColumn('sent_at', text)
    .addColumn('updated_at', text, notNull)
    .addUniqueConstraint('newsletter_deliveries_issue_subscriber', ['issue_id', 'subscriber_id'])
    .execute();
  await db.schema
    .createIndex('newsletter_deliveries_issue_status')
    .ifNotExists()
    .on('newsletter_deliveries')
    .columns(['issue_id', 'status', 'next_attempt_at'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const table of [
    'newsletter_deliveries',
    'newsletter_issues',
    'bounce_events',
    'suppressions',
    'consent_records',
    'subscriptions',
    'subscribers',
    'newsletters',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
