import type { FastifyInstance } from 'fastify';
import type { RevenueServices } from '../revenue/payment-provider.js';
import { registerCommentAdminRoutes } from './comments-admin.routes.js';
import { registerCommentRoutes } from './comments.routes.js';
import { registerCommentsSlot } from './comments-slot.js';
import { refreshCommentSettings } from './comment-settings.js';

// The comments in a web process: the article-page slot, the public and admin routes, and
// this process's copy of the settings (re-read every 15 s and after a change here; a change
// drops the cached pages, whose comments link depends on whether comments are open).

export async function registerComments(
  app: FastifyInstance,
  services: RevenueServices,
): Promise<void> {
  const { db } = services.database;
  const refresh = async () => {
    if (await refreshCommentSettings(db)) services.pageCache.purgeAll();
  };
  await refreshCommentSettings(db);
  const timer = setInterval(() => {
    refresh().catch((error: unknown) =>
      services.logger.warn({ err: error }, 'refreshing the comment settings failed'),
    );
  }, 15_000);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));
  registerCommentsSlot();
  registerCommentRoutes(app, services);
  await registerCommentAdminRoutes(app, services, refresh);
}
