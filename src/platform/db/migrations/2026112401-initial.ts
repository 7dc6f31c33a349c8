import {
  type ColumnDefinitionBuilder,
  type CreateTableBuilder,
  type Kysely,
  PostgresAdapter,
  sql,
} from 'kysely';

// Migrations never import application code and are never edited once merged (STYLE.md §5).
// Timestamps are ISO-8601 UTC text on both dialects (ADR 0003).

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

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('settings')
    .ifNotExists()
    .addColumn('key', text, (c) => c.primaryKey())
    .addColumn('value', text, notNull)
    .addColumn('updated_at', text, notNull)
    .execute();

  await withId(db, db.schema.createTable('users').ifNotExists())
    .addColumn('email', text, (c) => c.notNull().unique())
    .addColumn('name', text, notNull)
    .addColumn('password_hash', text, notNull)
    .addColumn('role', text, notNull)
    .addColumn('created_at', text, notNull)
    .addColumn('updated_at', text, notNull)
    .addColumn('disabled_at', text)
    .execute();

  await db.schema
    .createTable('sessions')
    .ifNotExists()
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('csrf_token', text, notNull)
    .addColumn('created_at', text, notNull)
    .addColumn('expires_at', text, notNull)
    .addColumn('last_seen_at', text, notNull)
    .addColumn('ip', text, emptyText)
    .addColumn('user_agent', text, emptyText)
    .execute();
  await db.schema
    .createIndex('sessions_user_id')
    .ifNotExists()
    .on('sessions')
    .column('user_id')
    .execute();

  await withId(db, db.schema.createTable('api_tokens').ifNotExists())
    .addColumn('name', text, notNull)
    .addColumn('role', text, notNull)
    .addColumn('token_hash', text, (c) => c.notNull().unique())
    .addColumn('created_at', text, notNull)
    .addColumn('last_used_at', text)
    .addColumn('revoked_at', text)
    .execute();

  await withId(db, db.schema.createTable('authors').ifNotExists())
    .addColumn('kind', text, (c) => c.notNull().defaultTo('person'))
    .addColumn('name', text, notNull)
    .addColumn('slug', text, (c) => c.notNull().unique())
    .addColumn('bio', text, emptyText)
    .addColumn('image_url', text)
    .addColumn('created_at', text, notNull)
    .addColumn('updated_at', text, notNull)
    .execute();

  await withId(db, db.schema.createTable('tags').ifNotExists())
    .addColumn('name', text, notNull)
    .addColumn('slug', text, (c) => c.notNull().unique())
    .addColumn('description', text, emptyText)
    .addColumn('created_at', text, notNull)
    .addColumn('updated_at', text, notNull)
    .execute();

  await withId(db, db.schema.createTable('articles').ifNotExists())
    .addColumn('uuid', text, (c) => c.notNull().unique())
    .addColumn('title', text, notNull)
    .addColumn('slug', text, (c) => c.notNull().unique())
    .addColumn('excerpt', text, emptyText)
    .addColumn('word_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reading_minutes', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('status', text, notNull)
    .addColumn('published_at', text)
    .addColumn('language', text, (c) => c.notNull().defaultTo('en'))
    .addColumn('featured_image_url', text)
    .addColumn('featured_image_alt', text, emptyText)
    .addColumn('featured_image_caption', text, emptyText)
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_by_token', 'integer', (c) =>
      c.references('api_tokens.id').onDelete('set null'),
    )
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', text, notNull)
    .addColumn('updated_at', text, notNull)
    // The large columns come last: SQLite reads a row's columns in order, so filters and
    // list pages never walk a body's overflow pages.
    .addColumn('doc', text, notNull)
    .addColumn('plain_text', text, emptyText)
    .execute();
  await db.schema
    .createIndex('articles_status_published_at')
    .ifNotExists()
    .on('articles')
    .columns(['status', 'published_at'])
    .execute();
  await db.schema
    .createIndex('articles_updated_at')
    .ifNotExists()
    .on('articles')
    .column('updated_at')
    .execute();

  await db.schema
    .createTable('article_slugs')
    .ifNotExists()
    .addColumn('slug', text, (c) => c.primaryKey())
    .addColumn('article_id', 'integer', (c) =>
      c.notNull().references('articles.id').onDelete('cascade'),
    )
    .addColumn('created_at', text, notNull)
    .execute();

  await db.schema
    .createTable('article_authors')
    .ifNotExists()
    .addColumn('article_id', 'integer', (c) =>
      c.notNull().references('articles.id').onDelete('cascade'),
    )
    .addColumn('author_id', 'integer', (c) =>
      c.notNull().references('authors.id').onDelete('cascade'),
    )
    .addColumn('position', 'integer', notNull)
    .addPrimaryKeyConstraint('article_authors_pk', ['article_id', 'author_id'])
    .execute();
  await db.schema
    .createIndex('article_authors_author_id')
    .ifNotExists()
    .on('article_authors')
    .columns(['author_id', 'article_id'])
    .execute();

  await db.schema
    .createTable('article_tags')
    .ifNotExists()
    .addColumn('article_id', 'integer', (c) =>
      c.notNull().references('articles.id').onDelete('cascade'),
    )
    .addColumn('tag_id', 'integer', (c) => c.notNull().references('tags.id').onDelete('cascade'))
    .addColumn('position', 'integer', notNull)
    // Copies of the article's status and publication time, so a section's newest stories and
    // an article's related stories come from this index alone (no sort over every article).
    .addColumn('status', text, (c) => c.notNull().defaultTo('draft'))
    .addColumn('published_at', text)
    .addPrimaryKeyConstraint('article_tags_pk', ['article_id', 'tag_id'])
    .execute();
  await db.schema
    .createIndex('article_tags_listing')
    .ifNotExists()
    .on('article_tags')
    .columns(['tag_id', 'status', 'published_at', 'article_id'])
    .execute();

  await withId(db, db.schema.createTable('collections').ifNotExists())
    .addColumn('name', text, notNull)
    .addColumn('slug', text, (c) => c.notNull().unique())
    .addColumn('description', text, emptyText)
    .addColumn('created_at', text, notNull)
    .addColumn('updated_at', text, notNull)
    .execute();

  await db.schema
    .createTable('collection_items')
    .ifNotExists()
    .addColumn('collection_id', 'integer', (c) =>
      c.notNull().references('collections.id').onDelete('cascade'),
    )
    .addColumn('article_id', 'integer', (c) =>
      c.notNull().references('articles.id').onDelete('cascade'),
    )
    .addColumn('position', 'integer', notNull)
    .addPrimaryKeyConstraint('collection_items_pk', ['collection_id', 'article_id'])
    .execute();

  await withId(db, db.schema.createTable('revisions').ifNotExists())
    .addColumn('article_id', 'integer', (c) =>
      c.notNull().references('articles.id').onDelete('cascade'),
    )
    .addColumn('version', 'integer', notNull)
    .addColumn('snapshot', text, notNull)
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', text, notNull)
    .execute();
  await db.schema
    .createIndex('revisions_article_id')
    .ifNotExists()
    .on('revisions')
    .columns(['article_id', 'version'])
    .execute();

  await db.schema
    .createTable('article_links')
    .ifNotExists()
    .addColumn('from_article_id', 'integer', (c) =>
      c.notNull().references('articles.id').onDelete('cascade'),
    )
    .addColumn('to_article_id', 'integer', (c) =>
      c.notNull().references('articles.id').onDelete('cascade'),
    )
    .addPrimaryKeyConstraint('article_links_pk', ['from_article_id', 'to_article_id'])
    .execute();
  await db.schema
    .createIndex('article_links_to')
    .ifNotExists()
    .on('article_links')
    .column('to_article_id')
    .execute();

  await withId(db, db.schema.createTable('jobs').ifNotExists())
    .addColumn('name', text, notNull)
    .addColumn('payload', text, notNull)
    .addColumn('status', text, notNull)
    .addColumn('run_at', text, notNull)
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull().defaultTo(5))
    .addColumn('locked_by', text)
    .addColumn('locked_until', text)
    .addColumn('last_error', text)
    .addColumn('idempotency_key', text)
    .addColumn('created_at', text, notNull)
    .addColumn('updated_at', text, notNull)
    .addColumn('finished_at', text)
    .execute();
  await db.schema
    .createIndex('jobs_claim')
    .ifNotExists()
    .on('jobs')
    .columns(['status', 'run_at'])
    .execute();
  // One unfinished job per idempotency key; finished jobs free the key.
  await sql`create unique index if not exists jobs_idempotency_key on jobs (idempotency_key) where idempotency_key is not null and status in ('queued', 'running')`.execute(
    db,
  );
}

export async function down(db: AnyDb): Promise<void> {
  for (const table of [
    'jobs',
    'article_links',
    'revisions',
    'collection_items',
    'collections',
    'article_tags',
    'tags',
    'article_authors',
    'article_slugs',
    'articles',
    'authors',
    'api_tokens',
    'sessions',
    'users',
    'settings',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
