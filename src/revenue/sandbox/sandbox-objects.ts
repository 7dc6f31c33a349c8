import type {
  ChargeSnapshot,
  CheckoutSessionSnapshot,
  InvoiceSnapshot,
  PaymentIntentSnapshot,
  SubscriptionSnapshot,
} from '../payment-provider.js';
import type { BillingInterval } from '../revenue.table.js';

// The sandbox's objects in Stripe's shape (a subset of the fields), and their conversion to
// the provider-neutral snapshots the rest of the domain reads.

export interface SandboxCheckoutSession {
  id: string;
  object: 'checkout.session';
  mode: 'payment' | 'subscription';
  status: 'open' | 'complete' | 'expired';
  payment_status: 'paid' | 'unpaid';
  customer: string | null;
  customer_email: string | null;
  customer_details: { email: string; name: string } | null;
  subscription: string | null;
  payment_intent: string | null;
  amount_total: number;
  currency: string;
  description: string;
  interval: BillingInterval | null;
  metadata: Record<string, string>;
  success_url: string;
  cancel_url: string;
  url: string;
  created: number;
  expires_at: number;
  [key: string]: unknown;
}

export interface SandboxCustomer {
  id: string;
  object: 'customer';
  email: string;
  name: string;
  created: number;
  [key: string]: unknown;
}

export interface SandboxSubscription {
  id: string;
  object: 'subscription';
  customer: string;
  status: SubscriptionSnapshot['status'];
  description: string;
  cancel_at_period_end: boolean;
  canceled_at: number | null;
  ended_at: number | null;
  current_period_start: number;
  current_period_end: number;
  latest_invoice: string | null;
  items: {
    object: 'list';
    data: Array<{
      id: string;
      price: { unit_amount: number; currency: string; recurring: { interval: BillingInterval } };
    }>;
  };
  metadata: Record<string, string>;
  created: number;
  [key: string]: unknown;
}

export interface SandboxInvoice {
  id: string;
  object: 'invoice';
  customer: string;
  subscription: string | null;
  status: InvoiceSnapshot['status'];
  billing_reason: 'subscription_create' | 'subscription_cycle';
  amount_due: number;
  amount_paid: number;
  currency: string;
  description: string;
  hosted_invoice_url: string;
  charge: string | null;
  status_transitions: { paid_at: number | null };
  created: number;
  [key: string]: unknown;
}

export interface SandboxPaymentIntent {
  id: string;
  object: 'payment_intent';
  customer: string | null;
  status: 'succeeded' | 'requires_payment_method';
  amount: number;
  currency: string;
  description: string;
  latest_charge: string | null;
  metadata: Record<string, string>;
  created: number;
  [key: string]: unknown;
}

export interface SandboxCharge {
  id: string;
  object: 'charge';
  customer: string | null;
  payment_intent: string | null;
  invoice: string | null;
  amount: number;
  amount_refunded: number;
  currency: string;
  description: string;
  refunded: boolean;
  paid: boolean;
  receipt_url: string;
  /** The card's last four digits (all we ever keep of a card, like Stripe). */
  last4: string;
  created: number;
  [key: string]: unknown;
}

export interface SandboxPortalSession {
  id: string;
  object: 'billing_portal.session';
  customer: string;
  return_url: string;
  expires_at: number;
  created: number;
  [key: string]: unknown;
}

const iso = (seconds: number | null): string | null =>
  seconds === null ? null : new Date(seconds * 1000).toISOString();

export function checkoutSnapshot(session: SandboxCheckoutSession): CheckoutSessionSnapshot {
  return {
    id: session.id,
    status: session.status,
    paymentStatus: session.payment_status,
    mode: session.mode,
    customerId: session.customer,
    customerEmail: session.customer_details?.email ?? session.customer_email,
    customerName: session.customer_details?.name ?? null,
    subscriptionId: session.subscription,
    paymentIntentId: session.payment_intent,
    amountTotal: session.amount_total,
    currency: session.currency.toUpperCase(),
    metadata: session.metadata,
  };
}

export function subscriptionSnapshot(subscription: SandboxSubscription): SubscriptionSnapshot {
  const item = subscription.items.data[0];
  return {
    id: subscription.id,
    customerId: subscription.customer,
    status: subscription.status,
    amount: item?.price.unit_amount ?? 0,
    currency: (item?.price.currency ?? 'usd').toUpperCase(),
    interval: item?.price.recurring.interval ?? 'month',
    currentPeriodEnd: iso(subscription.current_period_end),
    cancelAtPeriodEnd: subscription.cancel_at_period_end,
    canceledAt: iso(subscription.canceled_at),
    metadata: subscription.metadata,
  };
}

export function invoiceSnapshot(invoice: SandboxInvoice): InvoiceSnapshot {
  return {
    id: invoice.id,
    customerId: invoice.customer,
    subscriptionId: invoice.subscription,
    status: invoice.status,
    amountPaid: invoice.amount_paid,
    amountDue: invoice.amount_due,
    currency: invoice.currency.toUpperCase(),
    hostedInvoiceUrl: invoice.hosted_invoice_url,
    paymentUrl: invoice.status === 'open' ? invoice.hosted_invoice_url : null,
    paidAt: iso(invoice.status_transitions.paid_at),
    created: iso(invoice.created) ?? new Date(0).toISOString(),
  };
}

export function chargeSnapshot(charge: SandboxCharge): ChargeSnapshot {
  return {
    id: charge.id,
    paymentIntentId: charge.payment_intent,
    invoiceId: charge.invoice,
    amount: charge.amount,
    amountRefunded: charge.amount_refunded,
    currency: charge.currency.toUpperCase(),
    refunded: charge.refunded,
    receiptUrl: charge.receipt_url,
  };
}

export function paymentIntentSnapshot(
  intent: SandboxPaymentIntent,
  charge: SandboxCharge | undefined,
): PaymentIntentSnapshot {
  return {
    id: intent.id,
    customerId: intent.customer,
    status: intent.status,
    amount: intent.amount,
    currency: intent.currency.toUpperCase(),
    receiptUrl: charge?.receipt_url ?? null,
    metadata: intent.metadata,
  };
}
