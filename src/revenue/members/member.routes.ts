import type { FastifyInstance } from 'fastify';
import type { AppServices } from '../../platform/app-services.js';
import { registerAccountRoutes } from './account.routes.js';
import { registerSignInRoutes } from './sign-in.routes.js';

/** Reader accounts: sign-in by emailed link (/account/sign-in…) and the account (/account/…). */
export async function registerMemberRoutes(
  app: FastifyInstance,
  services: AppServices,
): Promise<void> {
  registerSignInRoutes(app, services);
  registerAccountRoutes(app, services);
}
