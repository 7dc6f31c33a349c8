import type { FastifyInstance } from 'fastify';
import { registerArticleEditingRoutes } from '../content/article-editing.routes.js';
import { registerArticleRoutes } from '../content/article.routes.js';
import { registerAuthorRoutes } from '../content/author.routes.js';
import { registerCollectionRoutes } from '../content/collection.routes.js';
import { registerTagRoutes } from '../content/tag.routes.js';
import type { AppServices } from '../platform/app-services.js';
import { registerNarrationAdminRoutes } from '../audio/narration-admin.routes.js';
import { createAuthenticator } from './authenticate.js';
import { registerInvitationAcceptRoutes, registerInvitationRoutes } from './invitation.routes.js';
import { registerOutboxRoutes } from './outbox.routes.js';
import { registerPasswordResetRoutes } from './password-reset.routes.js';
import { registerPreviewRoutes } from './preview.routes.js';
import { registerSettingsRoutes } from './settings.routes.js';
import { registerStaffUserRoutes } from './staff-user.routes.js';
import { registerSessionRoutes } from './session.routes.js';

/** The admin JSON API: sign-in routes, then every other route behind authentication. */
export async function registerAdminRoutes(
  app: FastifyInstance,
  services: AppServices,
): Promise<void> {
  const authenticate = createAuthenticator(services);
  registerSessionRoutes(app, services, authenticate);
  registerPreviewRoutes(app, services, authenticate);
  // Public but rate-limited: the people using them cannot sign in (yet).
  registerPasswordResetRoutes(app, services);
  registerInvitationAcceptRoutes(app, services);
  await app.register(async (scope) => {
    scope.addHook('preHandler', authenticate);
    scope.addHook('onSend', async (_request, reply, payload) => {
      // Admin answers are personal: never stored by a browser or shared cache.
      void reply.header('cache-control', 'no-store');
      return payload;
    });
    registerArticleRoutes(scope, services);
    registerArticleEditingRoutes(scope, services);
    registerAuthorRoutes(scope, services);
    registerTagRoutes(scope, services);
    registerCollectionRoutes(scope, services);
    registerInvitationRoutes(scope, services);
    registerStaffUserRoutes(scope, services);
    registerSettingsRoutes(scope, services);
    registerOutboxRoutes(scope, services);
    registerNarrationAdminRoutes(scope, services);
  });
}
