import { randomUUID } from 'node:crypto';
import type Stripe from 'stripe';
import {
  type CheckoutRequest,
  type PaymentProvider,
  type ProviderEvent,
  RefundRefusedError,
  WebhookSignatureError,
} from '../payment-provider.js';
import { refundTarget } from './stripe-refund-target.js';
import { loadStripeSdk } from './stripe-sdk.js';
import { lazyModule } from '../../platform/modules/lazy-module.js';
import {
  idOf,
  isoFromUnix,
  legacyChargeInvoiceId,
  toChargeSnapshot,
  toCheckoutSessionSnapshot,
  toInvoiceSnapshot,
  toPaymentIntentSnapshot,
  toSubscriptionSnapshot,
} from './stripe-snapshots.js';

// The Stripe provider: hosted Checkout for every kind of payment, the Customer Portal for
// "Manage billing", webhook signatures checked on the raw body, and objects re-fetched by
// id so the event-processing job always acts on Stripe's current state (ADR 0009).

export interface StripeProviderOptions {
  secretKey: string;
  webhookSecret: string;
  /** The public site, for turning relative success/cancel/return paths into absolute URLs. */
  baseUrl: string;
  /** Only for tests against a local fake Stripe server. */
  host?: string;
  port?: number;
  protocol?: 'http' | 'https';
}

/** Stripe's limits on metadata: 50 keys, 40-character keys, 500-character values. */
function stripeMetadata(metadata: Record<string, string>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(metadata).slice(0, 50)) {
    // An empty value means "unset" to Stripe; leaving it out says the same thing.
    if (value !== '') result[key.slice(0, 40)] = value.slice(0, 500);
  }
  return result;
}

/** The Checkout Session parameters for one of our checkouts (exported for tests and docs). */
export function checkoutSessionParams(
  request: CheckoutRequest,
  absolute: (url: string) => string,
): Stripe.Checkout.SessionCreateParams {
  const metadata = stripeMetadata({ ...request.metadata, checkout_id: request.checkoutId });
  const currency = request.currency.toLowerCase();
  const common = {
    client_reference_id: request.checkoutId,
    metadata,
    success_url: absolute(request.successUrl),
    cancel_url: absolute(request.cancelUrl),
    ...(request.customerId
      ? { customer: request.customerId }
      : request.email
        ? { customer_email: request.email }
        : {}),
  };
  if (request.kind === 'donation') {
    return {
      ...common,
      mode: 'payment',
      submit_type: 'donate',
      // Without a customer Stripe would make a guest payment; a customer lets the donor's
      // history and receipts live in one place and later payments reuse it.
      ...(request.customerId ? {} : { customer_creation: 'always' as const }),
      line_items: [
        {
          quantity: 1,
          price_data: {
            currency,
            unit_amount: request.amount,
            product_data: { name: request.description },
          },
        },
      ],
      payment_intent_data: {
        metadata,
        ...(request.email ? { receipt_email: request.email } : {}),
      },
    };
  }
  if (!request.interval) throw new Error(`a ${request.kind} checkout needs an interval`);
  return {
    ...common,
    mode: 'subscription',
    line_items: [
      {
        quantity: 1,
        price_data: {
          currency,
          unit_amount: request.amount,
          recurring: { interval: request.interval },
          product_data: { name: request.description },
        },
      },
    ],
    subscription_data: { metadata },
  };
}

/** A PaymentProvider over the official Stripe SDK. */
export function createStripeProvider(options: StripeProviderOptions): PaymentProvider {
  const client = lazyModule(async () => {
    const StripeSdk = await loadStripeSdk();
    return new StripeSdk(options.secretKey, {
      appInfo: { name: 'Masthead' },
      maxNetworkRetries: 2,
      timeout: 20_000,
      telemetry: false,
      ...(options.host ? { host: options.host } : {}),
      ...(options.port ? { port: options.port } : {}),
      ...(options.protocol ? { protocol: options.protocol } : {}),
    });
  });
  const absolute = (url: string) => new URL(url, `${options.baseUrl}/`).toString();

  return {
    name: 'stripe',

    async createCheckout(request) {
      const stripe = await client();
      const session = await stripe.checkout.sessions.create(
        checkoutSessionParams(request, absolute),
        { idempotencyKey: `checkout:${request.checkoutId}` },
      );
      if (!session.url)
        throw new Error(`Stripe returned checkout session ${session.id} without a URL`);
      return { sessionId: session.id, url: session.url };
    },

    async createPortalSession(customerId, returnUrl) {
      const stripe = await client();
      // A portal session is a short-lived link made per click, so the key is per call: it
      // makes the SDK's own network retries safe without handing one reader's old link back.
      const session = await stripe.billingPortal.sessions.create(
        { customer: customerId, return_url: absolute(returnUrl) },
        { idempotencyKey: `portal:${customerId}:${randomUUID()}` },
      );
      return { url: session.url };
    },

    async cancelSubscriptionAtPeriodEnd(subscriptionId) {
      const stripe = await client();
      const subscription = await stripe.subscriptions.update(
        subscriptionId,
        { cancel_at_period_end: true },
        // Per call: a reader may cancel, resume in the portal and cancel again within the
        // 24 hours Stripe keeps a key, and the second cancel must not replay the first answer.
        { idempotencyKey: `cancel:${subscriptionId}:${randomUUID()}` },
      );
      return toSubscriptionSnapshot(subscription);
    },

    async verifyWebhook(rawBody, signature) {
      if (!signature) throw new WebhookSignatureError('The Stripe-Signature header is missing.');
      let event: Stripe.Event;
      try {
        // Default tolerance: 300 seconds between the signed timestamp and now.
        event = (await client()).webhooks.constructEvent(rawBody, signature, options.webhookSecret);
      } catch {
        throw new WebhookSignatureError('The Stripe signature is invalid or too old.');
      }
      return toProviderEvent(event);
    },

    async retrieveCheckoutSession(id) {
      const stripe = await client();
      return toCheckoutSessionSnapshot(await stripe.checkout.sessions.retrieve(id));
    },

    async retrieveSubscription(id) {
      const stripe = await client();
      return toSubscriptionSnapshot(await stripe.subscriptions.retrieve(id));
    },

    async retrieveInvoice(id) {
      const stripe = await client();
      return toInvoiceSnapshot(await stripe.invoices.retrieve(id));
    },

    async retrieveCharge(id) {
      const stripe = await client();
      const charge = await stripe.charges.retrieve(id);
      let invoiceId = legacyChargeInvoiceId(charge);
      const paymentIntentId = idOf(charge.payment_intent);
      if (invoiceId === null && paymentIntentId !== null) {
        // Since API 2025-03-31.basil a charge no longer names its invoice; invoice payments do.
        const payments = await stripe.invoicePayments.list({
          payment: { type: 'payment_intent', payment_intent: paymentIntentId },
          limit: 1,
        });
        invoiceId = idOf(payments.data[0]?.invoice);
      }
      return toChargeSnapshot(charge, invoiceId);
    },

    async retrievePaymentIntent(id) {
      const stripe = await client();
      return toPaymentIntentSnapshot(
        await stripe.paymentIntents.retrieve(id, { expand: ['latest_charge'] }),
      );
    },

    async refundPayment(providerPaymentId, amount) {
      const stripe = await client();
      const target = await refundTarget(stripe, providerPaymentId);
      try {
        await stripe.refunds.create(
          {
            ...target.on,
            ...(amount === undefined ? {} : { amount }),
            metadata: { provider_payment_id: providerPaymentId },
          },
          // "Refund this much on top of what was refunded so far": a repeat of that exact
          // request (a double click, the SDK's retry) is the same refund, never a second one.
          {
            idempotencyKey: `refund:${providerPaymentId}:${target.amountRefunded}:${amount ?? 'rest'}`,
          },
        );
      } catch (error) {
        const { errors } = await loadStripeSdk();
        if (error instanceof errors.StripeError && error.type !== 'StripeConnectionError')
          throw new RefundRefusedError(error.message);
        throw error;
      }
    },
  };
}

function toProviderEvent(event: Stripe.Event): ProviderEvent {
  const object = event.data.object as { id?: unknown };
  return {
    id: event.id,
    type: event.type,
    created: isoFromUnix(event.created),
    objectId: typeof object.id === 'string' ? object.id : '',
    raw: event,
  };
}
