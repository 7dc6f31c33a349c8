import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Full-text search index (ADR 0006). Never imports application code: the index is filled by
// `indexAllArticles` (run by `masthead search reindex`, and by `serve` when the index is empty
// while published articles exist), then kept current in the same transaction as every change.
//
// SQLite: two FTS5 tables, one per tokenizer. English gets Porter stemming; every other
// language (Ukrainian first) gets plain unicode61 without diacritic folding, so "й" stays
// distinct from "и" and "ї" from "і". The rowid is the article id.
// PostgreSQL: one table with a weighted tsvector built with the article's text-search
// configuration ('english' or 'simple'), and a GIN index.

type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const ftsColumns = 'title, excerpt, body, authors, tags';

export async function up(db: AnyDb): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await db.schema
      .createTable('search_documents')
      .ifNotExists()
      .addColumn('article_id', 'integer', (c) =>
        c.primaryKey().references('articles.id').onDelete('cascade'),
      )
      .addColumn('config', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('excerpt', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('authors', 'text', (c) => c.notNull())
      .addColumn('tags', 'text', (c) => c.notNull())
      .addColumn('document', sql`tsvector`, (c) => c.notNull())
      .execute();
    await sql`create index if not exists search_documents_document on search_documents using gin (document)`.execute(
      db,
    );
    return;
  }
  await sql
    .raw(
      `create virtual table if not exists search_english using fts5(${ftsColumns}, tokenize = 'porter unicode61 remove_diacritics 2')`,
    )
    .execute(db);
  await sql
    .raw(
      `create virtual table if not exists search_simple using fts5(${ftsColumns}, tokenize = 'unicode61 remove_diacritics 0')`,
    )
    .execute(db);
}

export async function down(db: AnyDb): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await db.schema.dropTable('search_documents').ifExists().execute();
    return;
  }
  await sql`drop table if exists search_english`.execute(db);
  await sql`drop table if exists search_simple`.execute(db);
}
