import { randomBytes } from 'node:crypto';

// The fake Stripe account's objects, in the current API's shape (2025-03-31.basil and later:
// period ends on subscription items, an invoice's subscription under `parent`, a charge's
// invoice found through invoice payments). Tests put older shapes in with `put` directly.

export type StripeObject = Record<string, unknown> & { id: string; object: string };
export type FormValue = string | FormValue[] | { [key: string]: FormValue };
export type FormData = Record<string, FormValue>;

/** A Stripe-style id: `cs_test_…`, `sub_…`. */
export function fakeId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('hex')}`;
}

export function str(value: FormValue | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function obj(value: FormValue | undefined): Record<string, FormValue> {
  return value !== undefined && typeof value === 'object' && !Array.isArray(value) ? value : {};
}

export function list(value: FormValue | undefined): FormValue[] {
  return Array.isArray(value) ? value : [];
}

/** metadata[k]=v as a plain string map. */
export function metadataOf(value: FormValue | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, entry] of Object.entries(obj(value))) {
    if (typeof entry === 'string' && entry !== '') result[key] = entry;
  }
  return result;
}

const monthSeconds = 30 * 24 * 3600;
const yearSeconds = 365 * 24 * 3600;

export class FakeStripeAccount {
  readonly objects = new Map<string, StripeObject>();
  /** The create parameters of each checkout session (Stripe keeps line items aside too). */
  readonly sessionParams = new Map<string, FormData>();

  constructor(
    readonly baseUrl: () => string,
    readonly now: () => number = () => Math.floor(Date.now() / 1000),
  ) {}

  put<T extends StripeObject>(object: T): T {
    this.objects.set(object.id, object);
    return object;
  }

  get(id: string, type?: string): StripeObject | undefined {
    const found = this.objects.get(id);
    return found && (type === undefined || found.object === type) ? found : undefined;
  }

  /** Changes fields of a stored object (shallow merge) and returns it. */
  update(id: string, patch: Record<string, unknown>): StripeObject {
    const found = this.objects.get(id);
    if (!found) throw new Error(`fake Stripe has no object ${id}`);
    return this.put({ ...found, ...patch, id: found.id, object: found.object });
  }

  createCustomer(email: string, name = ''): StripeObject {
    return this.put({ id: fakeId('cus'), object: 'customer', email, name, created: this.now() });
  }

  createCheckoutSession(params: FormData): StripeObject {
    const id = fakeId('cs_test');
    const items = list(params.line_items).map(obj);
    const amount = items.reduce(
      (sum, item) =>
        sum + Number(str(obj(item.price_data).unit_amount) ?? 0) * Number(str(item.quantity) ?? 1),
      0,
    );
    this.sessionParams.set(id, params);
    return this.put({
      id,
      object: 'checkout.session',
      mode: str(params.mode) ?? 'payment',
      status: 'open',
      payment_status: 'unpaid',
      url: `${this.baseUrl()}/pay/${id}`,
      client_reference_id: str(params.client_reference_id) ?? null,
      customer: str(params.customer) ?? null,
      customer_email: str(params.customer_email) ?? null,
      customer_creation: str(params.customer_creation) ?? null,
      customer_details: null,
      submit_type: str(params.submit_type) ?? null,
      subscription: null,
      payment_intent: null,
      amount_total: amount,
      currency: str(obj(items[0]?.price_data).currency) ?? 'usd',
      metadata: metadataOf(params.metadata),
      success_url: str(params.success_url) ?? null,
      cancel_url: str(params.cancel_url) ?? null,
      livemode: false,
      created: this.now(),
      expires_at: this.now() + 24 * 3600,
    });
  }

  /** The reader pays: customer, payment intent + charge, or subscription + invoice. */
  completeCheckoutSession(
    sessionId: string,
    reader: { email?: string; name?: string } = {},
  ): {
    customerId: string;
    paymentIntentId: string;
    chargeId: string;
    subscriptionId?: string;
    invoiceId?: string;
  } {
    const session = this.get(sessionId, 'checkout.session');
    const params = this.sessionParams.get(sessionId);
    if (!session || !params) throw new Error(`fake Stripe has no checkout session ${sessionId}`);
    const email = reader.email ?? (session.customer_email as string | null) ?? 'reader@example.org';
    const name = reader.name ?? 'Test Reader';
    const customerId = (session.customer as string | null) ?? this.createCustomer(email, name).id;
    const amount = session.amount_total as number;
    const currency = session.currency as string;
    const base = {
      customer_details: { email, name },
      customer: customerId,
      status: 'complete',
      payment_status: 'paid',
    };
    if (session.mode === 'payment') {
      const intentData = obj(params.payment_intent_data);
      const { paymentIntentId, chargeId } = this.createPayment(
        customerId,
        amount,
        currency,
        metadataOf(intentData.metadata),
        str(intentData.receipt_email),
      );
      this.update(sessionId, { ...base, payment_intent: paymentIntentId });
      return { customerId, paymentIntentId, chargeId };
    }
    const priceData = obj(obj(list(params.line_items)[0]).price_data);
    const interval = str(obj(priceData.recurring).interval) ?? 'month';
    const subscriptionId = fakeId('sub');
    const start = this.now();
    const end = start + (interval === 'year' ? yearSeconds : monthSeconds);
    const metadata = metadataOf(obj(params.subscription_data).metadata);
    const { paymentIntentId, chargeId } = this.createPayment(customerId, amount, currency, {});
    const invoiceId = fakeId('in');
    this.put({
      id: subscriptionId,
      object: 'subscription',
      customer: customerId,
      status: 'active',
      currency,
      cancel_at_period_end: false,
      cancel_at: null,
      canceled_at: null,
      ended_at: null,
      latest_invoice: invoiceId,
      metadata,
      created: start,
      items: {
        object: 'list',
        data: [
          {
            id: fakeId('si'),
            object: 'subscription_item',
            quantity: 1,
            current_period_start: start,
            current_period_end: end,
            price: {
              id: fakeId('price'),
              object: 'price',
              currency,
              unit_amount: amount,
              recurring: { interval, interval_count: 1 },
            },
          },
        ],
      },
    });
    this.put({
      id: invoiceId,
      object: 'invoice',
      customer: customerId,
      status: 'paid',
      billing_reason: 'subscription_create',
      amount_due: amount,
      amount_paid: amount,
      currency,
      hosted_invoice_url: `${this.baseUrl()}/invoice/${invoiceId}`,
      parent: {
        type: 'subscription_details',
        subscription_details: { subscription: subscriptionId, metadata },
        quote_details: null,
      },
      status_transitions: { paid_at: start, finalized_at: start },
      created: start,
    });
    this.put({
      id: fakeId('inpay'),
      object: 'invoice_payment',
      invoice: invoiceId,
      amount_paid: amount,
      currency,
      status: 'paid',
      payment: { type: 'payment_intent', payment_intent: paymentIntentId },
      created: start,
    });
    this.update(sessionId, { ...base, subscription: subscriptionId });
    return { customerId, paymentIntentId, chargeId, subscriptionId, invoiceId };
  }

  private createPayment(
    customerId: string,
    amount: number,
    currency: string,
    metadata: Record<string, string>,
    receiptEmail?: string,
  ): { paymentIntentId: string; chargeId: string } {
    const paymentIntentId = fakeId('pi');
    const chargeId = fakeId('ch');
    this.put({
      id: chargeId,
      object: 'charge',
      amount,
      amount_captured: amount,
      amount_refunded: 0,
      currency,
      customer: customerId,
      payment_intent: paymentIntentId,
      paid: true,
      refunded: false,
      status: 'succeeded',
      receipt_url: `${this.baseUrl()}/receipts/${chargeId}`,
      metadata,
      created: this.now(),
    });
    this.put({
      id: paymentIntentId,
      object: 'payment_intent',
      amount,
      currency,
      customer: customerId,
      status: 'succeeded',
      latest_charge: chargeId,
      receipt_email: receiptEmail ?? null,
      metadata,
      created: this.now(),
    });
    return { paymentIntentId, chargeId };
  }

  /** A renewal or retry failed: the invoice stays open and the subscription is past due. */
  failInvoice(invoiceId: string): void {
    const invoice = this.update(invoiceId, {
      status: 'open',
      amount_paid: 0,
      status_transitions: { paid_at: null },
    });
    const parent = invoice.parent as { subscription_details?: { subscription?: string } } | null;
    const subscriptionId = parent?.subscription_details?.subscription;
    if (subscriptionId) this.update(subscriptionId, { status: 'past_due' });
  }

  /** A full (or partial) refund of a charge. */
  refundCharge(chargeId: string, amount?: number): StripeObject {
    const charge = this.get(chargeId, 'charge');
    if (!charge) throw new Error(`fake Stripe has no charge ${chargeId}`);
    const refunded = amount ?? (charge.amount as number);
    return this.update(chargeId, {
      amount_refunded: refunded,
      refunded: refunded >= (charge.amount as number),
    });
  }

  /** A renewal invoice for a subscription (open until paid). */
  createRenewalInvoice(subscriptionId: string, status: 'paid' | 'open'): StripeObject {
    const subscription = this.get(subscriptionId, 'subscription');
    if (!subscription) throw new Error(`fake Stripe has no subscription ${subscriptionId}`);
    const item = (subscription.items as { data: Array<{ price: { unit_amount: number } }> })
      .data[0];
    const amount = item?.price.unit_amount ?? 0;
    const id = fakeId('in');
    return this.put({
      id,
      object: 'invoice',
      customer: subscription.customer,
      status,
      billing_reason: 'subscription_cycle',
      amount_due: amount,
      amount_paid: status === 'paid' ? amount : 0,
      currency: subscription.currency,
      hosted_invoice_url: `${this.baseUrl()}/invoice/${id}`,
      parent: {
        type: 'subscription_details',
        subscription_details: { subscription: subscriptionId, metadata: subscription.metadata },
        quote_details: null,
      },
      status_transitions: {
        paid_at: status === 'paid' ? this.now() : null,
        finalized_at: this.now(),
      },
      created: this.now(),
    });
  }
}

/** A Stripe event wrapping an object snapshot, as Stripe would POST it to the webhook. */
export function buildStripeEvent(
  type: string,
  object: StripeObject,
  options: { id?: string; created?: Date; previousAttributes?: Record<string, unknown> } = {},
): Record<string, unknown> {
  return {
    id: options.id ?? fakeId('evt'),
    object: 'event',
    api_version: '2025-03-31.basil',
    created: Math.floor((options.created ?? new Date()).getTime() / 1000),
    data: {
      object,
      ...(options.previousAttributes ? { previous_attributes: options.previousAttributes } : {}),
    },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
  };
}
