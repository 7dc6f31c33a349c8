import { sql } from 'kysely';
import type { Dialect, Executor } from '../db/database.js';

// Which tables a backup holds, found by asking the database (so a table a new migration adds
// is backed up without touching this file), in an order that satisfies foreign keys.

export interface TableInfo {
  name: string;
  columns: string[];
  primaryKey: string[];
  /** Tables this one references (foreign keys), itself excluded. */
  references: string[];
  /** The identity/serial column whose sequence a restore resets (PostgreSQL). */
  identity: string | undefined;
}

/**
 * Tables left out, and why. Each is rebuilt or refilled by the running site; none holds
 * anything a reader or the newsroom would miss.
 */
export const skippedTables: Record<string, string> = {
  masthead_migrations: 'the target migrates itself; the names are in the manifest',
  masthead_migrations_lock: 'migration lock',
  cache_purges: 'page-cache purge log between processes (caches start empty)',
  rate_limit_hits: 'rate-limit counters (windows of minutes)',
  article_presence: '"who is editing" markers (seconds old)',
  search_documents: 'full-text index: dialect-specific, rebuilt by restore',
};

function isSkipped(name: string): boolean {
  return (
    name in skippedTables ||
    name.startsWith('sqlite_') ||
    // SQLite's FTS5 tables and their shadow tables: the index, rebuilt after a restore.
    name.startsWith('search_')
  );
}

/**
 * Columns that hold secrets or credentials: the file must be kept like the database itself.
 * Listed in the manifest so an operator sees why.
 */
export const sensitiveColumns: Record<string, string[]> = {
  users: ['password_hash'],
  user_totp: ['secret', 'pending_secret'],
  api_tokens: ['token_hash'],
  sessions: ['id', 'csrf_token'],
  invitations: ['token_hash'],
  password_resets: ['token_hash'],
  member_sessions: ['token_hash'],
  member_sign_in_tokens: ['token_hash'],
  settings: ['value'],
  payment_events: ['payload'],
  sandbox_objects: ['data'],
  members: ['email', 'provider_customer_id'],
  subscribers: ['email'],
  consent_records: ['ip', 'user_agent'],
};

/** Every table a backup holds, parents before the tables that reference them. */
export async function listBackupTables(db: Executor, dialect: Dialect): Promise<TableInfo[]> {
  const tables = dialect === 'sqlite' ? await describeSqlite(db) : await describePostgres(db);
  return orderByReferences(tables.filter((table) => !isSkipped(table.name)));
}

async function describeSqlite(db: Executor): Promise<TableInfo[]> {
  const names = await sql<{ name: string }>`
    select name from sqlite_master where type = 'table' order by name`.execute(db);
  const tables: TableInfo[] = [];
  for (const { name } of names.rows) {
    if (isSkipped(name)) continue;
    const columns = await sql<{ name: string; pk: number }>`
      select name, pk from pragma_table_info(${name}) order by cid`.execute(db);
    const keys = await sql<{ table: string }>`
      select distinct "table" from pragma_foreign_key_list(${name})`.execute(db);
    tables.push({
      name,
      columns: columns.rows.map((c) => c.name),
      primaryKey: columns.rows
        .filter((c) => c.pk > 0)
        .sort((a, b) => a.pk - b.pk)
        .map((c) => c.name),
      references: keys.rows.map((k) => k.table).filter((t) => t !== name),
      identity: undefined,
    });
  }
  return tables;
}

async function describePostgres(db: Executor): Promise<TableInfo[]> {
  const columns = await sql<{ table_name: string; column_name: string; identity: boolean }>`
    select table_name, column_name,
      (is_identity = 'YES' or coalesce(column_default, '') like 'nextval(%') as identity
    from information_schema.columns
    where table_schema = current_schema()
    order by table_name, ordinal_position`.execute(db);
  const keys = await sql<{ table_name: string; column_name: string }>`
    select c.conrelid::regclass::text as table_name, a.attname as column_name
    from pg_constraint c
    cross join lateral unnest(c.conkey) with ordinality as k(attnum, position)
    join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum
    where c.contype = 'p' and c.connamespace = current_schema()::regnamespace
    order by k.position`.execute(db);
  const references = await sql<{ table_name: string; referenced: string }>`
    select distinct conrelid::regclass::text as table_name, confrelid::regclass::text as referenced
    from pg_constraint
    where contype = 'f' and connamespace = current_schema()::regnamespace`.execute(db);
  const byName = new Map<string, TableInfo>();
  for (const row of columns.rows) {
    let table = byName.get(row.table_name);
    if (!table) {
      table = {
        name: row.table_name,
        columns: [],
        primaryKey: [],
        references: [],
        identity: undefined,
      };
      byName.set(row.table_name, table);
    }
    table.columns.push(row.column_name);
    if (row.identity) table.identity = row.column_name;
  }
  for (const row of keys.rows) byName.get(row.table_name)?.primaryKey.push(row.column_name);
  for (const row of references.rows)
    if (row.referenced !== row.table_name)
      byName.get(row.table_name)?.references.push(row.referenced);
  return [...byName.values()];
}

/** A topological order (parents first); ties by name so two backups list tables alike. */
function orderByReferences(tables: TableInfo[]): TableInfo[] {
  const remaining = new Map(tables.map((t) => [t.name, t]));
  const ordered: TableInfo[] = [];
  while (remaining.size > 0) {
    const ready = [...remaining.values()]
      .filter((t) => t.references.every((r) => !remaining.has(r)))
      .sort((a, b) => (a.name < b.name ? -1 : 1));
    if (ready.length === 0)
      throw new Error(
        `Foreign keys form a cycle among: ${[...remaining.keys()].join(', ')}; backup cannot order them.`,
      );
    for (const table of ready) {
      ordered.push(table);
      remaining.delete(table.name);
    }
  }
  return ordered;
}
