import { type Kysely, PostgresAdapter } from 'kysely';

// Cross-process purge log for SQLite deployments where `serve --no-worker` and `worker` share
// one database file (PostgreSQL uses LISTEN/NOTIFY instead and leaves this table empty).

type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export async function up(db: AnyDb): Promise<void> {
  const isPostgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('cache_purges')
    .ifNotExists()
    .addColumn('id', 'integer', (c) =>
      isPostgres ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement(),
    )
    .addColumn('node_id', 'text', (c) => c.notNull())
    .addColumn('keys', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('cache_purges').ifExists().execute();
}
