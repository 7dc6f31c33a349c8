import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { loadConfig } from '../config.js';
import { BackupError } from '../platform/backup/backup-format.js';
import { createBackup } from '../platform/backup/create-backup.js';
import { verifyBackup } from '../platform/backup/verify-backup.js';
import { openBlobStore } from '../platform/storage/open-blob-store.js';
import { formatBytes, printProgress } from './backup-progress.js';
import { parseOptions, UsageError } from './options.js';

/** `masthead backup FILE [--include-blobs]` and `masthead backup --verify FILE`. */
export async function runBackup(args: string[]): Promise<number> {
  const { positionals, values } = parseOptions(args, {
    verify: { type: 'boolean' },
    'include-blobs': { type: 'boolean' },
  });
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) throw new UsageError('Name one backup file.');
  try {
    return values.verify
      ? await verify(file)
      : await backup(file, values['include-blobs'] === true);
  } catch (error) {
    if (!(error instanceof BackupError)) throw error;
    console.error(error.message);
    return 1;
  }
}

async function backup(file: string, includeBlobs: boolean): Promise<number> {
  const config = loadConfig();
  const storage = openBlobStore(config.storage, config.dataDir);
  const startedAt = performance.now();
  try {
    const manifest = await createBackup({
      databaseUrl: config.databaseUrl,
      storage,
      file: resolve(file),
      includeBlobs,
      onProgress: printProgress(),
    });
    const { size } = await stat(resolve(file));
    const rows = manifest.tables.reduce((sum, table) => sum + table.rows, 0);
    const included = manifest.blobs.filter((blob) => blob.entry).length;
    const blobs = manifest.storage.blobsIncluded
      ? `${included} files`
      : `${manifest.blobs.length} files listed (bytes left in ${storage.location}; --include-blobs copies them)`;
    console.log(
      `Backed up ${rows} rows in ${manifest.tables.length} tables and ${blobs} to ${file} (${formatBytes(size)}, ${Math.round(performance.now() - startedAt)} ms). It holds password hashes and secrets: keep it encrypted.`,
    );
    return 0;
  } finally {
    storage.close();
  }
}

async function verify(file: string): Promise<number> {
  const startedAt = performance.now();
  const result = await verifyBackup(resolve(file));
  const { manifest } = result;
  const rows = manifest.tables.reduce((sum, table) => sum + table.rows, 0);
  console.log(
    `${file}: made ${manifest.createdAt} by Masthead ${manifest.mastheadVersion} from ${manifest.sourceDialect} (migration ${manifest.migration}); ${manifest.tables.length} tables, ${rows} rows, ${manifest.blobs.length} files (${manifest.blobs.filter((b) => b.entry).length} included).`,
  );
  for (const problem of result.problems) console.error(`  ${problem}`);
  const took = Math.round(performance.now() - startedAt);
  if (result.problems.length > 0) {
    console.error(
      `${result.problems.length} problems: this backup cannot be trusted (${took} ms).`,
    );
    return 1;
  }
  console.log(
    `OK: every one of ${result.entries} entries matches its sha256 and the counts (${took} ms).`,
  );
  return 0;
}
