import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter } from 'kysely';

// Web push (src/push/, ADR 0022): the VAPID keys every node shares, readers' subscriptions
// (sealed: the endpoint and keys are stored encrypted, found by a keyed hash), the topics each
// follows, the alerts staff or live updates send, and one delivery row per (alert, subscription)
// frozen when the alert starts, so nobody is alerted twice.

type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export async function up(db: AnyDb): Promise<void> {
  const isPostgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const identity = (c: ColumnDefinitionBuilder) =>
    isPostgres ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement();
  await db.schema
    .createTable('push_keys')
    .ifNotExists()
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('vapid_public_key', 'text', (c) => c.notNull())
    .addColumn('vapid_private_key', 'text', (c) => c.notNull())
    .addColumn('subscription_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('push_subscriptions')
    .ifNotExists()
    .addColumn('id', 'integer', identity)
    .addColumn('endpoint_hash', 'text', (c) => c.notNull().unique())
    .addColumn('sealed', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('last_sent_at', 'text')
    .execute();
  await db.schema
    .createTable('push_subscription_topics')
    .ifNotExists()
    .addColumn('subscription_id', 'integer', (c) =>
      c.notNull().references('push_subscriptions.id').onDelete('cascade'),
    )
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('push_subscription_topics_pk', ['subscription_id', 'topic'])
    .execute();
  await db.schema
    .createIndex('push_subscription_topics_topic_idx')
    .ifNotExists()
    .on('push_subscription_topics')
    .columns(['topic', 'subscription_id'])
    .execute();
  await db.schema
    .createTable('push_alerts')
    .ifNotExists()
    .addColumn('id', 'integer', identity)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('language', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('image_url', 'text')
    .addColumn('urgency', 'text', (c) => c.notNull())
    .addColumn('ttl_seconds', 'integer', (c) => c.notNull())
    .addColumn('article_id', 'integer')
    // A live update is alerted once, however often its event is delivered.
    .addColumn('live_update_id', 'integer', (c) => c.unique())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .addColumn('recipients_total', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('frozen_at', 'text')
    .addColumn('finished_at', 'text')
    .execute();
  await db.schema
    .createTable('push_deliveries')
    .ifNotExists()
    .addColumn('id', 'integer', identity)
    .addColumn('alert_id', 'integer', (c) =>
      c.notNull().references('push_alerts.id').onDelete('cascade'),
    )
    // Set null when the subscription is removed (410, or the reader unsubscribed): the row
    // stays for the alert's figures.
    .addColumn('subscription_id', 'integer', (c) =>
      c.references('push_subscriptions.id').onDelete('set null'),
    )
    .addColumn('batch', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('claimed_by', 'text')
    .addColumn('claim_expires_at', 'text')
    .addColumn('response', 'text')
    .addColumn('sent_at', 'text')
    .addColumn('clicked_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('push_deliveries_alert_subscription_unique', [
      'alert_id',
      'subscription_id',
    ])
    .execute();
  await db.schema
    .createIndex('push_deliveries_batch_idx')
    .ifNotExists()
    .on('push_deliveries')
    .columns(['alert_id', 'batch', 'status'])
    .execute();
  await db.schema
    .createIndex('push_deliveries_subscription_idx')
    .ifNotExists()
    .on('push_deliveries')
    .column('subscription_id')
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('push_deliveries').ifExists().execute();
  await db.schema.dropTable('push_alerts').ifExists().execute();
  await db.schema.dropTable('push_subscription_topics').ifExists().execute();
  await db.schema.dropTable('push_subscriptions').ifExists().execute();
  await db.schema.dropTable('push_keys').ifExists().execute();
}
