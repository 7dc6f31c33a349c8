import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppServices } from '../platform/app-services.js';
import { AppError } from '../platform/errors.js';
import { parseInput } from '../platform/http/validate.js';
import { toZonedIso } from '../platform/time-zone.js';
import { countListen } from './listen.repository.js';
import { findNarration } from './narration.repository.js';

const beaconSchema = z
  .object({
    article: z.coerce.number().int().positive(),
    event: z.enum(['play', '25', '50', '75', '100']),
  })
  .strict();

/**
 * First-party listening beacons from the player: plays and 25/50/75/100 % completion, counted
 * per article and day. No cookie, address or identifier is stored with them; the address is
 * used only to rate-limit (its hash is kept for the one-minute window, ADR 0019).
 */
export function registerListenRoutes(app: FastifyInstance, services: AppServices): void {
  const limiter = services.limits.define({ name: 'audio-beacon.ip', limit: 60, windowMs: 60_000 });
  app.post('/audio/beacon', async (request, reply) => {
    const limited = await limiter.hit(request.ip);
    if (!limited.allowed) {
      void reply.header('retry-after', String(limited.retryAfterSeconds));
      throw new AppError(429, 'rate_limited', 'Too many listening events; try again in a minute.');
    }
    // navigator.sendBeacon posts text/plain; the body is JSON either way.
    const raw = typeof request.body === 'string' ? safeJson(request.body) : request.body;
    const input = parseInput(beaconSchema, raw);
    const narration = await findNarration(services.database.db, input.article);
    if (!narration?.file) return reply.status(204).send(); // nothing to count, nothing to say
    // The newsroom's local date, as the reading statistics count days (they show these plays).
    const { timeZone } = await services.settings.get();
    const day = toZonedIso(services.now(), timeZone).slice(0, 10);
    await countListen(services.database.db, day, input.article, input.event);
    return reply.status(204).header('cache-control', 'no-store').send();
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
