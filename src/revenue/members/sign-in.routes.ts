import { clearEntitlementCookie, setEntitlementCookie } from './member-entitlement.js';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { checkEmailAddress } from '../../newsletters/email-address.js';
import { field, fromOurSite, readForm } from '../../newsletters/signup.routes.js';
import { hitAll } from '../../platform/limits/rate-limits.js';
import type { RevenueServices } from '../payment-provider.js';
import {
  checkSignInToken,
  confirmSignIn,
  endMemberSession,
  requestSignInLink,
  safeRedirectPath,
} from './member-auth.service.js';
import { retryAfterMinutes, sendMemberPage } from './member-http.js';
import {
  pageLocale,
  renderBadLinkPage,
  renderConfirmPage,
  renderMessagePage,
  renderSignInPage,
  renderSignInSentPage,
} from './member-pages.js';
import {
  clearMemberCookies,
  currentMember,
  memberSessionCookie,
  setMemberCookies,
} from './member-session.js';
import { readSignupAttribution } from './member-signup.repository.js';
import { isValidCsrfToken } from './member-tokens.js';

// Sign in by emailed link, and sign out. The request for a link is answered the same way for
// every valid address — before any lookup, the link made and mailed afterwards — so neither the
// answer nor its timing tells whether an account exists (like the staff password reset).

export function registerSignInRoutes(app: FastifyInstance, services: RevenueServices): void {
  const { baseUrl } = services.config;
  const siteOrigin = new URL(baseUrl).origin;
  const { limits } = services;
  const requestsPerIp = limits.define({
    name: 'member-sign-in.ip',
    limit: 10,
    windowMs: 15 * 60_000,
  });
  const requestsPerAddress = limits.define({
    name: 'member-sign-in.address',
    limit: 3,
    windowMs: 15 * 60_000,
  });
  const tokenChecksPerIp = limits.define({
    name: 'member-sign-in.token-ip',
    limit: 30,
    windowMs: 15 * 60_000,
  });
  const base = async () => ({ settings: await services.settings.get(), baseUrl });
  const t = async () => pageLocale((await base()).settings).t;
  /** 429 with the minutes to wait (also sent as Retry-After). */
  const tooMany = async (reply: FastifyReply, wait: number) => {
    const translate = await t();
    return sendMemberPage(
      reply,
      429,
      renderMessagePage(await base(), {
        title: translate('members.signIn.title'),
        text: translate('members.signIn.tooMany', { minutes: retryAfterMinutes(reply, wait) }),
      }),
    );
  };

  app.get('/account/sign-in', async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const path = safeRedirectPath(query.next);
    // A soft wall's link says where a registration began (kept with a new account).
    const attribution = readSignupAttribution(query);
    return sendMemberPage(
      reply,
      200,
      renderSignInPage(await base(), {
        ...(path === '/account/' ? {} : { next: path }),
        ...(attribution ? { attribution } : {}),
      }),
    );
  });

  app.post('/account/sign-in', async (request, reply) => {
    const translate = await t();
    if (!fromOurSite(request, siteOrigin))
      return sendMemberPage(
        reply,
        403,
        renderMessagePage(await base(), {
          title: translate('members.forbidden.title'),
          text: translate('members.signIn.wrongOrigin'),
          link: { href: '/account/sign-in', label: translate('members.signIn.title') },
        }),
      );
    const form = readForm(request.body);
    const email = field(form, 'email').slice(0, 400);
    const next = safeRedirectPath(field(form, 'next'));
    const attribution = readSignupAttribution(form);
    const checked = checkEmailAddress(email);
    if (!checked.ok)
      return sendMemberPage(
        reply,
        422,
        renderSignInPage(await base(), {
          email,
          error: translate('members.signIn.invalidEmail'),
          ...(next === '/account/' ? {} : { next }),
          ...(attribution ? { attribution } : {}),
        }),
      );
    const wait = await hitAll([
      [requestsPerIp, request.ip],
      [requestsPerAddress, checked.address],
    ]);
    if (wait > 0) return tooMany(reply, wait);
    const now = services.now();
    setImmediate(() => {
      void services.settings
        .get()
        .then((settings) =>
          // No transaction: each statement commits before the email leaves, so the link
          // works the moment it arrives.
          requestSignInLink(
            services.database.db,
            { mail: services.mail, mailFrom: services.config.mailFrom, settings, baseUrl, now },
            { email: checked.address, redirectTo: next, attribution },
          ),
        )
        .then((outcome) => request.log.debug({ outcome }, 'member sign-in link'))
        .catch((error: unknown) =>
          services.logger.error({ err: error }, 'sending a member sign-in link failed'),
        );
    });
    return sendMemberPage(reply, 200, renderSignInSentPage(await base()));
  });

  app.get('/account/sign-in/confirm', async (request, reply) => {
    const limited = await tokenChecksPerIp.hit(request.ip);
    if (!limited.allowed) return tooMany(reply, limited.retryAfterSeconds);
    const token = (request.query as { token?: unknown }).token;
    const check = await checkSignInToken(services.database.db, token, services.now());
    if (check.kind !== 'ready')
      return sendMemberPage(
        reply,
        check.kind === 'invalid' ? 400 : 410,
        renderBadLinkPage(await base(), check.kind),
      );
    return sendMemberPage(reply, 200, renderConfirmPage(await base(), token as string));
  });

  app.post('/account/sign-in/confirm', async (request, reply) => {
    const translate = await t();
    // Without this a site could sign a reader into the attacker's account ("login CSRF").
    if (!fromOurSite(request, siteOrigin))
      return sendMemberPage(
        reply,
        403,
        renderMessagePage(await base(), {
          title: translate('members.forbidden.title'),
          text: translate('members.signIn.wrongOrigin'),
        }),
      );
    const limited = await tokenChecksPerIp.hit(request.ip);
    if (!limited.allowed) return tooMany(reply, limited.retryAfterSeconds);
    const token = field(readForm(request.body), 'token').slice(0, 100);
    const now = services.now();
    const result = await services.database.db
      .transaction()
      .execute((trx) => confirmSignIn(trx, token, now));
    if (result.kind !== 'signed_in')
      return sendMemberPage(
        reply,
        result.kind === 'invalid' ? 400 : 410,
        renderBadLinkPage(await base(), result.kind),
      );
    // A session this browser already had ends: one browser, one session.
    const previous = request.cookies[memberSessionCookie];
    if (previous) await endMemberSession(services.database.db, previous);
    setMemberCookies(services, reply, result.sessionToken, result.member.status);
    await setEntitlementCookie(services, reply, result.member.id);
    return reply.header('cache-control', 'no-store, private').redirect(result.redirectTo, 303);
  });

  app.post('/account/sign-out', async (request, reply) => {
    const translate = await t();
    const current = await currentMember(services, request);
    const csrf = field(readForm(request.body), 'csrf');
    if (current && (!fromOurSite(request, siteOrigin) || !isValidCsrfToken(current.token, csrf)))
      return sendMemberPage(
        reply,
        403,
        renderMessagePage(await base(), {
          title: translate('members.forbidden.title'),
          text: translate('members.forbidden.text'),
          link: { href: '/account/', label: translate('members.backToAccount') },
        }),
      );
    if (current) await endMemberSession(services.database.db, current.token);
    clearMemberCookies(services, reply);
    clearEntitlementCookie(services, reply);
    return reply.header('cache-control', 'no-store, private').redirect('/account/signed-out', 303);
  });

  app.get('/account/signed-out', async (_request, reply) => {
    const translate = await t();
    return sendMemberPage(
      reply,
      200,
      renderMessagePage(await base(), {
        title: translate('members.signedOut.title'),
        text: translate('members.signedOut.text'),
        link: { href: '/account/sign-in', label: translate('members.signIn.title') },
      }),
    );
  });
}
