import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppServices } from '../platform/app-services.js';
import { html } from '../platform/http/html.js';
import {
  renderMessagePage,
  renderPreferencesPage,
  renderTokenActionPage,
} from './newsletter-pages.js';
import { loadSigningSecret, readManageToken } from './newsletter-tokens.js';
import { loadPreferences, savePreferences, unsubscribe } from './preferences.service.js';
import { createRateLimiter } from './rate-limiter.js';
import { field, fromOurSite, readForm } from './signup.routes.js';
import { checkConfirmation, confirmSubscription } from './subscription.service.js';

// Pages behind signed links: confirm, preferences, unsubscribe. Every GET only shows a button;
// only a POST changes anything, because mail security scanners open every link in a message.
// The token is the authority (no cookies); POSTs from a browser must come from our origin,
// except the RFC 8058 one-click unsubscribe, which mail providers send from their servers.

const messages = {
  invalid: [
    'Link not valid',
    'This link is not valid. Please use the link from your latest email.',
  ],
  expired: [
    'Link expired',
    'This confirmation link has expired. Please sign up again to get a new one.',
  ],
  used: ['Already confirmed', 'This link was already used: your subscription is confirmed.'],
  confirmed: [
    'Subscription confirmed',
    'Thank you — you are subscribed. Your first newsletter is on its way with the next issue.',
  ],
} as const;

function readToken(request: FastifyRequest): string {
  const query = (request.query as { token?: unknown }).token;
  if (typeof query === 'string') return query.slice(0, 300);
  return field(readForm(request.body), 'token').slice(0, 300);
}

export function registerManageRoutes(app: FastifyInstance, services: AppServices): void {
  const { db } = services.database;
  const { baseUrl } = services.config;
  const siteOrigin = new URL(baseUrl).origin;
  const perIp = createRateLimiter({ limit: 60, windowMs: 10 * 60_000 });

  async function send(reply: FastifyReply, status: number, body: string) {
    return reply
      .status(status)
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('referrer-policy', 'no-referrer')
      .send(body);
  }
  async function message(
    reply: FastifyReply,
    status: number,
    [title, text]: readonly [string, string],
  ) {
    return send(
      reply,
      status,
      renderMessagePage({ settings: await services.settings.get(), baseUrl }, title, text),
    );
  }
  app.addHook('onRequest', async (request, reply) => {
    if (!/^\/newsletters\/(confirm|preferences|unsubscribe)/.test(request.url)) return;
    if (!perIp.hit(request.ip))
      await reply
        .status(429)
        .header('content-type', 'text/plain; charset=utf-8')
        .send('Too many requests. Please try again in a few minutes.');
  });

  app.get('/newsletters/confirm', async (request, reply) => {
    const token = readToken(request);
    const check = await checkConfirmation(db, await loadSigningSecret(db), token, services.now());
    if (check.kind !== 'ready')
      return message(reply, check.kind === 'used' ? 200 : 400, messages[check.kind]);
    const settings = await services.settings.get();
    return send(
      reply,
      200,
      renderTokenActionPage({
        settings,
        baseUrl,
        token,
        title: 'Confirm your subscription',
        message:
          'Press the button to confirm that you want to receive our newsletter at this address.',
        action: '/newsletters/confirm',
        button: 'Confirm subscription',
      }),
    );
  });

  app.post('/newsletters/confirm', async (request, reply) => {
    if (!fromOurSite(request, siteOrigin)) return message(reply, 403, messages.invalid);
    const token = readToken(request);
    const secret = await loadSigningSecret(db);
    const outcome = await db.transaction().execute((trx) =>
      confirmSubscription(trx, secret, {
        token,
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? '',
        now: services.now(),
      }),
    );
    return message(
      reply,
      outcome === 'confirmed' || outcome === 'used' ? 200 : 400,
      messages[outcome],
    );
  });

  app.get('/newsletters/preferences', async (request, reply) => {
    const token = readToken(request);
    const manage = readManageToken(await loadSigningSecret(db), token);
    const loaded = manage ? await loadPreferences(db, manage.subscriberId) : undefined;
    if (!loaded) return message(reply, 400, messages.invalid);
    return send(
      reply,
      200,
      renderPreferencesPage({
        settings: await services.settings.get(),
        baseUrl,
        token,
        email: loaded.subscriber.email,
        choices: loaded.choices,
        saved: (request.query as { saved?: string }).saved === '1',
      }),
    );
  });

  app.post('/newsletters/preferences', async (request, reply) => {
    if (!fromOurSite(request, siteOrigin)) return message(reply, 403, messages.invalid);
    const token = readToken(request);
    const manage = readManageToken(await loadSigningSecret(db), token);
    if (!manage) return message(reply, 400, messages.invalid);
    const form = readForm(request.body);
    const context = {
      ip: request.ip,
      userAgent: request.headers['user-agent'] ?? '',
      now: services.now(),
    };
    if (field(form, 'action') === 'unsubscribe_all') {
      await db
        .transaction()
        .execute((trx) => unsubscribe(trx, manage.subscriberId, undefined, context.now));
      return message(reply, 200, [
        'Unsubscribed',
        'You are unsubscribed from all our newsletters. We will not email you again.',
      ]);
    }
    const raw = form.newsletters;
    const slugs = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).map(String);
    const saved = await db
      .transaction()
      .execute((trx) => savePreferences(trx, manage.subscriberId, slugs, context));
    if (!saved) return message(reply, 400, messages.invalid);
    return reply.redirect(
      `/newsletters/preferences?token=${encodeURIComponent(token)}&saved=1`,
      303,
    );
  });

  app.get('/newsletters/unsubscribe', async (request, reply) => {
    const token = readToken(request);
    const manage = readManageToken(await loadSigningSecret(db), token);
    if (!manage) return message(reply, 400, messages.invalid);
    const settings = await services.settings.get();
    return send(
      reply,
      200,
      renderTokenActionPage({
        settings,
        baseUrl,
        token,
        title: 'Unsubscribe',
        message: 'Press the button to stop receiving this newsletter.',
        action: `/newsletters/unsubscribe?token=${encodeURIComponent(token)}`,
        button: 'Unsubscribe',
        extra: html`<p><a href="/newsletters/preferences?token=${token}">Choose which newsletters you receive instead</a></p>`,
      }),
    );
  });

  // RFC 8058 one-click: `List-Unsubscribe=One-Click` posted by the mail provider, or the
  // button above. No cookies, no CSRF token, no Origin check: the signed token is the authority.
  app.post('/newsletters/unsubscribe', async (request, reply) => {
    const token = readToken(request);
    const manage = readManageToken(await loadSigningSecret(db), token);
    if (!manage) return message(reply, 400, messages.invalid);
    await db
      .transaction()
      .execute((trx) => unsubscribe(trx, manage.subscriberId, manage.newsletterId, services.now()));
    return message(reply, 200, [
      'Unsubscribed',
      'You are unsubscribed. We will not send you this newsletter again.',
    ]);
  });
}
