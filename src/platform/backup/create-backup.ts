import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import tar from 'tar-stream';
import { type Dialect, type Executor, openDatabase } from '../db/database.js';
import { assertBlobKey, type BlobInfo, type BlobStore } from '../storage/blob-store.js';
import {
  type BackupManifest,
  backupFormatVersion,
  blobEntry,
  encodeRow,
  manifestEntry,
  mastheadVersion,
  tableEntry,
} from './backup-format.js';
import { listBackupTables, sensitiveColumns, skippedTables } from './backup-tables.js';

export interface BackupProgress {
  phase: 'tables' | 'blobs';
  done: number;
  total: number;
}

export interface BackupOptions {
  databaseUrl: string;
  storage: BlobStore;
  file: string;
  /** Copy S3 objects into the file too (local blobs are always included). */
  includeBlobs?: boolean;
  onProgress?: (progress: BackupProgress) => void;
  now?: () => Date;
}

const pageSize = 1000;
const blobPrefixes = ['media/', 'audio/'];

interface DumpedTable {
  name: string;
  rows: number;
  path: string;
}

/**
 * Writes a consistent snapshot of the database and the blobs to `file`, while the site serves:
 * SQLite through its online backup API, PostgreSQL in one read-only REPEATABLE READ
 * transaction. The file appears under its name only when complete.
 */
export async function createBackup(options: BackupOptions): Promise<BackupManifest> {
  const createdAt = (options.now?.() ?? new Date()).toISOString();
  const workDir = await mkdtemp(join(dirname(options.file), '.masthead-backup-'));
  const partial = `${options.file}.partial`;
  try {
    const snapshot = await dumpDatabase(options, workDir);
    const pack = tar.pack();
    const written = pipeline(pack, createGzip(), createWriteStream(partial));
    written.catch(() => undefined);
    const mtime = new Date(createdAt);
    const tables: BackupManifest['tables'] = [];
    for (const table of snapshot.tables) {
      const { size } = await stat(table.path);
      const entry = tableEntry(table.name);
      const hashed = await writeEntry(pack, entry, size, mtime, createReadStream(table.path));
      tables.push({ name: table.name, rows: table.rows, entry, ...hashed });
    }
    const includeBlobs = options.storage.kind === 'local' || options.includeBlobs === true;
    const blobs = await writeBlobs(pack, options, includeBlobs, mtime);
    const manifest: BackupManifest = {
      format: 'masthead-backup',
      formatVersion: backupFormatVersion,
      createdAt,
      mastheadVersion: mastheadVersion(),
      sourceDialect: snapshot.dialect,
      migration: snapshot.migrations.at(-1) ?? '',
      migrations: snapshot.migrations,
      sensitive: {
        note: 'This file holds password and token hashes, session ids, TOTP secrets and readers’ personal data: keep it as secret as the database (encrypt it before copying it offsite).',
        columns: sensitiveColumns,
      },
      skippedTables,
      tables,
      storage: { kind: options.storage.kind, blobsIncluded: includeBlobs },
      blobs,
    };
    const manifestBytes = Buffer.from(JSON.stringify(manifest, null, 2));
    await writeEntry(
      pack,
      manifestEntry,
      manifestBytes.length,
      mtime,
      Readable.from([manifestBytes]),
    );
    pack.finalize();
    await written;
    await rename(partial, options.file);
    return manifest;
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

async function dumpDatabase(options: BackupOptions, workDir: string) {
  const report = (done: number, total: number) =>
    options.onProgress?.({ phase: 'tables', done, total });
  if (options.databaseUrl.startsWith('sqlite:')) {
    const path = options.databaseUrl.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    const snapshotPath = join(workDir, 'snapshot.db');
    // The online backup API copies pages while other connections keep writing (WAL).
    const source = new SqliteDatabase(path, { fileMustExist: true });
    try {
      await source.backup(snapshotPath);
    } finally {
      source.close();
    }
    const snapshot = openDatabase(`sqlite:${snapshotPath}`);
    try {
      return await snapshot.db
        .transaction()
        .execute(async (tx) => dumpTables(tx, 'sqlite', workDir, report));
    } finally {
      await snapshot.destroy();
    }
  }
  const database = openDatabase(options.databaseUrl, { poolSize: 1 });
  try {
    return await database.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .setAccessMode('read only')
      .execute(async (tx) => dumpTables(tx, 'postgres', workDir, report));
  } finally {
    await database.destroy();
  }
}

async function dumpTables(
  tx: Executor,
  dialect: Dialect,
  workDir: string,
  report: (done: number, total: number) => void,
): Promise<{ dialect: Dialect; migrations: string[]; tables: DumpedTable[] }> {
  const migrations = await sql<{ name: string }>`
    select name from masthead_migrations order by name`.execute(tx);
  const tables = await listBackupTables(tx, dialect);
  const dumped: DumpedTable[] = [];
  report(0, tables.length);
  for (const table of tables) {
    const path = join(workDir, `${table.name}.jsonl`);
    const out = createWriteStream(path);
    const order = table.primaryKey.length > 0 ? table.primaryKey : table.columns;
    let rows = 0;
    for (let offset = 0; ; offset += pageSize) {
      const page = await sql<Record<string, unknown>>`
        select * from ${sql.table(table.name)}
        order by ${sql.join(order.map((column) => sql.ref(column)))}
        limit ${pageSize} offset ${offset}`.execute(tx);
      for (const row of page.rows)
        if (!out.write(`${encodeRow(row)}\n`))
          await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      rows += page.rows.length;
      if (page.rows.length < pageSize) break;
    }
    await new Promise<void>((resolve, reject) =>
      out.end((error?: Error | null) => (error ? reject(error) : resolve())),
    );
    dumped.push({ name: table.name, rows, path });
    report(dumped.length, tables.length);
  }
  return { dialect, migrations: migrations.rows.map((m) => m.name), tables: dumped };
}

async function writeBlobs(
  pack: tar.Pack,
  options: BackupOptions,
  include: boolean,
  mtime: Date,
): Promise<BackupManifest['blobs']> {
  const listed: BlobInfo[] = [];
  for (const prefix of blobPrefixes)
    for await (const info of options.storage.list(prefix))
      if (isServerKey(info.key)) listed.push(info);
  listed.sort((a, b) => (a.key < b.key ? -1 : 1));
  const blobs: BackupManifest['blobs'] = [];
  options.onProgress?.({ phase: 'blobs', done: 0, total: listed.length });
  for (const [index, info] of listed.entries()) {
    const stream = await options.storage.read(info.key);
    // Deleted since it was listed (garbage collection): nothing points to it any more.
    if (stream) {
      if (include) {
        const entry = blobEntry(info.key);
        const hashed = await writeEntry(pack, entry, info.size, mtime, stream);
        blobs.push({ key: info.key, bytes: hashed.bytes, sha256: hashed.sha256, entry });
      } else {
        const hash = createHash('sha256');
        let bytes = 0;
        for await (const chunk of stream as AsyncIterable<Buffer>) {
          hash.update(chunk);
          bytes += chunk.length;
        }
        blobs.push({ key: info.key, bytes, sha256: hash.digest('hex') });
      }
    }
    options.onProgress?.({ phase: 'blobs', done: index + 1, total: listed.length });
  }
  return blobs;
}

/** Leftover temporary files of the local store are not blobs. */
function isServerKey(key: string): boolean {
  try {
    assertBlobKey(key);
    return !key.endsWith('.tmp');
  } catch {
    return false;
  }
}

/** Streams one entry of known size into the archive and returns its size and sha256. */
async function writeEntry(
  pack: tar.Pack,
  name: string,
  size: number,
  mtime: Date,
  source: AsyncIterable<Buffer | Uint8Array>,
): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash('sha256');
  let bytes = 0;
  let finished!: Promise<void>;
  const entry = await new Promise<ReturnType<tar.Pack['entry']>>((resolve) => {
    finished = new Promise<void>((done, fail) => {
      resolve(pack.entry({ name, size, mtime }, (error) => (error ? fail(error) : done())));
    });
  });
  finished.catch(() => undefined);
  for await (const chunk of source) {
    hash.update(chunk);
    bytes += chunk.length;
    if (bytes > size) throw new Error(`${name} grew while it was being backed up`);
    if (!entry.write(chunk))
      await new Promise<void>((resolve) => entry.once('drain', () => resolve()));
  }
  if (bytes !== size) throw new Error(`${name} changed size while it was being backed up`);
  entry.end(null); // streamx: no final chunk
  await finished;
  return { bytes, sha256: hash.digest('hex') };
}
