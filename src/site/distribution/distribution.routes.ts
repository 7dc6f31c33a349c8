import type { FastifyInstance } from 'fastify';
import type { AppServices } from '../../platform/app-services.js';
import { registerFeedRoutes } from './feed.routes.js';
import { registerSitemapRoutes, type SitemapOptions } from './sitemap.routes.js';

/**
 * Feeds, sitemaps and robots.txt. Their paths are static (or deeper than `/:slug/`), so
 * Fastify's router prefers them over the site's catch-all article routes whatever the order.
 */
export function registerDistributionRoutes(
  app: FastifyInstance,
  services: AppServices,
  options: { sitemaps?: SitemapOptions } = {},
): void {
  registerFeedRoutes(app, services);
  registerSitemapRoutes(app, services, options.sitemaps);
}
