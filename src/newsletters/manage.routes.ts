import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppServices } from '../platform/app-services.js';
import { html } from '../platform/http/html.js';
import type { MessageKey } from '../site/i18n/messages.en.js';
import { localeFor, translator } from '../site/i18n/translate.js';
import {
  pageLocale,
  renderMessagePage,
  renderPreferencesPage,
  renderTokenActionPage,
} from './newsletter-pages.js';
import { loadSigningSecret, readManageToken } from './newsletter-tokens.js';
import { loadPreferences, savePreferences, unsubscribe } from './preferences.service.js';
import { field, fromOurSite, readForm } from './signup.routes.js';
import { checkConfirmation, confirmSubscription } from './subscription.service.js';

// Pages behind signed links: confirm, preferences, unsubscribe. Every GET only shows a button;
// only a POST changes anything, because mail security scanners open every link in a message.
// The token is the authority (no cookies); POSTs from a browser must come from our origin,
// except the RFC 8058 one-click unsubscribe, which mail providers send from their servers.

// Catalog keys of each answer page: [title, text].
const messages = {
  invalid: ['newsletters.link.invalidTitle', 'newsletters.link.invalid'],
  expired: ['newsletters.link.expiredTitle', 'newsletters.link.expired'],
  used: ['newsletters.link.usedTitle', 'newsletters.link.used'],
  confirmed: ['newsletters.confirm.doneTitle', 'newsletters.confirm.done'],
  unsubscribed: ['newsletters.unsubscribe.doneTitle', 'newsletters.unsubscribe.done'],
  unsubscribedAll: ['newsletters.unsubscribe.doneTitle', 'newsletters.unsubscribe.allDone'],
} as const satisfies Record<string, readonly [MessageKey, MessageKey]>;

function readToken(request: FastifyRequest): string {
  const query = (request.query as { token?: unknown }).token;
  if (typeof query === 'string') return query.slice(0, 300);
  return field(readForm(request.body), 'token').slice(0, 300);
}

export function registerManageRoutes(app: FastifyInstance, services: AppServices): void {
  const { db } = services.database;
  const { baseUrl } = services.config;
  const siteOrigin = new URL(baseUrl).origin;
  const perIp = services.limits.define({
    name: 'newsletter-manage.ip',
    limit: 60,
    windowMs: 10 * 60_000,
  });

  async function send(reply: FastifyReply, status: number, body: string) {
    return (
      reply
        .status(status)
        .header('content-type', 'text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        // Not no-referrer: with it Chromium sends `Origin: null` on these pages' own form POSTs
        // (confirm, preferences, unsubscribe) and the Origin check refuses them. same-origin
        // still keeps the token in the URL from leaking to any other site.
        .header('referrer-policy', 'same-origin')
        .send(body)
    );
  }
  async function message(
    reply: FastifyReply,
    status: number,
    [title, text]: readonly [MessageKey, MessageKey],
  ) {
    const base = { settings: await services.settings.get(), baseUrl };
    const t = translator(pageLocale(base));
    return send(reply, status, renderMessagePage(base, t(title), t(text)));
  }
  app.addHook('onRequest', async (request, reply) => {
    if (!/^\/newsletters\/(confirm|preferences|unsubscribe)/.test(request.url)) return;
    const limited = await perIp.hit(request.ip);
    if (!limited.allowed) {
      const t = translator(localeFor((await services.settings.get()).language));
      await reply
        .status(429)
        .header('retry-after', String(limited.retryAfterSeconds))
        .header('content-type', 'text/plain; charset=utf-8')
        .send(t('newsletters.tooManyRequests'));
    }
  });

  app.get('/newsletters/confirm', async (request, reply) => {
    const token = readToken(request);
    const check = await checkConfirmation(db, await loadSigningSecret(db), token, services.now());
    if (check.kind !== 'ready')
      return message(reply, check.kind === 'used' ? 200 : 400, messages[check.kind]);
    const settings = await services.settings.get();
    const t = translator(localeFor(settings.language));
    return send(
      reply,
      200,
      renderTokenActionPage({
        settings,
        baseUrl,
        token,
        title: t('newsletters.confirm.title'),
        message: t('newsletters.confirm.text'),
        action: '/newsletters/confirm',
        button: t('newsletters.confirm.button'),
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
      return message(reply, 200, messages.unsubscribedAll);
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
    const t = translator(localeFor(settings.language));
    return send(
      reply,
      200,
      renderTokenActionPage({
        settings,
        baseUrl,
        token,
        title: t('newsletters.unsubscribe.title'),
        message: t('newsletters.unsubscribe.text'),
        action: `/newsletters/unsubscribe?token=${encodeURIComponent(token)}`,
        button: t('newsletters.unsubscribe.button'),
        extra: html`<p><a href="/newsletters/preferences?token=${token}">${t('newsletters.unsubscribe.instead')}</a></p>`,
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
    return message(reply, 200, messages.unsubscribed);
  });
}
