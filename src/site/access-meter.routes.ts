import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { grantsAccess, isGated } from '../content/access/access-level.js';
import { articleAccessRule } from '../content/access/article-access.js';
import { loadAccessKey } from '../content/access/entitlement-cookie.js';
import {
  meterAllowance,
  meterCookie,
  meterPeriod,
  readMeter,
  signMeter,
  spendMeter,
  storyMark,
} from '../content/access/meter-cookie.js';
import type { AppServices } from '../platform/app-services.js';
import { AppError } from '../platform/errors.js';
import { parseInput } from '../platform/http/validate.js';
import { gatedRestHtml } from './article-page-build.js';
import { carriesEntitlement, requestEntitlement } from './cached-variant.js';
import { loadArticle } from './site.queries.js';

// Metering (issue 17, ADR 0026): the cached preview of a gated story runs assets/meter.js,
// which asks here whether this reader may open it free. The answer is enforced here, not in
// the browser: the signed meter cookie holds the period and a keyed mark per story opened,
// so a story counts once, the allowance cannot be raised by editing the cookie, and the rest
// of the story leaves the server only with a yes. The page itself stays the cached preview.

const requestSchema = z.object({ slug: z.string().regex(/^[a-z0-9-]{1,120}$/) }).strict();

export function registerAccessMeterRoutes(app: FastifyInstance, services: AppServices): void {
  const { db } = services.database;
  const siteOrigin = new URL(services.config.baseUrl).origin;
  const perIp = services.limits.define({ name: 'access-meter.ip', limit: 120, windowMs: 600_000 });

  app.post('/access/meter', async (request, reply) => {
    void reply.header('cache-control', 'no-store');
    const origin = request.headers.origin;
    if (request.headers['sec-fetch-site'] === 'cross-site' || (origin && origin !== siteOrigin))
      throw new AppError(403, 'foreign_page', "The meter answers this site's own pages only.");
    const limited = await perIp.hit(request.ip);
    if (!limited.allowed) {
      void reply.header('retry-after', String(limited.retryAfterSeconds));
      throw new AppError(429, 'rate_limited', 'Too many requests; try again in a few minutes.');
    }
    const body = typeof request.body === 'string' ? safeJson(request.body) : request.body;
    const { slug } = parseInput(requestSchema, body);
    const found = await loadArticle(db, slug, services.pageCache);
    if (found.kind !== 'found') throw new AppError(404, 'not_found', 'No such story.');
    const rule = articleAccessRule(found.article);
    if (!isGated(rule)) return { metered: false };
    const key = await loadAccessKey(db);
    const entitlement = carriesEntitlement(request.raw)
      ? requestEntitlement(request.raw, key)
      : { kind: 'none' as const, tiers: [] };
    // A reader whose cookie now admits the story (say, just signed in): the rest, no count.
    if (grantsAccess(entitlement, rule))
      return {
        metered: true,
        open: true,
        left: 0,
        allowance: 0,
        html: await gatedRestHtml(services, found, services.pageCache.fragments),
      };
    const { meter } = await services.settings.get();
    const allowance = meterAllowance(rule, entitlement, meter);
    if (allowance === 0) return { metered: false };
    const period = meterPeriod(services.now(), meter.periodDays);
    const state = readMeter(key, request.cookies[meterCookie], period);
    const answer = spendMeter(state, storyMark(key, found.article.id), allowance);
    if (answer.open && answer.changed)
      void reply.setCookie(meterCookie, signMeter(key, answer.state), {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: services.config.baseUrl.startsWith('https:'),
        maxAge: meter.periodDays * 86_400,
      });
    if (!answer.open) return { metered: true, open: false, left: 0, allowance };
    return {
      metered: true,
      open: true,
      left: answer.left,
      allowance,
      html: await gatedRestHtml(services, found, services.pageCache.fragments),
    };
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError(400, 'bad_json', 'The request body must be JSON.');
  }
}
