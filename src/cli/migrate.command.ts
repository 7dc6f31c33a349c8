import { loadConfig } from '../config.js';
import { openDatabase } from '../platform/db/database.js';
import { migrateDown, migrateToLatest } from '../platform/db/migrate.js';
import { parseOptions } from './options.js';

/** `masthead migrate [--down]` */
export async function runMigrate(args: string[]): Promise<number> {
  const { values } = parseOptions(args, { down: { type: 'boolean' } });
  const config = loadConfig();
  const database = openDatabase(config.databaseUrl);
  try {
    if (values.down) {
      const reverted = await migrateDown(database.db);
      console.log(reverted ? `Reverted ${reverted}.` : 'Nothing to revert.');
    } else {
      const applied = await migrateToLatest(database.db);
      console.log(
        applied.length > 0 ? `Applied ${applied.join(', ')}.` : 'The database is up to date.',
      );
    }
    return 0;
  } finally {
    await database.destroy();
  }
}
