import type { AppConfig } from '../config.js';
import type { AppServices } from './app-services.js';
import { createCachePurger } from './cache/cache-purger.js';
import { createPageCache } from './cache/page-cache.js';
import { openDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { createLogger } from './logger.js';
import { createMailTransport } from './mail/mail-transport.js';
import { createSettingsCache } from './settings/site-settings.js';
import { createPaymentProvider } from '../revenue/payment-providers.js';

/** Opens the database (migrated), the page cache and the purge channel for one process. */
export async function openRuntime(
  config: AppConfig,
  name = 'masthead',
): Promise<AppServices & { close(): Promise<void> }> {
  const logger = createLogger(config.logLevel, name);
  const database = openDatabase(config.databaseUrl);
  await migrateToLatest(database.db);
  const pageCache = createPageCache({ maxBytes: config.pageCacheBytes });
  const settings = createSettingsCache(database.db);
  const purger = createCachePurger({
    database,
    pageCache,
    logger,
    onPurge: () => settings.invalidate(),
  });
  await purger.start();
  const mail = createMailTransport(config, { pool: true });
  const now = () => new Date();
  const payments = await createPaymentProvider({ config, database, now });
  return {
    config,
    database,
    logger,
    pageCache,
    purger,
    settings,
    mail,
    payments,
    now,
    close: async () => {
      await purger.stop();
      await mail.close();
      await database.destroy();
    },
  };
}
