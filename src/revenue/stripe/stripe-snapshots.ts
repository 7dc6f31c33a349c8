import type Stripe from 'stripe';
import type {
  ChargeSnapshot,
  CheckoutSessionSnapshot,
  InvoiceSnapshot,
  PaymentIntentSnapshot,
  SubscriptionSnapshot,
} from '../payment-provider.js';
import type { BillingInterval } from '../revenue.table.js';

// Stripe objects → the provider-neutral snapshots the revenue domain reads. Webhook endpoints
// and accounts can be pinned to older API versions than the SDK's, so every mapping accepts
// both shapes where Stripe moved a field: `current_period_end` (on the subscription before
// 2025-03-31.basil, on its items since), an invoice's subscription (`invoice.subscription`
// before basil, `invoice.parent.subscription_details.subscription` since) and a charge's
// invoice (`charge.invoice` before basil; looked up through invoice payments since).

/** Fields older API versions still send; absent from the SDK's current types. */
interface LegacySubscriptionFields {
  current_period_end?: number | null;
}
interface LegacyInvoiceFields {
  subscription?: string | { id: string } | null;
}
interface LegacyChargeFields {
  invoice?: string | { id: string } | null;
}

type Expandable = string | { id: string } | null | undefined;

/** The id of a field that may be an id or an expanded object. */
export function idOf(value: Expandable): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : value.id;
}

/** ISO time from Stripe's unix seconds. */
export function isoFromUnix(seconds: number): string {
  return new Date(seconds * 1000).toISOString();
}

function isoOrNull(seconds: number | null | undefined): string | null {
  return typeof seconds === 'number' ? isoFromUnix(seconds) : null;
}

function stringMetadata(metadata: Stripe.Metadata | null | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(metadata ?? {})) {
    if (typeof value === 'string') result[key] = value;
  }
  return result;
}

/** Stripe's enums are open (new values may appear); unknown values read as `fallback`. */
function known<T extends string>(
  value: string | null | undefined,
  allowed: readonly T[],
  fallback: T,
): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

const subscriptionStatuses = [
  'incomplete',
  'incomplete_expired',
  'trialing',
  'active',
  'past_due',
  'canceled',
  'unpaid',
  'paused',
] as const;

function upper(currency: string | null | undefined): string {
  return (currency ?? '').toUpperCase();
}

export function toCheckoutSessionSnapshot(
  session: Stripe.Checkout.Session,
): CheckoutSessionSnapshot {
  return {
    id: session.id,
    status: known(session.status, ['open', 'complete', 'expired'], 'open'),
    paymentStatus: known(
      session.payment_status,
      ['paid', 'unpaid', 'no_payment_required'],
      'unpaid',
    ),
    mode: session.mode === 'subscription' ? 'subscription' : 'payment',
    customerId: idOf(session.customer),
    customerEmail: session.customer_details?.email ?? session.customer_email ?? null,
    customerName: session.customer_details?.name ?? null,
    subscriptionId: idOf(session.subscription),
    paymentIntentId: idOf(session.payment_intent),
    amountTotal: session.amount_total ?? 0,
    currency: upper(session.currency),
    metadata: stringMetadata(session.metadata),
  };
}

function billingInterval(interval: string | undefined): BillingInterval {
  // We only ever create monthly and yearly prices; anything else is read as monthly.
  return interval === 'year' ? 'year' : 'month';
}

export function toSubscriptionSnapshot(
  subscription: Stripe.Subscription & LegacySubscriptionFields,
): SubscriptionSnapshot {
  const items = subscription.items?.data ?? [];
  const first = items[0];
  const amount = items.reduce(
    (sum, item) => sum + (item.price.unit_amount ?? 0) * (item.quantity ?? 1),
    0,
  );
  const itemPeriodEnds = items
    .map((item) => (item as { current_period_end?: number }).current_period_end)
    .filter((value): value is number => typeof value === 'number');
  const periodEnd =
    typeof subscription.current_period_end === 'number'
      ? subscription.current_period_end
      : itemPeriodEnds.length > 0
        ? Math.max(...itemPeriodEnds)
        : null;
  return {
    id: subscription.id,
    customerId: idOf(subscription.customer) ?? '',
    // An unknown new status is treated as not paying until a person looks at it.
    status: known(subscription.status, subscriptionStatuses, 'incomplete'),
    amount,
    currency: upper(first?.price.currency ?? subscription.currency),
    interval: billingInterval(first?.price.recurring?.interval),
    currentPeriodEnd: isoOrNull(periodEnd),
    // The Customer Portal may schedule the end with `cancel_at` instead of the flag.
    cancelAtPeriodEnd:
      subscription.cancel_at_period_end ||
      (typeof subscription.cancel_at === 'number' && subscription.status !== 'canceled'),
    canceledAt: isoOrNull(subscription.canceled_at),
    metadata: stringMetadata(subscription.metadata),
  };
}

/** The subscription an invoice bills, in either API shape. */
export function invoiceSubscriptionId(
  invoice: Stripe.Invoice & LegacyInvoiceFields,
): string | null {
  const fromParent = invoice.parent?.subscription_details?.subscription;
  return idOf(fromParent) ?? idOf(invoice.subscription);
}

export function toInvoiceSnapshot(invoice: Stripe.Invoice & LegacyInvoiceFields): InvoiceSnapshot {
  const hosted = invoice.hosted_invoice_url ?? null;
  return {
    id: invoice.id ?? '',
    customerId: idOf(invoice.customer) ?? '',
    subscriptionId: invoiceSubscriptionId(invoice),
    status: known(invoice.status, ['draft', 'open', 'paid', 'uncollectible', 'void'], 'draft'),
    amountPaid: invoice.amount_paid,
    amountDue: invoice.amount_due,
    currency: upper(invoice.currency),
    hostedInvoiceUrl: hosted,
    paymentUrl: invoice.status === 'open' ? hosted : null,
    paidAt: isoOrNull(invoice.status_transitions?.paid_at),
    created: isoFromUnix(invoice.created),
  };
}

/** The invoice a charge paid when the (older) API says so directly; else null. */
export function legacyChargeInvoiceId(charge: Stripe.Charge & LegacyChargeFields): string | null {
  return idOf(charge.invoice);
}

export function toChargeSnapshot(
  charge: Stripe.Charge & LegacyChargeFields,
  invoiceId: string | null,
): ChargeSnapshot {
  return {
    id: charge.id,
    paymentIntentId: idOf(charge.payment_intent),
    invoiceId,
    amount: charge.amount,
    amountRefunded: charge.amount_refunded,
    currency: upper(charge.currency),
    refunded: charge.refunded,
    receiptUrl: charge.receipt_url ?? null,
  };
}

export function toPaymentIntentSnapshot(intent: Stripe.PaymentIntent): PaymentIntentSnapshot {
  const charge = intent.latest_charge;
  return {
    id: intent.id,
    customerId: idOf(intent.customer),
    status: intent.status,
    amount: intent.amount,
    currency: upper(intent.currency),
    receiptUrl: typeof charge === 'object' && charge !== null ? (charge.receipt_url ?? null) : null,
    metadata: stringMetadata(intent.metadata),
  };
}
