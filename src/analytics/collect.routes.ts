import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppServices } from '../platform/app-services.js';
import { AppError } from '../platform/errors.js';
import { parseInput } from '../platform/http/validate.js';
import { toZonedIso } from '../platform/time-zone.js';
import { currentAnalyticsSettings } from './analytics-settings.js';
import type { AnalyticsIngest } from './analytics-ingest.js';
import type { PendingEvent } from './analytics-write.js';
import { createBehaviourFilter, isBotUserAgent } from './bots.js';
import { deviceClass } from './device.js';
import type { CountryLookup } from './geoip.js';
import { classifySource } from './traffic-source.js';
import type { VisitorHasher } from './visitor-hash.js';

// The beacon's endpoint (assets/analytics.js). No cookie is read or set; the address and user
// agent only feed the day's visitor hash and are never stored. Readers who ask not to be
// tracked (DNT, Sec-GPC) and bots are answered 204 and not counted.

/** Text the script sends whole (a referrer, query or link) and the collector cuts to size. */
const clipped = (length: number) =>
  z
    .string()
    .max(4000)
    .transform((text) => text.slice(0, length));

// Forms, and the support prompts by data-support-prompt (afterBody sent as after-body),
// the soft walls included (revenue/prompts/wall-render.ts).
const name = z.enum([
  'newsletter',
  'support',
  'inline',
  'after-body',
  'banner',
  'registration-wall',
  'donation-wall',
]);
const eventSchema = z.discriminatedUnion('t', [
  z.object({ t: z.literal('view') }).strict(),
  z.object({ t: z.literal('engage'), s: z.number().int().min(1).max(1800) }).strict(),
  z
    .object({
      t: z.literal('scroll'),
      d: z.union([z.literal(25), z.literal(50), z.literal(75), z.literal(100)]),
    })
    .strict(),
  z.object({ t: z.literal('click'), k: z.enum(['out', 'in']), h: clipped(300) }).strict(),
  z.object({ t: z.literal('play') }).strict(),
  z.object({ t: z.literal('form-view'), n: name }).strict(),
  z.object({ t: z.literal('form-submit'), n: name }).strict(),
  z.object({ t: z.literal('prompt-view'), n: name }).strict(),
  z.object({ t: z.literal('prompt-click'), n: name }).strict(),
]);
export const beaconSchema = z
  .object({
    p: clipped(300).pipe(
      z.string().regex(/^\/(?!\/)[^\s\\]{0,299}$/, 'must be the page path, e.g. /a-story/'),
    ),
    a: z
      .number()
      .int()
      .positive()
      .max(2 ** 31 - 1)
      .nullable()
      .optional(),
    r: clipped(500).optional(),
    q: clipped(500).optional(),
    w: z.number().int().min(0).max(100_000).optional(),
    e: z.array(eventSchema).min(1, 'needs at least one event').max(30, 'takes at most 30 events'),
  })
  .strict();
export type Beacon = z.infer<typeof beaconSchema>;

function readBody(body: unknown): unknown {
  if (typeof body !== 'string') return body;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    throw new AppError(400, 'bad_json', 'The event body must be JSON.');
  }
}

/** Readers who said not to track them (the script checks too; old scripts and tools may not). */
function optedOut(request: FastifyRequest): boolean {
  return request.headers.dnt === '1' || request.headers['sec-gpc'] === '1';
}

function clickTarget(href: string): string {
  try {
    const url = new URL(href);
    return url.host.toLowerCase().slice(0, 200);
  } catch {
    return '';
  }
}

/** The rows a beacon becomes (source only on the view, which carries the referrer). */
export function beaconEvents(
  beacon: Beacon,
  context: {
    at: Date;
    day: string;
    visitor: string;
    device: string;
    /** ISO code from the GeoIP database, '' without one. */
    country?: string;
    siteHost: string;
  },
): PendingEvent[] {
  const at = context.at.toISOString();
  const source = classifySource({
    referrer: beacon.r ?? '',
    query: beacon.q ?? '',
    siteHost: context.siteHost,
  });
  // A play from a page cached before plays moved to the player's own count: dropped, so a
  // listen is never counted twice.
  return beacon.e.flatMap((event): PendingEvent[] => {
    const base: PendingEvent = {
      at,
      day: context.day,
      type: event.t,
      path: beacon.p,
      article_id: beacon.a ?? 0,
      visitor: context.visitor,
      medium: '',
      source: '',
      campaign: '',
      device: context.device,
      country: context.country ?? '',
      value: 0,
      target: '',
    };
    switch (event.t) {
      case 'view':
        return [
          { ...base, medium: source.medium, source: source.source, campaign: source.campaign },
        ];
      case 'engage':
        return [{ ...base, value: event.s }];
      case 'scroll':
        return [{ ...base, value: event.d }];
      case 'click':
        return [
          event.k === 'out'
            ? { ...base, value: 1, target: clickTarget(event.h) }
            : { ...base, target: event.h.startsWith('/') ? event.h.slice(0, 200) : '' },
        ];
      case 'play':
        return [];
      default:
        return [{ ...base, target: event.n }];
    }
  });
}

export function registerCollectRoutes(
  app: FastifyInstance,
  services: AppServices,
  deps: { ingest: AnalyticsIngest; hasher: VisitorHasher; country?: CountryLookup },
): void {
  const siteHost = new URL(services.config.baseUrl).host.toLowerCase();
  const behaviour = createBehaviourFilter();
  app.post('/api/event', { bodyLimit: 8192 }, async (request, reply) => {
    void reply.header('cache-control', 'no-store');
    if (request.headers['sec-fetch-site'] === 'cross-site')
      throw new AppError(
        403,
        'foreign_page',
        "Events are accepted from this site's own pages only.",
      );
    const beacon = parseInput(beaconSchema, readBody(request.body));
    const userAgent = request.headers['user-agent'] ?? '';
    if (!currentAnalyticsSettings().enabled || optedOut(request) || isBotUserAgent(userAgent))
      return reply.status(204).send();
    const at = services.now();
    const visitor = await deps.hasher.hash({ ip: request.ip, userAgent, at });
    const views = beacon.e.filter((e) => e.t === 'view').length;
    if (!behaviour.allow(visitor, views, beacon.e.length)) return reply.status(204).send();
    const { timeZone } = await services.settings.get();
    const events = beaconEvents(beacon, {
      at,
      day: toZonedIso(at, timeZone).slice(0, 10),
      visitor,
      device: deviceClass(userAgent, beacon.w),
      country: deps.country?.(request.ip) ?? '',
      siteHost,
    });
    try {
      await deps.ingest.add(events);
    } catch (error) {
      request.log.error({ err: error }, 'storing analytics events failed');
      throw new AppError(503, 'not_stored', 'The events could not be stored; try again later.');
    }
    return reply.status(204).send();
  });
}
