import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { type Kysely, sql } from 'kysely';
import type { DatabaseHandle, Executor } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import type { BlobStore } from '../storage/blob-store.js';
import {
  type ArchiveEntry,
  type BackupManifest,
  BackupError,
  consumeEntry,
  decodeRow,
  readArchive,
  sha256Hex,
} from './backup-format.js';
import { listBackupTables, type TableInfo } from './backup-tables.js';
import { verifyBackup } from './verify-backup.js';

export interface RestoreProgress {
  phase: 'verify' | 'tables' | 'blobs';
  done: number;
  total: number;
}

export interface RestoreOptions {
  database: DatabaseHandle;
  storage: BlobStore;
  file: string;
  /** Empty a database that has content first, instead of refusing. */
  force?: boolean;
  onProgress?: (progress: RestoreProgress) => void;
}

export interface RestoreResult {
  manifest: BackupManifest;
  rows: number;
  blobsWritten: number;
  /** Blobs the manifest lists without their bytes (S3), found in the configured store. */
  blobsAlreadyInStore: number;
}

/** The tables whose rows mean "this install is in use": a restore will not overwrite them. */
const contentTables = [
  'articles',
  'users',
  'authors',
  'tags',
  'media',
  'subscribers',
  'members',
  'api_tokens',
];

type LooseDb = Kysely<Record<string, Record<string, unknown>>>;

/**
 * Restores a backup file into `database` (migrated to latest first) and `storage`. The file is
 * read through once to verify it before anything changes; the rows go in in one transaction.
 */
export async function restoreBackup(options: RestoreOptions): Promise<RestoreResult> {
  const { database, storage, file } = options;
  const verified = await verifyBackup(file, ({ done }) =>
    options.onProgress?.({ phase: 'verify', done, total: 0 }),
  );
  if (verified.problems.length > 0)
    throw new BackupError(
      `${file} is damaged; nothing was restored:\n  ${verified.problems.slice(0, 10).join('\n  ')}`,
    );
  const manifest = verified.manifest;
  await migrateToLatest(database.db);
  const known = await sql<{ name: string }>`select name from masthead_migrations`.execute(
    database.db,
  );
  const knownNames = new Set(known.rows.map((row) => row.name));
  const unknown = manifest.migrations.filter((name) => !knownNames.has(name));
  if (unknown.length > 0)
    throw new BackupError(
      `${file} was made by a newer Masthead (${manifest.mastheadVersion}): its database has migration ${unknown.join(', ')}, unknown here. Upgrade Masthead, then restore.`,
    );
  const tables = await listBackupTables(database.db, database.dialect);
  const byName = new Map(tables.map((table) => [table.name, table]));
  for (const table of manifest.tables)
    if (!byName.has(table.name))
      throw new BackupError(`${file} has table ${table.name}, which this database does not.`);
  await refuseContent(database.db, byName, options.force === true);
  const blobsAlreadyInStore = await checkBlobsInStore(manifest, storage);

  const tableByEntry = new Map(manifest.tables.map((table) => [table.entry, table]));
  const blobByEntry = new Map(manifest.blobs.filter((b) => b.entry).map((b) => [b.entry, b]));
  const totalRows = manifest.tables.reduce((sum, table) => sum + table.rows, 0);
  const totalBlobs = blobByEntry.size;
  let rows = 0;
  let blobsWritten = 0;
  await database.db.transaction().execute(async (tx) => {
    // Rows arrive parents first; deferring lets self-references and old orders in too.
    if (database.dialect === 'sqlite') await sql`pragma defer_foreign_keys = on`.execute(tx);
    for (const table of [...tables].reverse())
      await sql`delete from ${sql.table(table.name)}`.execute(tx);
    options.onProgress?.({ phase: 'tables', done: 0, total: totalRows });
    await readArchive(file, async (entry) => {
      const table = tableByEntry.get(entry.header.name);
      if (table) {
        const target = byName.get(table.name);
        if (!target) return;
        const inserted = await insertRows(tx, target, entry, (count) => {
          options.onProgress?.({ phase: 'tables', done: rows + count, total: totalRows });
        });
        if (inserted !== table.rows)
          throw new BackupError(
            `table ${table.name}: read ${inserted} rows, the manifest says ${table.rows}.`,
          );
        rows += inserted;
        return;
      }
      const blob = blobByEntry.get(entry.header.name);
      if (!blob) return;
      const chunks: Buffer[] = [];
      const read = await consumeEntry(entry, (chunk) => chunks.push(chunk));
      if (read.sha256 !== blob.sha256)
        throw new BackupError(`blob ${blob.key}: sha256 changed since the file was verified.`);
      await storage.put(blob.key, Buffer.concat(chunks));
      const stored = await storage.get(blob.key);
      if (!stored || sha256Hex(stored) !== blob.sha256)
        throw new BackupError(`blob ${blob.key}: the store did not keep the bytes written to it.`);
      blobsWritten += 1;
      options.onProgress?.({ phase: 'blobs', done: blobsWritten, total: totalBlobs });
    });
    if (database.dialect === 'postgres') await resetSequences(tx, tables);
  });
  return { manifest, rows, blobsWritten, blobsAlreadyInStore };
}

async function refuseContent(db: Executor, tables: Map<string, TableInfo>, force: boolean) {
  if (force) return;
  const found: string[] = [];
  for (const name of contentTables) {
    if (!tables.has(name)) continue;
    const result = await sql<{ count: number | string }>`
      select count(*) as count from ${sql.table(name)}`.execute(db);
    const count = Number(result.rows[0]?.count ?? 0);
    if (count > 0) found.push(`${count} ${name}`);
  }
  if (found.length > 0)
    throw new BackupError(
      `The database already has content (${found.join(', ')}). Restore onto an empty install, or pass --force to delete everything in it first.`,
    );
}

/** Blobs kept out of the file (S3) must already be in the store the site uses. */
async function checkBlobsInStore(manifest: BackupManifest, storage: BlobStore): Promise<number> {
  const outside = manifest.blobs.filter((blob) => !blob.entry);
  const missing: string[] = [];
  for (const blob of outside) {
    const info = await storage.stat(blob.key);
    if (!info || info.size !== blob.bytes) missing.push(blob.key);
  }
  if (missing.length > 0)
    throw new BackupError(
      `${missing.length} of the ${outside.length} files this backup lists without their bytes are not in ${storage.location} (e.g. ${missing.slice(0, 3).join(', ')}). Point STORAGE_URL at the bucket they are in, or make the backup with --include-blobs. Nothing was restored.`,
    );
  return outside.length;
}

async function insertRows(
  tx: Executor,
  table: TableInfo,
  entry: ArchiveEntry,
  onProgress: (count: number) => void,
): Promise<number> {
  const columns = new Set(table.columns);
  // SQLite allows 32766 bound values in a statement; stay well below.
  const batchSize = Math.max(1, Math.floor(8000 / Math.max(1, table.columns.length)));
  let batch: Array<Record<string, unknown>> = [];
  let count = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    await (tx as unknown as LooseDb).insertInto(table.name).values(batch).execute();
    count += batch.length;
    batch = [];
    onProgress(count);
  };
  for await (const line of createInterface({ input: Readable.from(entry), crlfDelay: Infinity })) {
    if (line === '') continue;
    const row = decodeRow(line);
    for (const column of Object.keys(row))
      if (!columns.has(column))
        throw new BackupError(`table ${table.name}: column ${column} is not in this database.`);
    batch.push(row);
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  return count;
}

/** Identity columns continue after the restored ids, not at 1. */
async function resetSequences(tx: Executor, tables: TableInfo[]) {
  for (const table of tables) {
    if (!table.identity) continue;
    await sql`
      select setval(
        pg_get_serial_sequence(${table.name}, ${table.identity}),
        coalesce((select max(${sql.ref(table.identity)}) from ${sql.table(table.name)}), 0) + 1,
        false)`.execute(tx);
  }
}
