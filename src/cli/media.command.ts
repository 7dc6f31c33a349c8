import { loadConfig } from '../config.js';
import { parseOptions, UsageError } from './options.js';
import { addMissingCropsToLibrary } from '../media/media-crops.js';
import { openBlobStore } from '../platform/storage/open-blob-store.js';
import { openDatabase } from '../platform/db/database.js';
import { migrateToLatest } from '../platform/db/migrate.js';

/** `masthead media crops` — adds structured-data crops to library images uploaded before them. */
export async function runMedia(args: string[]): Promise<number> {
  const { positionals } = parseOptions(args, {});
  if (positionals[0] !== 'crops' || positionals.length > 1)
    throw new UsageError('Only `masthead media crops` is available.');
  const config = loadConfig();
  const database = openDatabase(config.databaseUrl);
  const storage = openBlobStore(config.storage, config.dataDir);
  try {
    await migrateToLatest(database.db);
    let failures = 0;
    const count = await addMissingCropsToLibrary(
      database.db,
      { storage, now: () => new Date() },
      (row, error) => {
        failures += 1;
        console.error(`Image ${row.id} (${row.original_name}): ${error.message}`);
      },
    );
    console.log(`Added 16:9, 4:3 and 1:1 crops to ${count} image${count === 1 ? '' : 's'}.`);
    return failures > 0 ? 1 : 0;
  } finally {
    storage.close();
    await database.destroy();
  }
}
