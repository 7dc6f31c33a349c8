import type { Db, Executor } from '../../platform/db/database.js';
import type { BillingInterval } from '../revenue.table.js';
import { isSandboxCheckoutExpired } from './checkout-expiry.js';
import type {
  SandboxCharge,
  SandboxCheckoutSession,
  SandboxCustomer,
  SandboxInvoice,
  SandboxPaymentIntent,
  SandboxSubscription,
} from './sandbox-objects.js';
import { readSandboxObject, sandboxId, unixSeconds, writeSandboxObject } from './sandbox-store.js';
import { buildSandboxEvent, type SandboxEvent } from './sandbox-webhook.js';

// What the sandbox "bank" does when a reader pays, a renewal comes due, a member cancels or
// the newsroom refunds: change its own objects in one transaction and return the events
// Stripe would send for that change (the caller delivers them).

export interface SandboxContext {
  db: Db;
  baseUrl: string;
  now: () => Date;
}

export class SandboxStateError extends Error {}

/** The checkout session's 24 hours are over: it can no longer be paid. */
export class SandboxCheckoutExpiredError extends SandboxStateError {}

/** One interval later, in UTC (Jan 31 + 1 month → Feb 28/29, as Stripe bills). */
export function addInterval(seconds: number, interval: BillingInterval): number {
  const date = new Date(seconds * 1000);
  const day = date.getUTCDate();
  const next = new Date(date);
  next.setUTCDate(1);
  if (interval === 'month') next.setUTCMonth(next.getUTCMonth() + 1);
  else next.setUTCFullYear(next.getUTCFullYear() + 1);
  const last = new Date(Date.UTC(next.getUTCFullYear(), next.getUTCMonth() + 1, 0)).getUTCDate();
  next.setUTCDate(Math.min(day, last));
  return unixSeconds(next);
}

async function mustRead<T extends { id: string; object: string }>(
  executor: Executor,
  id: string,
  type: string,
): Promise<T> {
  const found = await readSandboxObject<T & Record<string, unknown>>(executor, id, type);
  if (!found) throw new SandboxStateError(`No ${type} ${id}.`);
  return found;
}

function newCharge(
  ctx: SandboxContext,
  fields: Pick<
    SandboxCharge,
    'customer' | 'payment_intent' | 'invoice' | 'amount' | 'currency' | 'description' | 'last4'
  >,
): SandboxCharge {
  const id = sandboxId('ch');
  return {
    id,
    object: 'charge',
    ...fields,
    amount_refunded: 0,
    refunded: false,
    paid: true,
    receipt_url: `${ctx.baseUrl}/support/sandbox/receipt/${id}`,
    created: unixSeconds(ctx.now()),
  };
}

function newInvoice(
  ctx: SandboxContext,
  subscription: SandboxSubscription,
  reason: SandboxInvoice['billing_reason'],
): SandboxInvoice {
  const id = sandboxId('in');
  const price = subscription.items.data[0]?.price;
  return {
    id,
    object: 'invoice',
    customer: subscription.customer,
    subscription: subscription.id,
    status: 'open',
    billing_reason: reason,
    amount_due: price?.unit_amount ?? 0,
    amount_paid: 0,
    currency: price?.currency ?? 'usd',
    description: subscription.description,
    hosted_invoice_url: `${ctx.baseUrl}/support/sandbox/invoice/${id}`,
    charge: null,
    status_transitions: { paid_at: null },
    created: unixSeconds(ctx.now()),
  };
}

async function payInvoiceIn(
  ctx: SandboxContext,
  trx: Executor,
  invoice: SandboxInvoice,
  last4: string,
): Promise<SandboxInvoice> {
  const charge = newCharge(ctx, {
    customer: invoice.customer,
    payment_intent: null,
    invoice: invoice.id,
    amount: invoice.amount_due,
    currency: invoice.currency,
    description: invoice.description,
    last4,
  });
  await writeSandboxObject(trx, charge, ctx.now());
  const paid: SandboxInvoice = {
    ...invoice,
    status: 'paid',
    amount_paid: invoice.amount_due,
    charge: charge.id,
    status_transitions: { paid_at: unixSeconds(ctx.now()) },
  };
  await writeSandboxObject(trx, paid, ctx.now());
  return paid;
}

/** The reader paid on the sandbox checkout page: customer, payment or subscription, events. */
export async function completeSandboxCheckout(
  ctx: SandboxContext,
  sessionId: string,
  payer: { email: string; name: string; last4: string },
): Promise<SandboxEvent[]> {
  return ctx.db.transaction().execute(async (trx) => {
    const session = await mustRead<SandboxCheckoutSession>(trx, sessionId, 'checkout.session');
    const now = ctx.now();
    if (isSandboxCheckoutExpired(session, now))
      throw new SandboxCheckoutExpiredError('This checkout has expired.');
    if (session.status !== 'open') throw new SandboxStateError('This checkout is not open.');
    const events: SandboxEvent[] = [];
    let customer = session.customer
      ? await readSandboxObject<SandboxCustomer>(trx, session.customer, 'customer')
      : undefined;
    if (!customer) {
      customer = {
        id: sandboxId('cus'),
        object: 'customer',
        email: payer.email,
        name: payer.name,
        created: unixSeconds(now),
      };
      await writeSandboxObject(trx, customer, now);
      events.push(buildSandboxEvent('customer.created', customer, now));
    }
    const completed: SandboxCheckoutSession = {
      ...session,
      status: 'complete',
      payment_status: 'paid',
      customer: customer.id,
      customer_details: { email: payer.email, name: payer.name },
    };
    if (session.mode === 'payment') {
      const intentId = sandboxId('pi');
      const charge = newCharge(ctx, {
        customer: customer.id,
        payment_intent: intentId,
        invoice: null,
        amount: session.amount_total,
        currency: session.currency,
        description: session.description,
        last4: payer.last4,
      });
      const intent: SandboxPaymentIntent = {
        id: intentId,
        object: 'payment_intent',
        customer: customer.id,
        status: 'succeeded',
        amount: session.amount_total,
        currency: session.currency,
        description: session.description,
        latest_charge: charge.id,
        metadata: session.metadata,
        created: unixSeconds(now),
      };
      await writeSandboxObject(trx, charge, now);
      await writeSandboxObject(trx, intent, now);
      completed.payment_intent = intent.id;
      events.push(buildSandboxEvent('payment_intent.succeeded', intent, now));
    } else {
      const start = unixSeconds(now);
      let subscription: SandboxSubscription = {
        id: sandboxId('sub'),
        object: 'subscription',
        customer: customer.id,
        status: 'active',
        description: session.description,
        cancel_at_period_end: false,
        canceled_at: null,
        ended_at: null,
        current_period_start: start,
        current_period_end: addInterval(start, session.interval ?? 'month'),
        latest_invoice: null,
        items: {
          object: 'list',
          data: [
            {
              id: sandboxId('si'),
              price: {
                unit_amount: session.amount_total,
                currency: session.currency,
                recurring: { interval: session.interval ?? 'month' },
              },
            },
          ],
        },
        metadata: session.metadata,
        created: start,
      };
      const invoice = await payInvoiceIn(
        ctx,
        trx,
        newInvoice(ctx, subscription, 'subscription_create'),
        payer.last4,
      );
      subscription = { ...subscription, latest_invoice: invoice.id };
      await writeSandboxObject(trx, subscription, now);
      completed.subscription = subscription.id;
      events.push(buildSandboxEvent('customer.subscription.created', subscription, now));
      events.push(buildSandboxEvent('invoice.paid', invoice, now));
    }
    await writeSandboxObject(trx, completed, now);
    events.push(buildSandboxEvent('checkout.session.completed', completed, now));
    return events;
  });
}

/** A renewal comes due now: paid (period moves on) or failed (past_due, open invoice). */
export async function renewSandboxSubscription(
  ctx: SandboxContext,
  subscriptionId: string,
  outcome: 'paid' | 'failed',
): Promise<SandboxEvent[]> {
  return ctx.db.transaction().execute(async (trx) => {
    const now = ctx.now();
    const subscription = await mustRead<SandboxSubscription>(trx, subscriptionId, 'subscription');
    if (subscription.status === 'canceled')
      throw new SandboxStateError('This subscription has ended.');
    const open = newInvoice(ctx, subscription, 'subscription_cycle');
    if (outcome === 'failed') {
      await writeSandboxObject(trx, open, now);
      const pastDue: SandboxSubscription = {
        ...subscription,
        status: 'past_due',
        latest_invoice: open.id,
      };
      await writeSandboxObject(trx, pastDue, now);
      return [
        buildSandboxEvent('invoice.payment_failed', open, now),
        buildSandboxEvent('customer.subscription.updated', pastDue, now),
      ];
    }
    const invoice = await payInvoiceIn(ctx, trx, open, '4242');
    const renewed = advancePeriod(subscription, invoice.id);
    await writeSandboxObject(trx, renewed, now);
    return [
      buildSandboxEvent('invoice.paid', invoice, now),
      buildSandboxEvent('customer.subscription.updated', renewed, now),
    ];
  });
}

function advancePeriod(subscription: SandboxSubscription, invoiceId: string): SandboxSubscription {
  const interval = subscription.items.data[0]?.price.recurring.interval ?? 'month';
  return {
    ...subscription,
    status: 'active',
    latest_invoice: invoiceId,
    current_period_start: subscription.current_period_end,
    current_period_end: addInterval(subscription.current_period_end, interval),
  };
}

/** The reader paid an open invoice on its hosted page (after a failed renewal). */
export async function paySandboxInvoice(
  ctx: SandboxContext,
  invoiceId: string,
  last4: string,
): Promise<SandboxEvent[]> {
  return ctx.db.transaction().execute(async (trx) => {
    const now = ctx.now();
    const invoice = await mustRead<SandboxInvoice>(trx, invoiceId, 'invoice');
    if (invoice.status !== 'open') throw new SandboxStateError('This invoice is not open.');
    const paid = await payInvoiceIn(ctx, trx, invoice, last4);
    const events = [buildSandboxEvent('invoice.paid', paid, now)];
    if (paid.subscription) {
      const subscription = await mustRead<SandboxSubscription>(
        trx,
        paid.subscription,
        'subscription',
      );
      if (subscription.status !== 'canceled') {
        const renewed = advancePeriod(subscription, paid.id);
        await writeSandboxObject(trx, renewed, now);
        events.push(buildSandboxEvent('customer.subscription.updated', renewed, now));
      }
    }
    return events;
  });
}

/** Cancel at period end (the member keeps what they paid for). */
export async function cancelSandboxSubscription(
  ctx: SandboxContext,
  subscriptionId: string,
): Promise<{ subscription: SandboxSubscription; events: SandboxEvent[] }> {
  return ctx.db.transaction().execute(async (trx) => {
    const now = ctx.now();
    const subscription = await mustRead<SandboxSubscription>(trx, subscriptionId, 'subscription');
    if (subscription.status === 'canceled' || subscription.cancel_at_period_end)
      return { subscription, events: [] };
    const canceled = { ...subscription, cancel_at_period_end: true, canceled_at: unixSeconds(now) };
    await writeSandboxObject(trx, canceled, now);
    return {
      subscription: canceled,
      events: [buildSandboxEvent('customer.subscription.updated', canceled, now)],
    };
  });
}

/** The subscription ends now (Stripe deletes it at the end of a canceled period). */
export async function endSandboxSubscription(
  ctx: SandboxContext,
  subscriptionId: string,
): Promise<SandboxEvent[]> {
  return ctx.db.transaction().execute(async (trx) => {
    const now = ctx.now();
    const subscription = await mustRead<SandboxSubscription>(trx, subscriptionId, 'subscription');
    if (subscription.status === 'canceled') return [];
    const ended: SandboxSubscription = {
      ...subscription,
      status: 'canceled',
      canceled_at: subscription.canceled_at ?? unixSeconds(now),
      ended_at: unixSeconds(now),
    };
    await writeSandboxObject(trx, ended, now);
    return [buildSandboxEvent('customer.subscription.deleted', ended, now)];
  });
}

/** Refunds `amount` (default: what is left) of a charge. */
export async function refundSandboxCharge(
  ctx: SandboxContext,
  chargeId: string,
  amount?: number,
): Promise<SandboxEvent[]> {
  return ctx.db.transaction().execute(async (trx) => {
    const now = ctx.now();
    const charge = await mustRead<SandboxCharge>(trx, chargeId, 'charge');
    const left = charge.amount - charge.amount_refunded;
    const refund = Math.min(left, amount ?? left);
    if (refund <= 0) throw new SandboxStateError('Nothing is left to refund on this charge.');
    const refunded: SandboxCharge = {
      ...charge,
      amount_refunded: charge.amount_refunded + refund,
      refunded: charge.amount_refunded + refund >= charge.amount,
    };
    await writeSandboxObject(trx, refunded, now);
    return [buildSandboxEvent('charge.refunded', refunded, now)];
  });
}
