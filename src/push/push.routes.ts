import type { FastifyInstance } from 'fastify';
import type { AppServices } from '../platform/app-services.js';
import { staffScope } from '../platform/http/staff-access.js';
import { registerPushAdminRoutes } from './push-admin.routes.js';
import { ensurePushKeys } from './push-keys.js';
import { registerPushPublicRoutes } from './push-public.routes.js';
import { registerPushSlots } from './push-slots.js';

/** Every push route: the readers' API, script and service worker, the buttons, the admin API. */
export async function registerPushRoutes(
  app: FastifyInstance,
  services: AppServices,
): Promise<void> {
  // First start: the VAPID keys are made here and stored for every node.
  const keys = await ensurePushKeys(services.database.db, {
    encryptionKey: services.config.push.encryptionKey,
    now: services.now(),
  });
  registerPushSlots();
  registerPushPublicRoutes(app, services, keys);
  await staffScope(app, (scope) => registerPushAdminRoutes(scope, services));
}
