import type { FastifyInstance } from 'fastify';
import type { RevenueServices } from '../payment-provider.js';
import { registerAccountRoutes } from './account.routes.js';
import { registerGiftRoutes } from './gift.routes.js';
import { accountStyles } from './account-styles.js';
import { registerSignInRoutes } from './sign-in.routes.js';

/** Reader accounts: sign-in by emailed link (/account/sign-in…) and the account (/account/…). */
export async function registerMemberRoutes(
  app: FastifyInstance,
  services: RevenueServices,
): Promise<void> {
  app.get('/account/:asset', async (request, reply) => {
    const styles = accountStyles();
    if (`/account/${(request.params as { asset: string }).asset}` !== styles.path)
      return reply.callNotFound();
    void reply
      .header('content-type', 'text/css; charset=utf-8')
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('etag', styles.etag);
    if (request.headers['if-none-match'] === styles.etag) return reply.status(304).send();
    return reply.send(styles.body);
  });
  registerSignInRoutes(app, services);
  registerAccountRoutes(app, services);
  registerGiftRoutes(app, services);
}
