import { loadConfig } from '../config.js';
import { parseOptions, UsageError } from './options.js';
import { addMissingCropsToLibrary } from '../media/media-crops.js';
import { mediaRoot } from '../media/media-files.js';
import { openDatabase } from '../platform/db/database.js';
import { migrateToLatest } from '../platform/db/migrate.js';

/** `masthead media crops` — adds structured-data crops to library images uploaded before them. */
export async function runMedia(args: string[]): Promise<number> {
  const { positionals } = parseOptions(args, {});
  if (positionals[0] !== 'crops' || positionals.length > 1)
    throw new UsageError('Only `masthead media crops` is available.');
  const config = loadConfig();
  const database = openDatabase(config.databaseUrl);
  try {
    await migrateToLatest(database.db);
    let failures = 0;
    const count = await addMissingCropsToLibrary(
      database.db,
      { root: mediaRoot(config.dataDir), now: () => new Date() },
      (row, error) => {
        failures += 1;
        console.error(`Image ${row.id} (${row.original_name}): ${error.message}`);
      },
    );
    console.log(`Added 16:9, 4:3 and 1:1 crops to ${count} image${count === 1 ? '' : 's'}.`);
    return failures > 0 ? 1 : 0;
  } finally {
    await database.destroy();
  }
}
