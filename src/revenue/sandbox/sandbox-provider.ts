import {
  type CheckoutRequest,
  type PaymentProvider,
  type ProviderEvent,
  RefundRefusedError,
} from '../payment-provider.js';
import {
  chargeSnapshot,
  checkoutSnapshot,
  invoiceSnapshot,
  paymentIntentSnapshot,
  type SandboxCharge,
  type SandboxCheckoutSession,
  type SandboxInvoice,
  type SandboxPaymentIntent,
  type SandboxPortalSession,
  type SandboxSubscription,
  subscriptionSnapshot,
} from './sandbox-objects.js';
import {
  cancelSandboxSubscription,
  refundSandboxCharge,
  type SandboxContext,
  SandboxStateError,
} from './sandbox-operations.js';
import { readSandboxObject, sandboxId, unixSeconds, writeSandboxObject } from './sandbox-store.js';
import { type SandboxEvent, signSandboxPayload, verifySandboxPayload } from './sandbox-webhook.js';

// The default payment provider when no Stripe key is set: the same interface as Stripe, its
// hosted pages served by Masthead itself under /support/sandbox/ and clearly marked TEST MODE.

/** How long a billing-portal link works (Stripe's own sessions are short-lived too). */
export const portalLifetimeSeconds = 60 * 60;
const checkoutLifetimeSeconds = 24 * 60 * 60;

export interface SandboxProvider extends PaymentProvider {
  readonly name: 'sandbox';
  readonly context: SandboxContext;
  /**
   * "Sends the webhooks": signs each event, verifies it with `verifyWebhook` and hands it to
   * the intake (`receiveProviderEvent`), the path a Stripe webhook takes after its route.
   */
  deliver(events: readonly SandboxEvent[]): Promise<void>;
}

/** Where delivered events go: the event intake (events/receive-event.ts). */
export type SandboxEventReceiver = (
  provider: PaymentProvider,
  event: ProviderEvent,
) => Promise<unknown>;

export function isSandboxProvider(provider: PaymentProvider): provider is SandboxProvider {
  return provider.name === 'sandbox';
}

async function mustRead<T extends { id: string; object: string }>(
  context: SandboxContext,
  id: string,
  type: string,
): Promise<T> {
  const found = await readSandboxObject<T & Record<string, unknown>>(context.db, id, type);
  if (!found) throw new SandboxStateError(`No such ${type}: ${id}`);
  return found;
}

/** The charge that paid a payment intent (`pi_…`) or an invoice (`in_…`). */
async function sandboxChargeOf(
  context: SandboxContext,
  providerPaymentId: string,
): Promise<string> {
  const found = providerPaymentId.startsWith('in_')
    ? (await readSandboxObject<SandboxInvoice>(context.db, providerPaymentId, 'invoice'))?.charge
    : (
        await readSandboxObject<SandboxPaymentIntent>(
          context.db,
          providerPaymentId,
          'payment_intent',
        )
      )?.latest_charge;
  if (!found) throw new RefundRefusedError(`No paid charge was found for ${providerPaymentId}.`);
  return found;
}

/** The sandbox provider over the app database; `secret` signs its webhook events. */
export function createSandboxProvider(
  context: SandboxContext,
  secret: string,
  receive: SandboxEventReceiver,
): SandboxProvider {
  const provider: SandboxProvider = {
    name: 'sandbox',
    context,

    async deliver(events) {
      for (const event of events) {
        const body = Buffer.from(JSON.stringify(event));
        const verified = await provider.verifyWebhook(
          body,
          signSandboxPayload(secret, body.toString(), context.now()),
        );
        await receive(provider, verified);
      }
    },

    async createCheckout(request: CheckoutRequest) {
      const now = context.now();
      // The checkout id is the idempotency key: asking twice returns the same session.
      const keyId = `ik_${request.checkoutId}`;
      const known = await readSandboxObject<{ id: string; object: string; session: string }>(
        context.db,
        keyId,
        'idempotency_key',
      );
      if (known) {
        const session = await mustRead<SandboxCheckoutSession>(
          context,
          known.session,
          'checkout.session',
        );
        return { sessionId: session.id, url: session.url };
      }
      const id = sandboxId('cs_test');
      const session: SandboxCheckoutSession = {
        id,
        object: 'checkout.session',
        mode: request.kind === 'donation' ? 'payment' : 'subscription',
        status: 'open',
        payment_status: 'unpaid',
        customer: request.customerId ?? null,
        customer_email: request.email ?? null,
        customer_details: null,
        subscription: null,
        payment_intent: null,
        amount_total: request.amount,
        currency: request.currency.toLowerCase(),
        description: request.description,
        interval: request.kind === 'donation' ? null : (request.interval ?? 'month'),
        metadata: { ...request.metadata, checkout_id: request.checkoutId },
        success_url: request.successUrl,
        cancel_url: request.cancelUrl,
        url: `${context.baseUrl}/support/sandbox/checkout/${id}`,
        created: unixSeconds(now),
        expires_at: unixSeconds(now) + checkoutLifetimeSeconds,
      };
      await context.db.transaction().execute(async (trx) => {
        await writeSandboxObject(trx, session, now);
        await writeSandboxObject(trx, { id: keyId, object: 'idempotency_key', session: id }, now);
      });
      return { sessionId: id, url: session.url };
    },

    async createPortalSession(customerId, returnUrl) {
      const now = context.now();
      // 96 random bits in the id: the URL cannot be guessed, and it expires.
      const portal: SandboxPortalSession = {
        id: sandboxId('bps'),
        object: 'billing_portal.session',
        customer: customerId,
        return_url: returnUrl,
        created: unixSeconds(now),
        expires_at: unixSeconds(now) + portalLifetimeSeconds,
      };
      await writeSandboxObject(context.db, portal, now);
      return { url: `${context.baseUrl}/support/sandbox/portal/${portal.id}` };
    },

    async cancelSubscriptionAtPeriodEnd(subscriptionId) {
      const { subscription, events } = await cancelSandboxSubscription(context, subscriptionId);
      await provider.deliver(events);
      return subscriptionSnapshot(subscription);
    },

    async verifyWebhook(rawBody, signature) {
      return verifySandboxPayload(secret, rawBody, signature, context.now());
    },

    async retrieveCheckoutSession(id) {
      return checkoutSnapshot(
        await mustRead<SandboxCheckoutSession>(context, id, 'checkout.session'),
      );
    },
    async retrieveSubscription(id) {
      return subscriptionSnapshot(await mustRead<SandboxSubscription>(context, id, 'subscription'));
    },
    async retrieveInvoice(id) {
      return invoiceSnapshot(await mustRead<SandboxInvoice>(context, id, 'invoice'));
    },
    async retrieveCharge(id) {
      return chargeSnapshot(await mustRead<SandboxCharge>(context, id, 'charge'));
    },
    async retrievePaymentIntent(id) {
      const intent = await mustRead<SandboxPaymentIntent>(context, id, 'payment_intent');
      const charge = intent.latest_charge
        ? await readSandboxObject<SandboxCharge>(context.db, intent.latest_charge, 'charge')
        : undefined;
      return paymentIntentSnapshot(intent, charge);
    },

    async refundPayment(providerPaymentId, amount) {
      const chargeId = await sandboxChargeOf(context, providerPaymentId);
      const charge = await mustRead<SandboxCharge>(context, chargeId, 'charge');
      const left = charge.amount - charge.amount_refunded;
      // Like Stripe: asking for more than is left is refused, not silently reduced.
      if (amount !== undefined && amount > left)
        throw new RefundRefusedError(
          `The refund (${amount}) is greater than what is left on the charge (${left}).`,
        );
      let events: SandboxEvent[];
      try {
        events = await refundSandboxCharge(context, chargeId, amount);
      } catch (error) {
        if (error instanceof SandboxStateError) throw new RefundRefusedError(error.message);
        throw error;
      }
      await provider.deliver(events);
    },
  };
  return provider;
}
