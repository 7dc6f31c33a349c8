import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe } from 'node:test';
import pg from 'pg';
import { type DatabaseHandle, type Dialect, openDatabase } from './database.js';
import { migrateToLatest } from './migrate.js';

// Test support: every repository test runs on SQLite and, when MASTHEAD_TEST_POSTGRES_URL is
// set (CI sets it), on PostgreSQL too — each test file gets its own fresh database.

/** The dialects this test run covers. */
export const testDialects: Dialect[] = process.env.MASTHEAD_TEST_POSTGRES_URL
  ? ['sqlite', 'postgres']
  : ['sqlite'];

export interface TestDatabase extends DatabaseHandle {
  /** Drops the database (PostgreSQL) or deletes its folder (SQLite). */
  cleanup(): Promise<void>;
}

/** Creates an empty, migrated database of the given dialect. */
export async function createTestDatabase(
  dialect: Dialect,
  options: { migrate?: boolean } = {},
): Promise<TestDatabase> {
  const handle = dialect === 'sqlite' ? createSqlite() : await createPostgres();
  if (options.migrate !== false) await migrateToLatest(handle.db);
  return handle;
}

function createSqlite(): TestDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'masthead-db-'));
  const handle = openDatabase(`sqlite:${join(dir, 'test.db')}`);
  return {
    ...handle,
    cleanup: async () => {
      await handle.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The admin URL tests use to create and drop their databases. */
export function postgresAdminUrl(): string {
  const url = process.env.MASTHEAD_TEST_POSTGRES_URL;
  if (!url) throw new Error('MASTHEAD_TEST_POSTGRES_URL is not set');
  return url;
}

async function createPostgres(): Promise<TestDatabase> {
  const adminUrl = postgresAdminUrl();
  const name = `masthead_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = openDatabase(url.toString(), { poolSize: 5 });
  return {
    ...handle,
    url: url.toString(),
    cleanup: async () => {
      await handle.destroy();
      const dropper = new pg.Client({ connectionString: adminUrl });
      await dropper.connect();
      try {
        await dropper.query(`drop database if exists ${name} with (force)`);
      } finally {
        await dropper.end();
      }
    },
  };
}

/**
 * Declares a suite once per dialect; `getDatabase()` returns that suite's migrated database.
 * Like kysely's own DIALECTS loop (STYLE.md §4).
 */
export function describeEachDialect(
  name: string,
  body: (getDatabase: () => TestDatabase, dialect: Dialect) => void,
): void {
  for (const dialect of testDialects) {
    describe(`${name} [${dialect}]`, () => {
      let database: TestDatabase | undefined;
      before(async () => {
        database = await createTestDatabase(dialect);
      });
      after(async () => {
        await database?.cleanup();
      });
      body(() => {
        if (!database) throw new Error('test database not ready');
        return database;
      }, dialect);
    });
  }
}
