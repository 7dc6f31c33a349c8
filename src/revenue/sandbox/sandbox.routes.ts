import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { field, fromOurSite, readForm } from '../../newsletters/signup.routes.js';
import type { RevenueServices } from '../payment-provider.js';
import { localeFor, translator } from '../../site/i18n/translate.js';
import { type CardValues, checkCard } from './card.js';
import { isSandboxCheckoutExpired } from './checkout-expiry.js';
import type {
  SandboxCharge,
  SandboxCheckoutSession,
  SandboxCustomer,
  SandboxInvoice,
  SandboxPortalSession,
  SandboxSubscription,
} from './sandbox-objects.js';
import {
  completeSandboxCheckout,
  endSandboxSubscription,
  SandboxCheckoutExpiredError,
  paySandboxInvoice,
  renewSandboxSubscription,
  SandboxStateError,
} from './sandbox-operations.js';
import {
  renderSandboxCheckout,
  renderSandboxInvoice,
  renderSandboxMessage,
  renderSandboxPortal,
  renderSandboxReceipt,
} from './sandbox-pages.js';
import { isSandboxProvider } from './sandbox-provider.js';
import { listSandboxObjects, readSandboxObject, unixSeconds } from './sandbox-store.js';

// The sandbox's hosted pages under /support/sandbox/ (only when the sandbox is the provider).
// Every POST must come from our own pages (Origin check) and is rate-limited per IP.

const cardFields = ['email', 'name', 'number', 'expiry', 'cvc'] as const;

function cardValues(body: unknown): CardValues {
  const form = readForm(body);
  const values = {} as CardValues;
  for (const name of cardFields) values[name] = field(form, name).slice(0, 200);
  return values;
}

/** What the form shows again after an error: never the card number or CVC. */
function keptValues(values: CardValues): Partial<CardValues> {
  return { email: values.email, name: values.name, expiry: values.expiry };
}

export function registerSandboxRoutes(app: FastifyInstance, services: RevenueServices): void {
  const provider = services.payments;
  if (!isSandboxProvider(provider)) return;
  const { db } = provider.context;
  const siteOrigin = new URL(services.config.baseUrl).origin;
  const perIp = services.limits.define({ name: 'sandbox.ip', limit: 30, windowMs: 10 * 60_000 });

  async function send(reply: FastifyReply, status: number, body: string) {
    return reply
      .status(status)
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('x-robots-tag', 'noindex')
      .send(body);
  }
  async function base() {
    return { settings: await services.settings.get(), baseUrl: services.config.baseUrl };
  }
  async function message(reply: FastifyReply, status: number, key: 'notFound' | 'closed') {
    const b = await base();
    const t = translator(localeFor(b.settings.language));
    return send(reply, status, renderSandboxMessage(b, t(`revenue.sandbox.${key}`)));
  }
  /** Refuses cross-site and too-frequent POSTs; true when the request may go on. */
  async function guard(request: FastifyRequest, reply: FastifyReply): Promise<boolean> {
    const b = await base();
    const t = translator(localeFor(b.settings.language));
    if (!fromOurSite(request, siteOrigin)) {
      await send(reply, 403, renderSandboxMessage(b, t('revenue.checkout.crossSite')));
      return false;
    }
    const limited = await perIp.hit(request.ip);
    if (!limited.allowed) {
      void reply.header('retry-after', String(limited.retryAfterSeconds));
      await send(reply, 429, renderSandboxMessage(b, t('revenue.checkout.rateLimited')));
      return false;
    }
    return true;
  }
  const id = (request: FastifyRequest) => (request.params as { id: string }).id.slice(0, 100);

  app.get('/support/sandbox/checkout/:id', async (request, reply) => {
    const session = await readSandboxObject<SandboxCheckoutSession>(
      db,
      id(request),
      'checkout.session',
    );
    if (!session) return message(reply, 404, 'notFound');
    if (isSandboxCheckoutExpired(session, services.now())) return message(reply, 410, 'closed');
    const values = { email: session.customer_email ?? '' };
    return send(reply, 200, renderSandboxCheckout(await base(), session, { values, errors: {} }));
  });

  app.post('/support/sandbox/checkout/:id', async (request, reply) => {
    if (!(await guard(request, reply))) return reply;
    const session = await readSandboxObject<SandboxCheckoutSession>(
      db,
      id(request),
      'checkout.session',
    );
    if (!session) return message(reply, 404, 'notFound');
    // An expired session is gone for good (410); a paid one is a conflict (409).
    if (isSandboxCheckoutExpired(session, services.now())) return message(reply, 410, 'closed');
    if (session.status !== 'open') return message(reply, 409, 'closed');
    const values = cardValues(request.body);
    const card = checkCard(values, services.now());
    if (!card.ok) {
      const page = renderSandboxCheckout(await base(), session, {
        values: keptValues(values),
        errors: card.errors,
      });
      return send(reply, card.declined ? 402 : 422, page);
    }
    try {
      const events = await completeSandboxCheckout(provider.context, session.id, card);
      await provider.deliver(events);
    } catch (error) {
      if (error instanceof SandboxCheckoutExpiredError) return message(reply, 410, 'closed');
      if (error instanceof SandboxStateError) return message(reply, 409, 'closed');
      throw error;
    }
    return reply.redirect(session.success_url, 303);
  });

  app.get('/support/sandbox/receipt/:id', async (request, reply) => {
    const charge = await readSandboxObject<SandboxCharge>(db, id(request), 'charge');
    if (!charge) return message(reply, 404, 'notFound');
    return send(reply, 200, renderSandboxReceipt(await base(), charge));
  });

  app.get('/support/sandbox/invoice/:id', async (request, reply) => {
    const invoice = await readSandboxObject<SandboxInvoice>(db, id(request), 'invoice');
    if (!invoice) return message(reply, 404, 'notFound');
    return send(
      reply,
      200,
      renderSandboxInvoice(await base(), invoice, { values: {}, errors: {} }),
    );
  });

  app.post('/support/sandbox/invoice/:id', async (request, reply) => {
    if (!(await guard(request, reply))) return reply;
    const invoice = await readSandboxObject<SandboxInvoice>(db, id(request), 'invoice');
    if (!invoice) return message(reply, 404, 'notFound');
    const values = cardValues(request.body);
    const card = checkCard(values, services.now(), false);
    if (!card.ok) {
      const page = renderSandboxInvoice(await base(), invoice, {
        values: keptValues(values),
        errors: card.errors,
      });
      return send(reply, card.declined ? 402 : 422, page);
    }
    try {
      await provider.deliver(await paySandboxInvoice(provider.context, invoice.id, card.last4));
    } catch (error) {
      if (error instanceof SandboxStateError) return message(reply, 409, 'closed');
      throw error;
    }
    return reply.redirect(`/support/sandbox/invoice/${invoice.id}`, 303);
  });

  async function openPortal(request: FastifyRequest) {
    const portal = await readSandboxObject<SandboxPortalSession>(
      db,
      id(request),
      'billing_portal.session',
    );
    return portal && portal.expires_at > unixSeconds(services.now()) ? portal : undefined;
  }

  app.get('/support/sandbox/portal/:id', async (request, reply) => {
    const portal = await openPortal(request);
    const b = await base();
    if (!portal) {
      const t = translator(localeFor(b.settings.language));
      return send(reply, 410, renderSandboxMessage(b, t('revenue.sandbox.portalExpired')));
    }
    const customer = await readSandboxObject<SandboxCustomer>(db, portal.customer, 'customer');
    const subscriptions = await listSandboxObjects<SandboxSubscription>(
      db,
      'subscription',
      'customer',
      portal.customer,
    );
    return send(
      reply,
      200,
      renderSandboxPortal(b, {
        portalId: portal.id,
        email: customer?.email ?? '',
        returnUrl: portal.return_url,
        subscriptions,
        done: (request.query as { done?: string }).done === '1',
      }),
    );
  });

  app.post('/support/sandbox/portal/:id', async (request, reply) => {
    if (!(await guard(request, reply))) return reply;
    const portal = await openPortal(request);
    if (!portal) return message(reply, 410, 'notFound');
    const form = readForm(request.body);
    const subscription = await readSandboxObject<SandboxSubscription>(
      db,
      field(form, 'subscription').slice(0, 100),
      'subscription',
    );
    // Only this portal's customer's subscriptions can be changed from it.
    if (!subscription || subscription.customer !== portal.customer)
      return message(reply, 404, 'notFound');
    try {
      switch (field(form, 'action')) {
        case 'cancel':
          await provider.cancelSubscriptionAtPeriodEnd(subscription.id);
          break;
        case 'renew':
          await provider.deliver(
            await renewSandboxSubscription(provider.context, subscription.id, 'paid'),
          );
          break;
        case 'fail':
          await provider.deliver(
            await renewSandboxSubscription(provider.context, subscription.id, 'failed'),
          );
          break;
        case 'end':
          await provider.deliver(await endSandboxSubscription(provider.context, subscription.id));
          break;
        default:
          return message(reply, 404, 'notFound');
      }
    } catch (error) {
      if (error instanceof SandboxStateError) return message(reply, 409, 'closed');
      throw error;
    }
    return reply.redirect(`/support/sandbox/portal/${portal.id}?done=1`, 303);
  });
}
