import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import { registerAdminUiRoutes } from './admin/admin-ui.routes.js';
import { registerAdminRoutes } from './admin/admin.routes.js';
import { apiErrorHandler } from './admin/api-errors.js';
import { registerStaffAuthentication } from './admin/authenticate.js';
import { registerAnalyticsRoutes } from './analytics/analytics.routes.js';
import { registerAudioRoutes } from './audio/audio.routes.js';
import { registerComments } from './comments/comments-web.js';
import { registerContentApiRoutes } from './site/content-api.routes.js';
import type { MastheadServices } from './jobs.js';
import { isCacheableRequest } from './platform/cache/cacheable-request.js';
import { cacheKeyFor } from './platform/cache/page-cache.js';
import { serveCachedPage } from './platform/cache/serve-cached.js';
import { registerEtags } from './platform/http/etag-hook.js';
import { lazySchemaController } from './platform/http/lazy-schema-compilers.js';
import { loadAccessKey } from './content/access/entitlement-cookie.js';
import { lookupCachedPage } from './site/cached-variant.js';
import { registerDistributionRoutes } from './site/distribution/distribution.routes.js';
import { registerSearchRoutes } from './search/search.routes.js';
import { type MediaOptions, registerMediaRoutes } from './media/media.routes.js';
import { registerNewsletterRoutes } from './newsletters/newsletter.routes.js';
import { registerOembedRoutes } from './site/oembed.routes.js';
import { registerPushRoutes } from './push/push.routes.js';
import { registerRevenueRoutes } from './revenue/revenue.routes.js';
import { registerRevenueAdminRoutes } from './revenue/admin/revenue-admin.routes.js';
import { registerSupportPromptRoutes } from './revenue/prompts/support.routes.js';
import { registerSiteRoutes } from './site/site.routes.js';

export interface BuildAppOptions {
  /** Largest accepted request body in bytes (413 above it). */
  bodyLimit?: number;
  /** Upload and pixel limits of the media library (20 MB, 40 megapixels by default). */
  media?: MediaOptions;
}

/**
 * Builds the Fastify app from the domain route modules. Cached public pages are answered by
 * the raw Node handler in `serverFactory` before Fastify routing runs: a cache hit costs about
 * what a bare Node server costs (ADR 0004).
 */
export async function buildApp(
  services: MastheadServices,
  options: BuildAppOptions = {},
): Promise<FastifyInstance> {
  const { pageCache } = services;
  const accessKey = await loadAccessKey(services.database.db);
  const app = Fastify({
    loggerInstance: services.logger as unknown as FastifyBaseLogger,
    // Per-request access logs cost throughput; errors are still logged by the error handler.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: options.bodyLimit ?? 10 * 1024 * 1024,
    schemaController: lazySchemaController(),
    trustProxy: process.env.TRUST_PROXY === '1' || process.env.TRUST_PROXY === 'true',
    serverFactory: (handler) =>
      createServer((req: IncomingMessage, res: ServerResponse) => {
        const key =
          req.url !== undefined && req.method !== undefined
            ? cacheKeyFor(req.method, req.url)
            : undefined;
        if (key !== undefined && isCacheableRequest(req)) {
          // A gated page's variant for entitled readers (ADR 0026); anonymous: a plain lookup.
          const entry = lookupCachedPage(pageCache, key, req, accessKey);
          if (entry) {
            serveCachedPage(req, res, entry);
            return;
          }
        }
        handler(req, res);
      }),
  });
  app.setErrorHandler(apiErrorHandler);
  await app.register(cookie);
  await app.register(formbody);
  // Staff authentication first: every domain's staff routes use it (staffScope).
  registerStaffAuthentication(app, services);
  await registerAdminRoutes(app, services);
  registerAdminUiRoutes(app);
  await registerContentApiRoutes(app, services);
  await registerMediaRoutes(app, services, options.media);
  registerDistributionRoutes(app, services);
  registerSearchRoutes(app, services);
  registerAudioRoutes(app, services);
  await registerNewsletterRoutes(app, services);
  registerOembedRoutes(app, services);
  await registerPushRoutes(app, services);
  await registerRevenueRoutes(app, services);
  await registerRevenueAdminRoutes(app, services);
  await registerSupportPromptRoutes(app, services);
  await registerAnalyticsRoutes(app, services);
  await registerComments(app, services);
  await registerSiteRoutes(app, services);
  // Last: it reads the Cache-Control the routes' own onSend hooks set.
  registerEtags(app);
  return app;
}
