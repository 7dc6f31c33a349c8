import { type Kysely, PostgresAdapter, sql } from 'kysely';

// SQLite search tables gain a `facets` column (tag, author, month and year tokens, ADR 0012) so
// a filtered search is one FTS5 MATCH. FTS5 tables cannot gain columns: they are recreated
// empty, and `serve` (or `masthead search reindex`) refills an empty index. PostgreSQL: nothing.

type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const create = (table: string, tokenize: string, columns: string) =>
  sql.raw(`create virtual table ${table} using fts5(${columns}, tokenize = '${tokenize}')`);

const english = 'porter unicode61 remove_diacritics 2';
const simple = 'unicode61 remove_diacritics 0';

async function recreate(db: AnyDb, columns: string): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) return;
  await sql`drop table if exists search_english`.execute(db);
  await sql`drop table if exists search_simple`.execute(db);
  await create('search_english', english, columns).execute(db);
  await create('search_simple', simple, columns).execute(db);
}

export async function up(db: AnyDb): Promise<void> {
  await recreate(db, 'title, excerpt, body, authors, tags, facets');
}

export async function down(db: AnyDb): Promise<void> {
  await recreate(db, 'title, excerpt, body, authors, tags');
}
