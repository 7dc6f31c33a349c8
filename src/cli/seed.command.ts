import { loadConfig } from '../config.js';
import { openDatabase } from '../platform/db/database.js';
import { migrateToLatest } from '../platform/db/migrate.js';
import { createDomainEvents } from '../jobs.js';
import { parseOptions } from './options.js';
import { seedIfEmpty } from '../seed/seed-on-start.js';

/** `masthead seed` — demo content into an empty database only. */
export async function runSeed(args: string[]): Promise<number> {
  parseOptions(args, {});
  const config = loadConfig();
  const database = openDatabase(config.databaseUrl);
  try {
    await migrateToLatest(database.db);
    const result = await seedIfEmpty(database, config, createDomainEvents());
    if (!result) {
      console.error('The database already has content or users; nothing was seeded.');
      return 1;
    }
    console.log(`Seeded the demo newsroom: ${result.articles} articles.`);
    if (result.admin)
      console.log(
        `Sign in at ${config.baseUrl}/admin/ as ${result.admin.email} with password ${result.admin.password}`,
      );
    return 0;
  } finally {
    await database.destroy();
  }
}
