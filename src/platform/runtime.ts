import type { AppConfig } from '../config.js';
import type { AppServices } from './app-services.js';
import { createCachePurger } from './cache/cache-purger.js';
import { createPageCache } from './cache/page-cache.js';
import { openDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { createEventBus } from './events/domain-events.js';
import { openRateLimits } from './limits/open-rate-limits.js';
import { createLogger } from './logger.js';
import { createMailTransport } from './mail/mail-transport.js';
import { createSettingsCache } from './settings/site-settings.js';
import { openBlobStore } from './storage/open-blob-store.js';

/**
 * Opens the platform services of one process: the database (migrated), the page cache, the
 * purge channel, mail and an event bus without subscribers. Domains are added on top by the
 * composition (jobs.ts `openAppServices`).
 */
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
  const storage = openBlobStore(config.storage, config.dataDir);
  // Without SMTP, mail goes to the store's outbox/: on S3 every node writes and reads one outbox.
  const mail = createMailTransport(config, { pool: true, storage });
  const limits = await openRateLimits({ db: database.db, logger, redisUrl: config.redisUrl });
  const now = () => new Date();
  // Subscribers are added by the composition (jobs.ts `subscribeDomains`), not here.
  const events = createEventBus({ now });
  return {
    config,
    database,
    logger,
    pageCache,
    purger,
    settings,
    mail,
    limits,
    storage,
    events,
    now,
    close: async () => {
      await purger.stop();
      await mail.close();
      await limits.close();
      storage.close();
      await database.destroy();
    },
  };
}
