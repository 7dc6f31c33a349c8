import type { FastifyInstance } from 'fastify';
import type { RevenueServices } from './payment-provider.js';
import { registerCheckoutRoutes } from './checkout/checkout.routes.js';
import { registerMemberRoutes } from './members/member.routes.js';
import { registerSandboxRoutes } from './sandbox/sandbox.routes.js';
import { registerStripeWebhookRoutes } from './stripe/stripe-webhook.routes.js';

// Every reader-revenue route module, registered from app.ts in one call. Add a line per module.

export async function registerRevenueRoutes(
  app: FastifyInstance,
  services: RevenueServices,
): Promise<void> {
  registerCheckoutRoutes(app, services);
  registerSandboxRoutes(app, services);
  await registerStripeWebhookRoutes(app, services);
  await registerMemberRoutes(app, services);
}
