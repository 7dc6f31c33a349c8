import type { AppServices } from '../platform/app-services.js';
import type { BillingInterval, ProviderName, RevenueKind } from './revenue.table.js';

// One interface for every payment provider (Stripe, and the sandbox that behaves like it).
// Both providers speak in Stripe's terms: a hosted checkout session, events with Stripe's
// type names delivered to a webhook, and objects re-fetched by id when order matters.
// The webhook route and the event-processing job only ever see this interface.

export interface CheckoutRequest {
  /** Our checkout id (uuid): the idempotency key of the create call and `metadata.checkout_id`. */
  checkoutId: string;
  kind: RevenueKind;
  /** Total to charge in minor units (the processing fee included when the reader covers it). */
  amount: number;
  currency: string;
  /** Memberships and recurring donations only. */
  interval?: BillingInterval;
  /** What the reader sees on the payment page, e.g. "Member — monthly" or "One-time donation". */
  description: string;
  /** Prefilled when the reader is signed in or gave it. */
  email?: string;
  /** The provider customer of a signed-in member, reused so payments stay on one customer. */
  customerId?: string;
  /** Attribution and our ids (all strings): checkout_id, kind, tier_id, article_id, prompt, page. */
  metadata: Record<string, string>;
  successUrl: string;
  cancelUrl: string;
}

export interface CheckoutSessionSnapshot {
  id: string;
  status: 'open' | 'complete' | 'expired';
  paymentStatus: 'paid' | 'unpaid' | 'no_payment_required';
  mode: 'payment' | 'subscription';
  customerId: string | null;
  customerEmail: string | null;
  customerName: string | null;
  subscriptionId: string | null;
  paymentIntentId: string | null;
  amountTotal: number;
  currency: string;
  metadata: Record<string, string>;
}

export interface SubscriptionSnapshot {
  id: string;
  customerId: string;
  status:
    | 'incomplete'
    | 'incomplete_expired'
    | 'trialing'
    | 'active'
    | 'past_due'
    | 'canceled'
    | 'unpaid'
    | 'paused';
  amount: number;
  currency: string;
  interval: BillingInterval;
  /** ISO time; null when the provider gives none. */
  currentPeriodEnd: string | null;
  cancelAtPeriodEnd: boolean;
  canceledAt: string | null;
  metadata: Record<string, string>;
}

export interface InvoiceSnapshot {
  id: string;
  customerId: string;
  subscriptionId: string | null;
  status: 'draft' | 'open' | 'paid' | 'uncollectible' | 'void';
  amountPaid: number;
  amountDue: number;
  currency: string;
  /** Hosted invoice/receipt page. */
  hostedInvoiceUrl: string | null;
  /** Where the reader can fix a failed payment (the hosted invoice page). */
  paymentUrl: string | null;
  paidAt: string | null;
  created: string;
}

export interface ChargeSnapshot {
  id: string;
  paymentIntentId: string | null;
  invoiceId: string | null;
  amount: number;
  amountRefunded: number;
  currency: string;
  refunded: boolean;
  receiptUrl: string | null;
}

export interface PaymentIntentSnapshot {
  id: string;
  customerId: string | null;
  status: string;
  amount: number;
  currency: string;
  receiptUrl: string | null;
  metadata: Record<string, string>;
}

/** A verified event, as the provider sent it. `type` uses Stripe's names. */
export interface ProviderEvent {
  id: string;
  type: string;
  /** ISO time the provider created the event. */
  created: string;
  /** The id of the object the event is about (`data.object.id`). */
  objectId: string;
  /** The whole verified event JSON, stored in payment_events.payload. */
  raw: unknown;
}

/** Thrown by `verifyWebhook` for a missing, bad or stale signature (answered with 400). */
export class WebhookSignatureError extends Error {}

/** Thrown by `refundPayment` when the provider refuses; the message is the provider's reason. */
export class RefundRefusedError extends Error {}

export interface PaymentProvider {
  readonly name: ProviderName;
  /** Creates a hosted checkout and returns where to send the reader. */
  createCheckout(request: CheckoutRequest): Promise<{ sessionId: string; url: string }>;
  /** A billing-portal page for the customer ("Manage billing"). */
  createPortalSession(customerId: string, returnUrl: string): Promise<{ url: string }>;
  /** Cancels at the end of the paid period (the reader keeps what they paid for). */
  cancelSubscriptionAtPeriodEnd(subscriptionId: string): Promise<SubscriptionSnapshot>;
  /** Verifies the signature on the raw body and parses the event; throws WebhookSignatureError. */
  verifyWebhook(rawBody: Buffer, signature: string | undefined): Promise<ProviderEvent>;
  retrieveCheckoutSession(id: string): Promise<CheckoutSessionSnapshot>;
  retrieveSubscription(id: string): Promise<SubscriptionSnapshot>;
  retrieveInvoice(id: string): Promise<InvoiceSnapshot>;
  retrieveCharge(id: string): Promise<ChargeSnapshot>;
  retrievePaymentIntent(id: string): Promise<PaymentIntentSnapshot>;
  /**
   * Refunds `amount` minor units (all that is left when omitted) of a payment: a payment
   * intent (one-time) or an invoice (subscription) id, as in `payments.provider_payment_id`.
   * Changes nothing locally: the provider's `charge.refunded` event does that. Throws
   * RefundRefusedError when the provider says no.
   */
  refundPayment(providerPaymentId: string, amount?: number): Promise<void>;
}

/** The services revenue's routes and jobs receive: the platform's, plus the payment provider. */
export interface RevenueServices extends AppServices {
  /** Reader payments: Stripe when STRIPE_SECRET_KEY is set, else the TEST MODE sandbox. */
  payments: PaymentProvider;
}
