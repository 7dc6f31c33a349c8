import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter } from 'kysely';

// Member comments (src/comments/, ADR 0025): the comments themselves (threaded one level:
// `parent_id` is a top-level comment or null), per-article settings kept apart from the content
// tables, readers' moderation state and reply-email preference, and one report per (comment,
// member). The site-wide settings are a JSON row in `settings` (key `comments`).

type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export async function up(db: AnyDb): Promise<void> {
  const isPostgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const identity = (c: ColumnDefinitionBuilder) =>
    isPostgres ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement();
  await db.schema
    .createTable('comment_article_settings')
    .ifNotExists()
    .addColumn('article_id', 'integer', (c) =>
      c.primaryKey().references('articles.id').onDelete('cascade'),
    )
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('comment_readers')
    .ifNotExists()
    .addColumn('member_id', 'integer', (c) =>
      c.primaryKey().references('members.id').onDelete('cascade'),
    )
    .addColumn('display_name', 'text', (c) => c.notNull())
    // Set once staff approve one of the reader's comments (ends first-comment moderation).
    .addColumn('trusted_at', 'text')
    .addColumn('banned_at', 'text')
    .addColumn('notify_replies', 'integer', (c) => c.notNull().defaultTo(1))
    // sha256 of the secret in reply emails' opt-out link.
    .addColumn('unsubscribe_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('comments')
    .ifNotExists()
    .addColumn('id', 'integer', identity)
    .addColumn('article_id', 'integer', (c) =>
      c.notNull().references('articles.id').onDelete('cascade'),
    )
    .addColumn('parent_id', 'integer', (c) => c.references('comments.id').onDelete('cascade'))
    .addColumn('member_id', 'integer', (c) =>
      c.notNull().references('members.id').onDelete('cascade'),
    )
    .addColumn('author_name', 'text', (c) => c.notNull())
    // The sanitized body as JSON blocks (comment-body.ts); rendered by escaping, never raw.
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('body_text', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('hold_reason', 'text')
    .addColumn('reports', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('edited_at', 'text')
    .addColumn('moderated_at', 'text')
    .addColumn('moderated_by', 'integer')
    .execute();
  await db.schema
    .createIndex('comments_article_idx')
    .ifNotExists()
    .on('comments')
    .columns(['article_id', 'status', 'parent_id', 'id'])
    .execute();
  await db.schema
    .createIndex('comments_parent_idx')
    .ifNotExists()
    .on('comments')
    .columns(['parent_id', 'id'])
    .execute();
  await db.schema
    .createIndex('comments_status_idx')
    .ifNotExists()
    .on('comments')
    .columns(['status', 'id'])
    .execute();
  await db.schema
    .createIndex('comments_member_idx')
    .ifNotExists()
    .on('comments')
    .columns(['member_id', 'id'])
    .execute();
  await db.schema
    .createTable('comment_reports')
    .ifNotExists()
    .addColumn('comment_id', 'integer', (c) =>
      c.notNull().references('comments.id').onDelete('cascade'),
    )
    .addColumn('member_id', 'integer', (c) =>
      c.notNull().references('members.id').onDelete('cascade'),
    )
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('comment_reports_pk', ['comment_id', 'member_id'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('comment_reports').ifExists().execute();
  await db.schema.dropTable('comments').ifExists().execute();
  await db.schema.dropTable('comment_readers').ifExists().execute();
  await db.schema.dropTable('comment_article_settings').ifExists().execute();
}
