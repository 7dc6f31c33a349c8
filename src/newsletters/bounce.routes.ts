import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppServices } from '../platform/app-services.js';
import type { Executor } from '../platform/db/database.js';
import { loadInstallationSecret } from '../platform/settings/installation-secret.js';
import { AppError } from '../platform/errors.js';
import { parseInput } from '../platform/http/validate.js';
import { recordBounce } from './bounce.service.js';
import { parseBounceMessage } from './dsn.js';
import { registerUnsubscribeMailRoute } from './unsubscribe-mail.routes.js';

// Bounce intake, for an ESP's webhook or the MTA that receives bounces+<id>@domain:
//   POST /api/newsletters/bounces  JSON {"events":[{"type":"hard_bounce"|"soft_bounce"|"complaint",
//                                   "email"?, "delivery_id"?, "message_id"?, "detail"?}]}
//   POST /api/newsletters/dsn      a raw DSN / ARF message (Content-Type: message/rfc822)
// Both signed: header `X-Masthead-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`
// with the installation's bounce secret (GET /api/admin/newsletter-bounce-secret, admin only),
// refused when older than five minutes.

/** The shared secret bounce posts are signed with (created on first use). */
export function loadBounceSecret(executor: Executor): Promise<string> {
  return loadInstallationSecret(executor, 'newsletters.bounce-secret', 'hex');
}

/** The signature header for a body (what a sender computes). */
export function signBounceBody(secret: string, body: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;
}

function verify(secret: string, header: string | undefined, body: string, now: Date): boolean {
  const match = /^t=(\d{1,12}),v1=([0-9a-f]{64})$/.exec(header ?? '');
  if (!match?.[1] || !match[2]) return false;
  if (Math.abs(now.getTime() / 1000 - Number(match[1])) > 300) return false;
  const expected = Buffer.from(
    createHmac('sha256', secret).update(`${match[1]}.${body}`).digest('hex'),
  );
  const given = Buffer.from(match[2]);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

const eventsBody = z
  .object({
    events: z
      .array(
        z.object({
          type: z.enum(['hard_bounce', 'soft_bounce', 'complaint']),
          email: z.string().max(320).optional(),
          delivery_id: z.number().int().positive().optional(),
          message_id: z.string().max(300).optional(),
          detail: z.string().max(1000).default(''),
        }),
      )
      .min(1)
      .max(1000),
  })
  .strict();

const kinds = { hard_bounce: 'hard', soft_bounce: 'soft', complaint: 'complaint' } as const;

async function deliveryEmail(
  executor: Executor,
  id: number | undefined,
): Promise<string | undefined> {
  if (id === undefined) return undefined;
  const row = await executor
    .selectFrom('newsletter_deliveries')
    .select('email')
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.email;
}

export function registerBounceRoutes(app: FastifyInstance, services: AppServices): void {
  const { db } = services.database;
  const perIp = services.limits.define({ name: 'mail-webhooks.ip', limit: 600, windowMs: 60_000 });

  async function authenticate(request: FastifyRequest): Promise<string> {
    if (!(await perIp.hit(request.ip)).allowed)
      throw new AppError(429, 'rate_limited', 'Too many requests.');
    const body = typeof request.body === 'string' ? request.body : '';
    const header = request.headers['x-masthead-signature'];
    if (
      !verify(
        await loadBounceSecret(db),
        typeof header === 'string' ? header : undefined,
        body,
        services.now(),
      )
    )
      throw new AppError(401, 'bad_signature', 'Missing, stale or invalid X-Masthead-Signature.');
    return body;
  }

  app.register(async (scope) => {
    // Signatures cover the exact bytes: bodies are kept as text and parsed after the check.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(
      '*',
      { parseAs: 'string', bodyLimit: 5 * 1024 * 1024 },
      (_r, body, done) => done(null, body),
    );

    scope.post('/api/newsletters/bounces', async (request) => {
      const body = await authenticate(request);
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch {
        throw new AppError(400, 'bad_request', 'The request body is not valid JSON.');
      }
      const input = parseInput(eventsBody, json);
      let suppressed = 0;
      let ignored = 0;
      for (const event of input.events) {
        const fromMessageId = /<?nl\.(\d+)\.\d+@/.exec(event.message_id ?? '')?.[1];
        const deliveryId = event.delivery_id ?? (fromMessageId ? Number(fromMessageId) : undefined);
        const email = (event.email ?? (await deliveryEmail(db, deliveryId)))?.trim().toLowerCase();
        if (!email) {
          ignored += 1;
          continue;
        }
        const known =
          deliveryId !== undefined && (await deliveryEmail(db, deliveryId)) !== undefined;
        if (
          await recordBounce(db, {
            email,
            kind: kinds[event.type],
            deliveryId: known ? (deliveryId ?? null) : null,
            detail: event.detail,
            now: services.now(),
          })
        )
          suppressed += 1;
      }
      return { accepted: input.events.length - ignored, ignored, suppressed };
    });

    registerUnsubscribeMailRoute(scope, services);

    scope.post('/api/newsletters/dsn', async (request) => {
      const body = await authenticate(request);
      const bounce = await parseBounceMessage(body);
      if (!bounce) return { accepted: false, reason: 'not a delivery-status or feedback report' };
      const email = bounce.email ?? (await deliveryEmail(db, bounce.deliveryId));
      if (!email) return { accepted: false, reason: 'no recipient could be determined' };
      const known = (await deliveryEmail(db, bounce.deliveryId)) !== undefined;
      const suppressed = await recordBounce(db, {
        email,
        kind: bounce.kind,
        deliveryId: known ? (bounce.deliveryId ?? null) : null,
        detail: `DSN status ${bounce.status}`,
        now: services.now(),
      });
      return {
        accepted: true,
        kind: bounce.kind,
        email,
        delivery_id: known ? bounce.deliveryId : null,
        suppressed,
      };
    });
  });
}
