import { loadConfig } from '../config.js';
import { parseOptions, UsageError } from './options.js';
import { openDatabase } from '../platform/db/database.js';
import { migrateToLatest } from '../platform/db/migrate.js';
import { indexAllArticles } from '../search/search.service.js';

/** `masthead search reindex` — rebuilds the full-text index from the published articles. */
export async function runSearch(args: string[]): Promise<number> {
  const { positionals } = parseOptions(args, {});
  if (positionals[0] !== 'reindex' || positionals.length > 1)
    throw new UsageError('Only `masthead search reindex` is available.');
  const config = loadConfig();
  const database = openDatabase(config.databaseUrl);
  try {
    await migrateToLatest(database.db);
    const startedAt = performance.now();
    const count = await indexAllArticles(database.db);
    console.log(
      `Indexed ${count} published article${count === 1 ? '' : 's'} in ${Math.round(performance.now() - startedAt)} ms.`,
    );
    return 0;
  } finally {
    await database.destroy();
  }
}
