import type { FastifyInstance } from 'fastify';
import { ConfigError } from '../config.js';
import type { AppServices } from '../platform/app-services.js';
import { registerAnalyticsAdminRoutes } from './analytics-admin.routes.js';
import { registerAnalyticsAssetRoutes } from './analytics-assets.routes.js';
import { createAnalyticsIngest } from './analytics-ingest.js';
import { refreshAnalyticsSettings } from './analytics-settings.js';
import { registerAnalyticsSlot } from './analytics-slots.js';
import { registerCollectRoutes } from './collect.routes.js';
import { watchedCountryLookup } from './geoip.js';
import { createVisitorHasher } from './visitor-hash.js';

// Reader analytics in a web process: the beacon (page slot and script), its collector with
// the group-commit ingest, the staff API, and this process's copy of the settings (re-read
// every 15 s and after a change here; a change drops the cached pages, which carry the beacon
// or not).

export async function registerAnalyticsRoutes(
  app: FastifyInstance,
  services: AppServices,
): Promise<void> {
  const { db } = services.database;
  const refresh = async () => {
    if (await refreshAnalyticsSettings(db)) services.pageCache.purgeAll();
  };
  await refreshAnalyticsSettings(db);
  const timer = setInterval(() => {
    refresh().catch((error: unknown) =>
      services.logger.warn({ err: error }, 'refreshing the analytics settings failed'),
    );
  }, 15_000);
  timer.unref();
  const geoip = services.config.geoipDatabase
    ? await watchedCountryLookup(services.config.geoipDatabase, (error) =>
        services.logger.warn(
          { err: error },
          'reloading GEOIP_DATABASE failed; the previous copy stays',
        ),
      ).catch((error: unknown) => {
        throw new ConfigError(
          `Invalid configuration:\n  GEOIP_DATABASE: ${(error as Error).message}`,
        );
      })
    : undefined;
  const ingest = createAnalyticsIngest(db);
  app.addHook('onClose', async () => {
    clearInterval(timer);
    geoip?.close();
    await ingest.close();
  });
  registerAnalyticsSlot();
  registerAnalyticsAssetRoutes(app);
  registerCollectRoutes(app, services, {
    ingest,
    hasher: createVisitorHasher(db, new URL(services.config.baseUrl).host),
    country: geoip?.lookup,
  });
  await registerAnalyticsAdminRoutes(app, services, refresh);
}
