import type { FastifyInstance } from 'fastify';
import { registerArticleEditingRoutes } from '../content/article-editing.routes.js';
import { registerArticleRoutes } from '../content/article.routes.js';
import { registerAuthorRoutes } from '../content/author.routes.js';
import { registerCollectionRoutes } from '../content/collection.routes.js';
import { registerTagRoutes } from '../content/tag.routes.js';
import { registerLiveRoutes } from '../content/live/live.routes.js';
import type { AppServices } from '../platform/app-services.js';
import { staffScope } from '../platform/http/staff-access.js';
import { registerNarrationAdminRoutes } from '../audio/narration-admin.routes.js';
import { registerLexiconSuggestRoutes } from '../audio/lexicon-suggest.routes.js';
import { lookupMedia } from '../media/media.service.js';
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
  registerSessionRoutes(app, services, app.authenticateStaff);
  registerPreviewRoutes(app, services, app.authenticateStaff);
  // Public but rate-limited: the people using them cannot sign in (yet).
  registerPasswordResetRoutes(app, services);
  registerInvitationAcceptRoutes(app, services);
  await staffScope(app, async (scope) => {
    // Content's routes get the media library's lookup from here: content never imports media/.
    registerArticleRoutes(scope, services, { mediaLookup: lookupMedia });
    registerArticleEditingRoutes(scope, services, { mediaLookup: lookupMedia });
    registerLiveRoutes(scope, services, { mediaLookup: lookupMedia });
    registerAuthorRoutes(scope, services);
    registerTagRoutes(scope, services);
    registerCollectionRoutes(scope, services);
    registerInvitationRoutes(scope, services);
    registerStaffUserRoutes(scope, services);
    registerSettingsRoutes(scope, services);
    registerOutboxRoutes(scope, services);
    registerNarrationAdminRoutes(scope, services);
    registerLexiconSuggestRoutes(scope, services);
  });
}
