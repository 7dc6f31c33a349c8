import { randomUUID } from 'node:crypto';
import { currentMember } from '../members/member-session.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { fromOurSite, readForm, readTouch, wantsJson } from '../../newsletters/signup.routes.js';
import type { RevenueServices } from '../payment-provider.js';
import { intlLocale, localeFor, translator } from '../../site/i18n/translate.js';
import { findCheckout, insertCheckout, setCheckoutSession } from '../ledger.repository.js';
import { readOffers } from '../offers.js';
import { type CheckoutForm, parseCheckoutForm } from './checkout-input.js';
import '../revenue-events.js';
import { renderCheckoutError, renderCheckoutMessage, renderThankYou } from './checkout-pages.js';

// POST /support/checkout starts a payment with the provider; GET /support/thank-you is where
// the provider sends the reader back. The support forms sit on cached anonymous pages, so
// (like the newsletter signup) they are protected by an Origin check and a per-IP limit
// rather than a session CSRF token; no money moves until the reader pays on the provider's page.

const formFields = [
  'kind',
  'amount',
  'tier',
  'interval',
  'currency',
  'cover_fee',
  'email',
  'article_id',
  'prompt',
  'page',
] as const;

/** Cookies the support prompts read in the browser (no personal data in them). */
export const memberCookie = 'masthead_member';
export const donorCookie = 'masthead_donor';

function checkoutForm(body: unknown): CheckoutForm {
  const raw = readForm(body);
  const form: CheckoutForm = {};
  for (const name of formFields) {
    const value = raw[name];
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined && first !== null) form[name] = String(first).slice(0, 400);
  }
  return form;
}

export function registerCheckoutRoutes(app: FastifyInstance, services: RevenueServices): void {
  const { db } = services.database;
  const { baseUrl } = services.config;
  const siteOrigin = new URL(baseUrl).origin;
  const secureCookies = baseUrl.startsWith('https:');
  const perIp = services.limits.define({ name: 'checkout.ip', limit: 20, windowMs: 10 * 60_000 });

  async function base() {
    return { settings: await services.settings.get(), baseUrl };
  }
  function html(reply: FastifyReply, status: number, body: string) {
    return reply
      .status(status)
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(body);
  }
  async function refuse(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    message: string,
  ) {
    if (wantsJson(request))
      return reply.status(status).header('cache-control', 'no-store').send({ error: message });
    const b = await base();
    const t = translator(localeFor(b.settings.language));
    return html(reply, status, renderCheckoutMessage(b, t('revenue.checkout.errorTitle'), message));
  }

  app.post('/support/checkout', async (request, reply) => {
    const settings = await services.settings.get();
    const locale = localeFor(settings.language);
    const t = translator(locale);
    if (!fromOurSite(request, siteOrigin))
      return refuse(request, reply, 403, t('revenue.checkout.crossSite'));
    const limited = await perIp.hit(request.ip);
    if (!limited.allowed) {
      void reply.header('retry-after', String(limited.retryAfterSeconds));
      return refuse(request, reply, 429, t('revenue.checkout.rateLimited'));
    }
    const form = checkoutForm(request.body);
    const offers = await readOffers(db);
    const parsed = parseCheckoutForm(form, offers, intlLocale(locale));
    if (!parsed.ok) {
      const message = t(parsed.problem.key, parsed.problem.params);
      if (wantsJson(request))
        return reply
          .status(422)
          .header('cache-control', 'no-store')
          .send({ error: message, field: parsed.problem.field });
      return html(
        reply,
        422,
        renderCheckoutError(await base(), {
          form,
          field: parsed.problem.field,
          message,
          currency: offers.currency,
        }),
      );
    }
    const input = parsed.input;
    // A signed-in reader pays as themselves: their address, and their provider customer so
    // every payment stays on one billing account (one portal, one history).
    const signedIn = (await currentMember(services, request))?.session.member;
    const email = input.email || signedIn?.email || '';
    const customerId =
      signedIn?.provider === services.payments.name && signedIn.provider_customer_id
        ? signedIn.provider_customer_id
        : undefined;
    const id = randomUUID();
    const amount = input.baseAmount + input.feeAmount;
    const touch = readTouch(request.body);
    const description =
      input.kind === 'donation'
        ? t('revenue.description.donation')
        : input.kind === 'recurring_donation'
          ? t('revenue.description.recurring')
          : input.interval === 'year'
            ? t('revenue.description.membershipYearly', { tier: input.tierName })
            : t('revenue.description.membershipMonthly', { tier: input.tierName });
    await insertCheckout(db, {
      id,
      provider: services.payments.name,
      email,
      kind: input.kind,
      tier_id: input.tierId,
      interval: input.interval,
      amount,
      fee_amount: input.feeAmount,
      currency: input.currency,
      article_id: input.articleId,
      prompt: input.prompt,
      page: input.page,
      created_at: services.now().toISOString(),
    });
    await services.events.publish(db, `checkout:${id}`, {
      type: 'revenue.checkout-started',
      checkoutId: id,
      kind: input.kind,
      articleId: input.articleId,
      prompt: input.prompt,
      touch,
    });
    let url: string;
    try {
      const session = await services.payments.createCheckout({
        checkoutId: id,
        kind: input.kind,
        amount,
        currency: input.currency,
        ...(input.interval ? { interval: input.interval } : {}),
        description,
        ...(email ? { email } : {}),
        ...(customerId ? { customerId } : {}),
        metadata: {
          checkout_id: id,
          kind: input.kind,
          tier_id: input.tierId,
          article_id: input.articleId === null ? '' : String(input.articleId),
          prompt: input.prompt,
          page: input.page,
        },
        successUrl: `${baseUrl}/support/thank-you?checkout=${id}`,
        cancelUrl: `${baseUrl}/support/?canceled=1`,
      });
      await setCheckoutSession(db, id, session.sessionId);
      url = session.url;
    } catch (error) {
      request.log.error({ err: error, checkout: id }, 'payment provider refused a checkout');
      await db.updateTable('checkouts').set({ status: 'failed' }).where('id', '=', id).execute();
      return refuse(request, reply, 502, t('revenue.checkout.providerError'));
    }
    if (wantsJson(request)) return reply.header('cache-control', 'no-store').send({ url });
    return reply.header('cache-control', 'no-store').redirect(url, 303);
  });

  app.get('/support/thank-you', async (request, reply) => {
    const b = await base();
    const t = translator(localeFor(b.settings.language));
    const checkoutId = String((request.query as { checkout?: unknown }).checkout ?? '');
    const checkout = /^[0-9a-f-]{36}$/.test(checkoutId)
      ? await findCheckout(db, checkoutId)
      : undefined;
    if (!checkout)
      return html(
        reply,
        404,
        renderCheckoutMessage(b, t('revenue.thanks.title'), t('revenue.thanks.notFound')),
      );
    let paid = checkout.status === 'complete';
    let email = checkout.email;
    // The provider's redirect can beat its webhook: ask the provider when we have not heard yet.
    if (checkout.provider_session_id && checkout.provider === services.payments.name) {
      try {
        const session = await services.payments.retrieveCheckoutSession(
          checkout.provider_session_id,
        );
        paid ||= session.status === 'complete' && session.paymentStatus === 'paid';
        email = email || (session.customerEmail ?? '');
      } catch (error) {
        request.log.warn(
          { err: error, checkout: checkout.id },
          'could not retrieve a checkout session',
        );
      }
    }
    const payment = paid
      ? await db
          .selectFrom('payments')
          .select('receipt_url')
          .where('checkout_id', '=', checkout.id)
          .orderBy('id')
          .executeTakeFirst()
      : undefined;
    if (paid) {
      const options = {
        path: '/',
        sameSite: 'lax' as const,
        secure: secureCookies,
        httpOnly: false,
      };
      if (checkout.kind === 'donation')
        void reply.setCookie(donorCookie, '1', { ...options, maxAge: 30 * 24 * 60 * 60 });
      else void reply.setCookie(memberCookie, 'paying', { ...options, maxAge: 365 * 24 * 60 * 60 });
    }
    return html(
      reply,
      200,
      renderThankYou(b, {
        checkout,
        offers: await readOffers(db),
        paid,
        email,
        receiptUrl: payment?.receipt_url ?? '',
      }),
    );
  });
}
