import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter } from 'kysely';

// Live coverage (issue 15): an article can be a live coverage (started, ended); its updates are
// small posts with their own body document, byline, flags and history. Who is on a coverage's
// live desk (and typing) is kept in the database so every app node sees it.
// Timestamps are ISO-8601 UTC text (ADR 0003); booleans are 0/1 integers on both dialects.

type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const zero = (c: ColumnDefinitionBuilder) => c.notNull().defaultTo(0);

export async function up(db: AnyDb): Promise<void> {
  const isPostgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = (c: ColumnDefinitionBuilder) =>
    isPostgres ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement();

  await db.schema
    .createTable('live_coverages')
    .ifNotExists()
    .addColumn('article_id', 'integer', (c) =>
      c.primaryKey().references('articles.id').onDelete('cascade'),
    )
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('live_updates')
    .ifNotExists()
    .addColumn('id', 'integer', id)
    .addColumn('article_id', 'integer', (c) =>
      c.notNull().references('articles.id').onDelete('cascade'),
    )
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('headline', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('doc', 'text', (c) => c.notNull())
    .addColumn('plain_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('key_event', 'integer', zero)
    .addColumn('pinned', 'integer', zero)
    .addColumn('push', 'integer', zero)
    .addColumn('correction', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('published_at', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .execute();
  await db.schema
    .createIndex('live_updates_feed_idx')
    .ifNotExists()
    .on('live_updates')
    .columns(['article_id', 'status', 'published_at', 'id'])
    .execute();

  await db.schema
    .createTable('live_update_authors')
    .ifNotExists()
    .addColumn('update_id', 'integer', (c) =>
      c.notNull().references('live_updates.id').onDelete('cascade'),
    )
    .addColumn('author_id', 'integer', (c) =>
      c.notNull().references('authors.id').onDelete('cascade'),
    )
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('live_update_authors_pk', ['update_id', 'author_id'])
    .execute();

  await db.schema
    .createTable('live_update_revisions')
    .ifNotExists()
    .addColumn('id', 'integer', id)
    .addColumn('update_id', 'integer', (c) =>
      c.notNull().references('live_updates.id').onDelete('cascade'),
    )
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('live_update_revisions_update_idx')
    .ifNotExists()
    .on('live_update_revisions')
    .columns(['update_id', 'version'])
    .execute();

  await db.schema
    .createTable('live_desk_presence')
    .ifNotExists()
    .addColumn('article_id', 'integer', (c) =>
      c.notNull().references('articles.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('seen_at', 'text', (c) => c.notNull())
    .addColumn('typing_at', 'text')
    .addPrimaryKeyConstraint('live_desk_presence_pk', ['article_id', 'user_id'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('live_desk_presence').ifExists().execute();
  await db.schema.dropTable('live_update_revisions').ifExists().execute();
  await db.schema.dropTable('live_update_authors').ifExists().execute();
  await db.schema.dropTable('live_updates').ifExists().execute();
  await db.schema.dropTable('live_coverages').ifExists().execute();
}
