import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type Transaction } from 'kysely';
import type pg from 'pg';
import type { Database } from './database-schema.js';
import { loadPg } from './pg-module.js';

export type Dialect = 'sqlite' | 'postgres';
export type Db = Kysely<Database>;
/** A repository's first argument: the database or an open transaction. */
export type Executor = Kysely<Database> | Transaction<Database>;

export interface DatabaseHandle {
  db: Db;
  dialect: Dialect;
  url: string;
  /** The raw pg pool on PostgreSQL (for LISTEN/NOTIFY); undefined on SQLite. */
  pgPool: pg.Pool | undefined;
  destroy(): Promise<void>;
}

/** Opens the database named by a `sqlite:` or `postgres://` URL. */
export function openDatabase(url: string, options: { poolSize?: number } = {}): DatabaseHandle {
  if (url.startsWith('sqlite:')) return openSqlite(url);
  if (/^postgres(ql)?:\/\//.test(url)) return openPostgres(url, options.poolSize ?? 10);
  throw new Error(`Unsupported DATABASE_URL "${url}": use sqlite:PATH or postgres://…`);
}

function openSqlite(url: string): DatabaseHandle {
  const path = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SqliteDatabase(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
  });
  return {
    db,
    dialect: 'sqlite',
    url,
    pgPool: undefined,
    destroy: () => db.destroy(),
  };
}

/**
 * Kysely prepares every query anew; SQLite's prepare is a large share of a fast query's cost.
 * Kysely's queries are parameterised, so their SQL text repeats and the statements can be reused.
 */
function withStatementCache(sqlite: SqliteDatabase.Database, maxStatements = 500) {
  const statements = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(source: string) {
      let statement = statements.get(source);
      if (!statement) {
        statement = sqlite.prepare(source);
        if (statements.size >= maxStatements)
          statements.delete(statements.keys().next().value ?? '');
        statements.set(source, statement);
      }
      return statement;
    },
  };
}

function openPostgres(url: string, poolSize: number): DatabaseHandle {
  const pool = new (loadPg().Pool)({ connectionString: url, max: poolSize });
  // A connection's error (e.g. the server restarted) must not crash the process. The pool
  // handles idle clients; a checked-out client between two statements (inside a transaction)
  // has no listener of its own, and pg then throws the 'error' event: the process died when
  // PostgreSQL restarted under load. The work in progress still fails, with its next query.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({
      pool: { connect: () => connectWithRetry(pool), end: () => pool.end() },
    }),
  });
  return {
    db,
    dialect: 'postgres',
    url,
    pgPool: pool,
    destroy: () => db.destroy(),
  };
}

/** Errors that mean "the server is not there right now" (restarting, failing over). */
export function isConnectionUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return false;
  return (
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03'].includes(
      code,
    ) || code.startsWith('08')
  );
}

/**
 * Takes a connection from the pool, waiting for PostgreSQL while it restarts or fails over
 * (up to about ten seconds), so a request that arrives meanwhile is answered late rather than
 * with an error. Only getting a connection is retried: a statement that was already sent and
 * lost is never repeated (it may have been a write).
 */
async function connectWithRetry(pool: pg.Pool, waitMs = 10_000): Promise<pg.PoolClient> {
  const deadline = Date.now() + waitMs;
  for (let delay = 50; ; delay = Math.min(delay * 2, 1000)) {
    try {
      return await pool.connect();
    } catch (error) {
      if (!isConnectionUnavailable(error) || Date.now() + delay > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

/** The current time as the ISO string every timestamp column holds. */
export function nowIso(date: Date = new Date()): string {
  return date.toISOString();
}
