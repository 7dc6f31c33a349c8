import type { FastifyInstance } from 'fastify';
import type { RevenueServices } from '../payment-provider.js';
import { AppError } from '../../platform/errors.js';
import { receiveProviderEvent } from '../events/receive-event.js';
import { WebhookSignatureError } from '../payment-provider.js';

// POST /webhooks/stripe: Stripe's deliveries. The signature covers the exact bytes Stripe
// sent, so this route lives in its own encapsulated plugin whose JSON parser keeps the raw
// Buffer (the rest of the app still parses JSON). A verified event is recorded once and its
// processing job enqueued in one transaction (receiveProviderEvent); the answer goes out at
// once and the work happens in the job, which re-fetches the objects from Stripe (ADR 0009).

export type StripeWebhookDeps = Pick<
  RevenueServices,
  'payments' | 'database' | 'now' | 'logger' | 'limits'
>;

/** Stripe's events are a few KB; anything near this is not from Stripe. */
export const stripeWebhookBodyLimit = 1024 * 1024;

/** After this many bad signatures from one address in a minute (all nodes together), 429 unchecked. */
const badSignatures = { name: 'stripe-webhook.bad-signatures', limit: 60, windowMs: 60_000 };

export async function registerStripeWebhookRoutes(
  app: FastifyInstance,
  deps: StripeWebhookDeps,
): Promise<void> {
  const failures = deps.limits.define(badSignatures);

  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    const keepRaw = (_request: unknown, body: Buffer, done: (e: null, b: Buffer) => void) =>
      done(null, body);
    scope.addContentTypeParser(
      'application/json',
      { parseAs: 'buffer', bodyLimit: stripeWebhookBodyLimit },
      keepRaw,
    );
    // Any other type still reaches the signature check (and fails it) instead of a 415.
    scope.addContentTypeParser(
      '*',
      { parseAs: 'buffer', bodyLimit: stripeWebhookBodyLimit },
      keepRaw,
    );

    scope.post('/webhooks/stripe', { bodyLimit: stripeWebhookBodyLimit }, async (request) => {
      const provider = deps.payments;
      if (provider.name !== 'stripe') {
        // 503, not 404: Stripe keeps retrying for three days, so events sent while the keys
        // were missing are still delivered once STRIPE_SECRET_KEY is set again.
        throw new AppError(
          503,
          'stripe_not_configured',
          'Stripe is not configured on this site (STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET are unset); payments run in the sandbox.',
        );
      }
      if (!(await failures.peek(request.ip)).allowed)
        throw new AppError(429, 'rate_limited', 'Too many requests with bad signatures.');
      const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const header = request.headers['stripe-signature'];
      let event;
      try {
        event = await provider.verifyWebhook(body, typeof header === 'string' ? header : undefined);
      } catch (error) {
        if (!(error instanceof WebhookSignatureError)) throw error;
        await failures.hit(request.ip);
        throw new AppError(400, 'bad_signature', error.message);
      }
      const outcome = await receiveProviderEvent(deps, provider, event);
      deps.logger.debug({ eventId: event.id, type: event.type, outcome }, 'stripe webhook');
      return { received: true };
    });
  });
}
