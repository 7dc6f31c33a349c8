import type Stripe from 'stripe';
import { RefundRefusedError } from '../payment-provider.js';
import { loadStripeSdk } from './stripe-sdk.js';
import { idOf } from './stripe-snapshots.js';

// What a refund of one of our payments is made against. Our payment id is a payment intent
// (one-time) or an invoice (subscription). An invoice names its payment directly before API
// 2025-03-31.basil (`payment_intent`, or `charge` on very old invoices) and through invoice
// payments since — the same two shapes stripe-snapshots.ts reads for charge → invoice.

export interface RefundTarget {
  /** What `refunds.create` is told to refund. */
  on: { payment_intent: string } | { charge: string };
  /** Refunded so far on the charge (part of the idempotency key). */
  amountRefunded: number;
}

interface LegacyInvoicePaymentFields {
  payment_intent?: string | { id: string } | null;
  charge?: string | { id: string } | null;
}

async function intentTarget(stripe: Stripe, paymentIntentId: string): Promise<RefundTarget> {
  const intent = await stripe.paymentIntents.retrieve(paymentIntentId, {
    expand: ['latest_charge'],
  });
  const charge = intent.latest_charge;
  if (charge === null || charge === undefined)
    throw new RefundRefusedError(`The payment ${paymentIntentId} has no charge to refund.`);
  return {
    on: { payment_intent: paymentIntentId },
    amountRefunded: typeof charge === 'object' ? charge.amount_refunded : 0,
  };
}

async function invoiceTarget(stripe: Stripe, invoiceId: string): Promise<RefundTarget> {
  const invoice = (await stripe.invoices.retrieve(invoiceId)) as Stripe.Invoice &
    LegacyInvoicePaymentFields;
  const legacyIntent = idOf(invoice.payment_intent);
  if (legacyIntent) return intentTarget(stripe, legacyIntent);
  const legacyCharge = idOf(invoice.charge);
  if (legacyCharge) {
    const charge = await stripe.charges.retrieve(legacyCharge);
    return { on: { charge: charge.id }, amountRefunded: charge.amount_refunded };
  }
  const payments = await stripe.invoicePayments.list({ invoice: invoiceId, limit: 10 });
  const paid = payments.data.find((p) => p.status === 'paid');
  const intentId = idOf(paid?.payment.payment_intent);
  if (intentId) return intentTarget(stripe, intentId);
  const chargeId = idOf(paid?.payment.charge);
  if (chargeId) {
    const charge = await stripe.charges.retrieve(chargeId);
    return { on: { charge: chargeId }, amountRefunded: charge.amount_refunded };
  }
  throw new RefundRefusedError(`The invoice ${invoiceId} has no paid payment to refund.`);
}

/** Finds the payment intent or charge behind `pi_…` / `in_…`; Stripe's refusals become RefundRefusedError. */
export async function refundTarget(
  stripe: Stripe,
  providerPaymentId: string,
): Promise<RefundTarget> {
  try {
    return providerPaymentId.startsWith('in_')
      ? await invoiceTarget(stripe, providerPaymentId)
      : await intentTarget(stripe, providerPaymentId);
  } catch (error) {
    if (error instanceof (await loadStripeSdk()).errors.StripeInvalidRequestError)
      throw new RefundRefusedError(error.message);
    throw error;
  }
}
