import { resolve } from 'node:path';
import { loadConfig } from '../config.js';
import { BackupError } from '../platform/backup/backup-format.js';
import { restoreBackup } from '../platform/backup/restore-backup.js';
import { openDatabase } from '../platform/db/database.js';
import { openBlobStore } from '../platform/storage/open-blob-store.js';
import { indexAllArticles } from '../search/search.service.js';
import { printProgress } from './backup-progress.js';
import { parseOptions, UsageError } from './options.js';

/** `masthead restore FILE [--force]` — a backup into DATABASE_URL and STORAGE_URL. */
export async function runRestore(args: string[]): Promise<number> {
  const { positionals, values } = parseOptions(args, { force: { type: 'boolean' } });
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) throw new UsageError('Name one backup file.');
  const config = loadConfig();
  const database = openDatabase(config.databaseUrl);
  const storage = openBlobStore(config.storage, config.dataDir);
  const startedAt = performance.now();
  try {
    const result = await restoreBackup({
      database,
      storage,
      file: resolve(file),
      force: values.force === true,
      onProgress: printProgress(),
    });
    // The search index is dialect-specific and not in the file: rebuilt from the articles.
    const indexed = await indexAllArticles(database.db);
    const { manifest } = result;
    console.log(
      `Restored ${result.rows} rows in ${manifest.tables.length} tables and ${result.blobsWritten} files (${result.blobsAlreadyInStore} already in the store) from ${manifest.sourceDialect} to ${database.dialect}; indexed ${indexed} articles for search (${Math.round(performance.now() - startedAt)} ms).`,
    );
    return 0;
  } catch (error) {
    if (!(error instanceof BackupError)) throw error;
    console.error(error.message);
    return 1;
  } finally {
    storage.close();
    await database.destroy();
  }
}
