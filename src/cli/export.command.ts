import { loadConfig } from '../config.js';
import { exportMasthead } from '../importers/masthead/masthead-export.js';
import { openDatabase } from '../platform/db/database.js';
import { migrateToLatest } from '../platform/db/migrate.js';
import { parseOptions, UsageError } from './options.js';

/** `masthead export <out.json>`: all content in the format of docs/export-format.md. */
export async function runExport(args: string[]): Promise<number> {
  const { positionals } = parseOptions(args, {});
  const [file] = positionals;
  if (!file || positionals.length > 1)
    throw new UsageError('Name the file to write: `masthead export <out.json>`.');
  const database = openDatabase(loadConfig().databaseUrl);
  try {
    await migrateToLatest(database.db);
    const counts = await exportMasthead(database.db, file);
    console.log(
      `Exported ${counts.articles} article(s), ${counts.authors} author(s), ${counts.tags} tag(s), ${counts.collections} collection(s) and ${counts.redirects} redirect(s) to ${file}.`,
    );
    return 0;
  } finally {
    await database.destroy();
  }
}
