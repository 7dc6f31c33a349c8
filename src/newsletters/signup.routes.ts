import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppServices } from '../platform/app-services.js';
import { checkEmailAddress } from './email-address.js';
import { publicNewsletters } from './newsletter-directory.js';
import { type Locale, localeFor, translator } from '../site/i18n/translate.js';
import { pageLocale, renderMessagePage, renderNewslettersPage } from './newsletter-pages.js';
import { consentTextFor } from './signup-form.js';
import { signupScript } from './signup-script.js';
import { requestSubscription, resolveSignupNewsletters } from './subscription.service.js';

// Public signup. These forms sit on cached anonymous pages, so there is no session to hold a
// CSRF token (double-submit is impossible). What protects them instead:
// - an Origin check (Referer when Origin is absent): browsers send Origin with every POST, so a
//   cross-site form post is refused; clients that send neither are not browsers, and a browser
//   cannot be made to omit both;
// - a honeypot field bots fill in (answered like a success, and ignored);
// - rate limits per IP (here) and per address (in the service, shared by every node);
// - double opt-in: even a forged signup only sends a confirmation the owner must act on.
// Answers are in the language of the form (its hidden `language` field: the article's language
// for a form after an article), else the site's.

/** Form fields as strings, whether they came urlencoded or as JSON. */
export function readForm(body: unknown): Record<string, string | string[]> {
  return typeof body === 'object' && body !== null
    ? (body as Record<string, string | string[]>)
    : {};
}

export function field(form: Record<string, string | string[]>, name: string): string {
  const value = form[name];
  return (Array.isArray(value) ? (value[0] ?? '') : (value ?? '')).toString();
}

/**
 * The analytics script's hidden `touch` field of a signup or support form: the visits that
 * led here, as the reader's browser remembered them. Passed on unparsed (analytics reads it).
 */
export function readTouch(body: unknown): string {
  return field(readForm(body), 'touch').slice(0, 2000);
}

function list(form: Record<string, string | string[]>, name: string): string[] {
  const value = form[name];
  return (Array.isArray(value) ? value : value === undefined ? [] : [value]).map(String);
}

/** True when the request's Origin (or Referer) is our own site, or when it has neither. */
export function fromOurSite(request: FastifyRequest, siteOrigin: string): boolean {
  const origin = request.headers.origin;
  if (origin !== undefined) return origin === siteOrigin;
  const referer = request.headers.referer;
  if (referer === undefined) return true;
  try {
    return new URL(referer).origin === siteOrigin;
  } catch {
    return false;
  }
}

export function wantsJson(request: FastifyRequest): boolean {
  return /application\/json/.test(request.headers.accept ?? '');
}

export function registerSignupRoutes(app: FastifyInstance, services: AppServices): void {
  const { db } = services.database;
  const { baseUrl } = services.config;
  const siteOrigin = new URL(baseUrl).origin;
  const perIp = services.limits.define({
    name: 'newsletter-signup.ip',
    limit: 10,
    windowMs: 10 * 60_000,
  });

  async function pageBase() {
    return { settings: await services.settings.get(), baseUrl };
  }

  function refuse(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    locale: Locale,
    message: string,
  ) {
    if (wantsJson(request))
      return reply.status(status).send({ ok: false, error: 'refused', message });
    return pageBase().then((base) =>
      reply
        .status(status)
        .header('content-type', 'text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(
          renderMessagePage(base, translator(locale)('newsletters.signup.notSubscribed'), message),
        ),
    );
  }

  app.get('/newsletters/', async (_request, reply) => {
    const base = await pageBase();
    return reply
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'public, max-age=60')
      .send(
        renderNewslettersPage({
          ...base,
          newsletters: publicNewsletters(),
          scriptPath: signupScript().path,
        }),
      );
  });

  app.get('/newsletters/:asset', async (request, reply) => {
    const script = signupScript();
    if (`/newsletters/${(request.params as { asset: string }).asset}` !== script.path)
      return reply.callNotFound();
    void reply
      .header('content-type', 'text/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('etag', script.etag);
    if (request.headers['if-none-match'] === script.etag) return reply.status(304).send();
    return reply.send(script.body);
  });

  app.get('/newsletters/thanks', async (_request, reply) => {
    const base = await pageBase();
    const t = translator(pageLocale(base));
    return reply
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'public, max-age=300')
      .send(
        renderMessagePage(
          base,
          t('newsletters.signup.checkInbox'),
          t('newsletters.signup.accepted'),
        ),
      );
  });

  app.post('/newsletters/subscribe', async (request, reply) => {
    const form = readForm(request.body);
    const language = field(form, 'language');
    const locale = language
      ? localeFor(language)
      : localeFor((await services.settings.get()).language);
    const t = translator(locale);
    if (!fromOurSite(request, siteOrigin))
      return refuse(request, reply, 403, locale, t('newsletters.signup.foreignForm'));
    const limited = await perIp.hit(request.ip);
    if (!limited.allowed) {
      void reply.header('retry-after', String(limited.retryAfterSeconds));
      return refuse(request, reply, 429, locale, t('newsletters.signup.tooMany'));
    }
    const values = {
      email: field(form, 'email').slice(0, 400),
      name: field(form, 'name').trim().slice(0, 100),
      newsletters: list(form, 'newsletters').slice(0, 20),
    };
    const location = field(form, 'location').slice(0, 200);
    const accepted = () =>
      wantsJson(request)
        ? reply.status(202).send({ ok: true, message: t('newsletters.signup.accepted') })
        : reply.redirect('/newsletters/thanks', 303);
    // A filled honeypot is a bot: answered like a success so it learns nothing.
    if (field(form, 'website') !== '') return accepted();
    const checked = checkEmailAddress(values.email);
    const chosen = await resolveSignupNewsletters(db, values.newsletters);
    const error = !checked.ok
      ? { field: 'email' as const, message: t(`newsletters.email.${checked.problem}`) }
      : chosen.length === 0
        ? { field: 'newsletters' as const, message: t('newsletters.signup.chooseOne') }
        : undefined;
    if (error || !checked.ok) {
      const message = error?.message ?? t('newsletters.signup.checkForm');
      if (wantsJson(request))
        return reply.status(422).send({
          ok: false,
          error: 'validation_failed',
          message,
          fields: { [error?.field ?? 'email']: [message] },
        });
      const base = await pageBase();
      return reply
        .status(422)
        .header('content-type', 'text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(
          renderNewslettersPage({
            ...base,
            newsletters: publicNewsletters(),
            scriptPath: signupScript().path,
            ...(error ? { form: { values, error, location: location || '/newsletters/' } } : {}),
          }),
        );
    }
    const outcome = await db.transaction().execute((trx) =>
      requestSubscription(
        trx,
        services.now(),
        chosen,
        {
          email: checked.address,
          name: values.name,
          slugs: values.newsletters,
          location,
          consentText: consentTextFor(locale),
          ip: request.ip,
          userAgent: request.headers['user-agent'] ?? '',
          touch: readTouch(request.body),
        },
        services.events,
      ),
    );
    request.log.debug({ outcome }, 'newsletter signup');
    return accepted();
  });
}
