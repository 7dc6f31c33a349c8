import type { FastifyInstance } from 'fastify';
import { requireRole, staffScope } from '../platform/http/staff-access.js';
import type { AppServices } from '../platform/app-services.js';
import { loadBounceSecret, registerBounceRoutes } from './bounce.routes.js';
import { registerIssueRoutes } from './issue.routes.js';
import { registerManageRoutes } from './manage.routes.js';
import { registerNewsletterAdminRoutes } from './newsletter-admin.routes.js';
import { startNewsletterDirectory } from './newsletter-directory.js';
import { registerNewsletterSlots } from './newsletter-slots.js';
import { registerNewsletterStatsRoutes } from './newsletter-stats.routes.js';
import { registerSignupRoutes } from './signup.routes.js';
import { registerTrackingRoutes } from './tracking.routes.js';

/** Every newsletter route: public signup and management pages, then the admin API. */
export async function registerNewsletterRoutes(
  app: FastifyInstance,
  services: AppServices,
): Promise<void> {
  const directory = startNewsletterDirectory({
    db: services.database.db,
    logger: services.logger,
    onChange: () => services.pageCache.purgeAll(),
  });
  await directory.refresh();
  app.addHook('onClose', async () => directory.stop());
  registerNewsletterSlots();

  await app.register(async (scope) => {
    // RFC 8058 allows one-click unsubscribe bodies as multipart/form-data; the token is in the
    // URL, so the body is read and ignored.
    scope.addContentTypeParser(
      'multipart/form-data',
      { parseAs: 'string', bodyLimit: 64 * 1024 },
      (_request, _body, done) => done(null, {}),
    );
    registerSignupRoutes(scope, services);
    registerManageRoutes(scope, services);
    registerTrackingRoutes(scope, services);
  });

  registerBounceRoutes(app, services);

  await staffScope(app, async (scope) => {
    registerNewsletterAdminRoutes(scope, services, () => directory.refresh());
    registerIssueRoutes(scope, services);
    registerNewsletterStatsRoutes(scope, services);
    scope.get('/api/admin/newsletter-bounce-secret', async (request) => {
      requireRole(request, 'admin');
      return { secret: await loadBounceSecret(services.database.db) };
    });
  });
}
