import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppServices } from '../platform/app-services.js';
import { AppError } from '../platform/errors.js';
import { parseInput } from '../platform/http/validate.js';
import type { RateLimiter } from '../platform/limits/rate-limits.js';
import { pushScript, pushServiceWorker, type PushAsset } from './push-assets.js';
import { checkClickToken } from './push-click.js';
import { recordClick } from './push-delivery.repository.js';
import type { PushKeys } from './push-keys.js';
import {
  endpointInput,
  subscribeInput,
  subscribeToPush,
  topicsOf,
  unsubscribeFromPush,
} from './push-subscription.service.js';

// The readers' push API: JSON only, no cookies. It sits behind cached pages, so there is no
// session for a CSRF token; a cross-site page cannot send JSON without a CORS preflight we
// never grant, the Origin must be ours, and every call is rate-limited per address. The
// endpoint in a request body is a secret: it is never logged (the error handler logs no body).

const clickInput = z
  .object({ d: z.number().int().positive(), t: z.string().min(1).max(64) })
  .strict();

function checkRequest(request: FastifyRequest, siteOrigin: string): void {
  if (!/^application\/json\b/i.test(request.headers['content-type'] ?? ''))
    throw new AppError(415, 'unsupported_media_type', 'Send JSON (application/json).');
  const origin = request.headers.origin;
  if (origin !== undefined && origin !== siteOrigin)
    throw new AppError(403, 'wrong_origin', 'This can only be sent from our own pages.');
}

async function limit(limiter: RateLimiter, request: FastifyRequest): Promise<void> {
  const decision = await limiter.hit(request.ip);
  if (!decision.allowed)
    throw new AppError(
      429,
      'rate_limited',
      `Too many requests. Please try again in ${decision.retryAfterSeconds} seconds.`,
    );
}

function sendAsset(
  request: FastifyRequest,
  reply: FastifyReply,
  asset: PushAsset,
  cacheControl: string,
) {
  void reply
    .header('content-type', 'text/javascript; charset=utf-8')
    .header('cache-control', cacheControl)
    .header('etag', asset.etag);
  if (request.headers['if-none-match'] === asset.etag) return reply.status(304).send();
  return reply.send(asset.body);
}

/** The public push routes: key, subscribe, unsubscribe, status, click, script, service worker. */
export function registerPushPublicRoutes(
  app: FastifyInstance,
  services: AppServices,
  keys: PushKeys,
): void {
  const { db } = services.database;
  const siteOrigin = new URL(services.config.baseUrl).origin;
  const subscribeLimit = services.limits.define({
    name: 'push-subscribe.ip',
    limit: 30,
    windowMs: 10 * 60_000,
  });
  const statusLimit = services.limits.define({
    name: 'push-status.ip',
    limit: 120,
    windowMs: 10 * 60_000,
  });
  const clickLimit = services.limits.define({ name: 'push-click.ip', limit: 60, windowMs: 60_000 });

  app.get('/push/key', async (_request, reply) =>
    reply.header('cache-control', 'public, max-age=3600').send({ publicKey: keys.vapidPublicKey }),
  );

  app.post('/push/subscriptions', async (request, reply) => {
    checkRequest(request, siteOrigin);
    await limit(subscribeLimit, request);
    const input = parseInput(subscribeInput, request.body);
    const settings = await services.settings.get();
    const topics = await db.transaction().execute((tx) =>
      subscribeToPush(
        tx,
        {
          keys,
          services: services.config.push.services,
          defaultLanguage: settings.language,
          now: services.now,
        },
        input,
      ),
    );
    return reply.status(201).header('cache-control', 'no-store').send({ topics });
  });

  app.post('/push/subscriptions/remove', async (request, reply) => {
    checkRequest(request, siteOrigin);
    await limit(subscribeLimit, request);
    const input = parseInput(endpointInput, request.body);
    const topics = await db.transaction().execute((tx) => unsubscribeFromPush(tx, { keys }, input));
    return reply.header('cache-control', 'no-store').send({ topics });
  });

  app.post('/push/subscriptions/status', async (request, reply) => {
    checkRequest(request, siteOrigin);
    await limit(statusLimit, request);
    const input = parseInput(endpointInput.omit({ topics: true }), request.body);
    return reply
      .header('cache-control', 'no-store')
      .send({ topics: await topicsOf(db, { keys }, input.endpoint) });
  });

  app.post('/push/clicks', async (request, reply) => {
    checkRequest(request, siteOrigin);
    await limit(clickLimit, request);
    const input = parseInput(clickInput, request.body);
    if (!checkClickToken(keys, input.d, input.t))
      throw new AppError(403, 'bad_token', 'This click token is not valid.');
    await recordClick(db, input.d, services.now());
    return reply.status(204).header('cache-control', 'no-store').send();
  });

  app.get(pushServiceWorker().path, async (request, reply) =>
    sendAsset(request, reply, pushServiceWorker(), 'no-cache'),
  );

  app.get('/push/:asset', async (request, reply) => {
    if (`/push/${(request.params as { asset: string }).asset}` !== pushScript().path)
      return reply.callNotFound();
    return sendAsset(request, reply, pushScript(), 'public, max-age=31536000, immutable');
  });
}
