import { setEntitlementCookie } from './member-entitlement.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  loadPreferencesForAddress,
  savePreferencesForAddress,
} from '../../newsletters/preferences.service.js';
import { field, fromOurSite, readForm } from '../../newsletters/signup.routes.js';
import type { RevenueServices } from '../payment-provider.js';
import type { MessageKey } from '../../site/i18n/messages.en.js';
import { nowIso } from '../../platform/db/database.js';
import { payingStates } from '../member.repository.js';
import { readOffers } from '../offers.js';
import {
  findMemberSubscription,
  listMemberPayments,
  listMemberSubscriptions,
  markCancelAtPeriodEnd,
  type SubscriptionRow,
} from './account.repository.js';
import { renderAccountPage, renderCancelPage } from './account-page.js';
import { sendMemberPage } from './member-http.js';
import { pageLocale, renderMessagePage } from './member-pages.js';
import { type CurrentMember, currentMember, refreshHintCookie } from './member-session.js';
import { csrfTokenFor, isValidCsrfToken } from './member-tokens.js';

// The signed-in reader's account: membership, billing portal, cancel, payments, newsletters.
// Every POST needs the session cookie, a same-site Origin and the session's CSRF token.

export function registerAccountRoutes(app: FastifyInstance, services: RevenueServices): void {
  const { db } = services.database;
  const { baseUrl } = services.config;
  const siteOrigin = new URL(baseUrl).origin;
  const base = async () => ({ settings: await services.settings.get(), baseUrl });

  async function message(
    reply: FastifyReply,
    status: number,
    keys: { title: MessageKey; text: MessageKey },
  ) {
    const b = await base();
    const { t } = pageLocale(b.settings);
    return sendMemberPage(
      reply,
      status,
      renderMessagePage(b, {
        title: t(keys.title),
        text: t(keys.text),
        link: { href: '/account/', label: t('members.backToAccount') },
      }),
    );
  }

  const toSignIn = (reply: FastifyReply) =>
    reply.header('cache-control', 'no-store, private').redirect('/account/sign-in', 303);

  /** The member of a POST that passed the Origin and CSRF checks; otherwise answers for it. */
  async function authorizePost(
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<CurrentMember | undefined> {
    const current = await currentMember(services, request);
    if (!current) {
      await toSignIn(reply);
      return undefined;
    }
    const csrf = field(readForm(request.body), 'csrf');
    if (!fromOurSite(request, siteOrigin) || !isValidCsrfToken(current.token, csrf)) {
      await message(reply, 403, {
        title: 'members.forbidden.title',
        text: 'members.forbidden.text',
      });
      return undefined;
    }
    return current;
  }

  /** A subscription of this member that can still be cancelled with the current provider. */
  async function cancellable(
    current: CurrentMember,
    rawId: string,
  ): Promise<SubscriptionRow | undefined> {
    const id = Number(rawId);
    if (!Number.isSafeInteger(id) || id <= 0) return undefined;
    const sub = await findMemberSubscription(db, current.session.member_id, id);
    return sub &&
      (payingStates as readonly string[]).includes(sub.status) &&
      !sub.cancel_at_period_end &&
      sub.provider === services.payments.name
      ? sub
      : undefined;
  }

  app.get('/account/', async (request, reply) => {
    const current = await currentMember(services, request);
    if (!current) return toSignIn(reply);
    const { member } = current.session;
    const [subscriptions, payments, offers, newsletters] = await Promise.all([
      listMemberSubscriptions(db, member.id),
      listMemberPayments(db, member.id),
      readOffers(db),
      loadPreferencesForAddress(db, member.email),
    ]);
    refreshHintCookie(services, request, reply, member.status);
    // The account page renews the entitlement cookie: a payment or a cancellation shows here.
    await setEntitlementCookie(services, reply, member.id);
    const done = (request.query as { done?: unknown }).done;
    return sendMemberPage(
      reply,
      200,
      renderAccountPage(await base(), {
        member: {
          email: member.email,
          name: member.name,
          status: member.status,
          hasBillingAccount:
            member.provider_customer_id !== null && member.provider === services.payments.name,
        },
        csrf: csrfTokenFor(current.token),
        subscriptions,
        payments,
        offers,
        newsletters,
        notice: done === 'cancelled' || done === 'newsletters' ? done : undefined,
      }),
    );
  });
  app.get('/account', async (_request, reply) => reply.redirect('/account/', 301));

  app.post('/account/billing', async (request, reply) => {
    const current = await authorizePost(request, reply);
    if (!current) return reply;
    const { member } = current.session;
    if (!member.provider_customer_id || member.provider !== services.payments.name)
      return message(reply, 409, {
        title: 'members.account.manageBilling',
        text: 'members.billing.unavailable',
      });
    try {
      const portal = await services.payments.createPortalSession(
        member.provider_customer_id,
        `${baseUrl}/account/`,
      );
      return reply.header('cache-control', 'no-store, private').redirect(portal.url, 303);
    } catch (error) {
      request.log.error({ err: error }, 'opening the billing portal failed');
      return message(reply, 502, {
        title: 'members.account.manageBilling',
        text: 'members.billing.failed',
      });
    }
  });

  app.get('/account/cancel/:id', async (request, reply) => {
    const current = await currentMember(services, request);
    if (!current) return toSignIn(reply);
    const sub = await cancellable(current, (request.params as { id: string }).id);
    if (!sub)
      return message(reply, 409, {
        title: 'members.cancel.title',
        text: 'members.cancel.unavailable',
      });
    return sendMemberPage(
      reply,
      200,
      renderCancelPage(await base(), { subscription: sub, csrf: csrfTokenFor(current.token) }),
    );
  });

  app.post('/account/cancel/:id', async (request, reply) => {
    const current = await authorizePost(request, reply);
    if (!current) return reply;
    const sub = await cancellable(current, (request.params as { id: string }).id);
    if (!sub)
      return message(reply, 409, {
        title: 'members.cancel.title',
        text: 'members.cancel.unavailable',
      });
    try {
      const snapshot = await services.payments.cancelSubscriptionAtPeriodEnd(
        sub.provider_subscription_id,
      );
      // Shown at once; the provider's subscription.updated event confirms it later.
      await markCancelAtPeriodEnd(db, sub.id, snapshot.currentPeriodEnd, nowIso(services.now()));
    } catch (error) {
      request.log.error({ err: error }, 'cancelling a subscription failed');
      return message(reply, 502, { title: 'members.cancel.title', text: 'members.billing.failed' });
    }
    return reply
      .header('cache-control', 'no-store, private')
      .redirect('/account/?done=cancelled', 303);
  });

  app.post('/account/newsletters', async (request, reply) => {
    const current = await authorizePost(request, reply);
    if (!current) return reply;
    const raw = readForm(request.body).newsletters;
    const slugs = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw])
      .map(String)
      .slice(0, 50);
    const context = {
      ip: request.ip,
      userAgent: request.headers['user-agent'] ?? '',
      now: services.now(),
    };
    await db
      .transaction()
      .execute((trx) =>
        savePreferencesForAddress(trx, current.session.member.email, slugs, context),
      );
    return reply
      .header('cache-control', 'no-store, private')
      .redirect('/account/?done=newsletters', 303);
  });
}
