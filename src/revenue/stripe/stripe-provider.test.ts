import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import Stripe from 'stripe';
import type { CheckoutRequest, PaymentProvider } from '../payment-provider.js';
import { createStripeProvider } from './stripe-provider.js';
import { fakeId, obj } from './test-fixtures/fake-stripe-objects.js';
import {
  type FakeStripeServer,
  parseForm,
  startFakeStripeServer,
} from './test-fixtures/fake-stripe-server.js';

const webhookSecret = 'whsec_test_provider';

function buildCheckoutRequest(overrides: Partial<CheckoutRequest> = {}): CheckoutRequest {
  const checkoutId = crypto.randomUUID();
  return {
    checkoutId,
    kind: 'donation',
    amount: 100,
    currency: 'USD',
    description: 'One-time donation',
    email: 'reader@example.org',
    metadata: {
      checkout_id: checkoutId,
      kind: 'donation',
      tier_id: '',
      article_id: '42',
      prompt: 'after-body',
      page: '/a-story/',
    },
    successUrl: '/support/thanks?checkout={CHECKOUT_SESSION_ID}',
    cancelUrl: '/support/',
    ...overrides,
  };
}

describe('parseForm (fake Stripe server)', () => {
  test('nested keys, indexed and appended arrays, encoded values', () => {
    assert.deepEqual(
      parseForm(
        'a[b][0][c]=1&a[b][0][d]=x%20y&a[b][1][c]=2&expand[]=latest_charge&expand[]=customer&m=a+b',
      ),
      {
        a: { b: [{ c: '1', d: 'x y' }, { c: '2' }] },
        expand: ['latest_charge', 'customer'],
        m: 'a b',
      },
    );
  });
});

describe('Stripe provider against the fake Stripe server', () => {
  let fake: FakeStripeServer;
  let provider: PaymentProvider;
  before(async () => {
    fake = await startFakeStripeServer();
    provider = createStripeProvider({
      secretKey: 'sk_test_fake',
      webhookSecret,
      baseUrl: 'https://news.example.org',
      ...fake.connection,
    });
  });
  after(async () => fake.close());

  const lastCreate = () => {
    const request = fake.requests.filter((r) => r.method === 'POST').at(-1);
    assert.ok(request, 'a POST reached the fake');
    return request;
  };

  test('one-time donation: payment mode, pay-what-you-want amount, customer_email + customer_creation, receipt e-mail, metadata on the payment intent, idempotency key', async () => {
    const request = buildCheckoutRequest({ amount: 1234 });
    const result = await provider.createCheckout(request);
    assert.match(result.sessionId, /^cs_test_/);
    assert.equal(result.url, `${fake.url}/pay/${result.sessionId}`);
    const sent = lastCreate();
    assert.equal(sent.path, '/v1/checkout/sessions');
    assert.equal(sent.idempotencyKey, `checkout:${request.checkoutId}`);
    const p = sent.params;
    assert.equal(p.mode, 'payment');
    assert.equal(p.submit_type, 'donate');
    assert.equal(p.customer_email, 'reader@example.org');
    assert.equal(p.customer_creation, 'always');
    assert.equal(p.customer, undefined);
    assert.equal(p.client_reference_id, request.checkoutId);
    assert.deepEqual(p.line_items, [
      {
        quantity: '1',
        price_data: {
          currency: 'usd',
          unit_amount: '1234',
          product_data: { name: 'One-time donation' },
        },
      },
    ]);
    const metadata = {
      checkout_id: request.checkoutId,
      kind: 'donation',
      article_id: '42',
      prompt: 'after-body',
      page: '/a-story/',
    };
    assert.deepEqual(p.metadata, metadata, 'empty tier_id left out');
    assert.deepEqual(p.payment_intent_data, { metadata, receipt_email: 'reader@example.org' });
    assert.equal(p.subscription_data, undefined);
    assert.equal(
      p.success_url,
      'https://news.example.org/support/thanks?checkout={CHECKOUT_SESSION_ID}',
    );
    assert.equal(p.cancel_url, 'https://news.example.org/support/');
  });

  test('membership: subscription mode, recurring price_data, metadata on subscription_data, no customer_creation', async () => {
    const request = buildCheckoutRequest({
      kind: 'membership',
      amount: 5000,
      interval: 'year',
      description: 'Member — yearly',
      metadata: { kind: 'membership', tier_id: 'member' },
    });
    await provider.createCheckout(request);
    const p = lastCreate().params;
    assert.equal(p.mode, 'subscription');
    assert.equal(p.customer_creation, undefined);
    assert.equal(p.payment_intent_data, undefined);
    assert.deepEqual(obj(p.line_items && (p.line_items as never[])[0]).price_data, {
      currency: 'usd',
      unit_amount: '5000',
      recurring: { interval: 'year' },
      product_data: { name: 'Member — yearly' },
    });
    assert.deepEqual(p.subscription_data, {
      metadata: { kind: 'membership', tier_id: 'member', checkout_id: request.checkoutId },
    });
  });

  test('recurring donation for a known customer: customer instead of customer_email', async () => {
    const customer = fake.account.createCustomer('member@example.org');
    const request = buildCheckoutRequest({
      kind: 'recurring_donation',
      amount: 500,
      interval: 'month',
      customerId: customer.id,
    });
    await provider.createCheckout(request);
    const p = lastCreate().params;
    assert.equal(p.mode, 'subscription');
    assert.equal(p.customer, customer.id);
    assert.equal(p.customer_email, undefined);
    assert.deepEqual(obj(obj((p.line_items as never[])[0]).price_data).recurring, {
      interval: 'month',
    });
  });

  test('a retried create with the same checkout id returns the same session (idempotency key is stable)', async () => {
    const request = buildCheckoutRequest();
    const first = await provider.createCheckout(request);
    const second = await provider.createCheckout(request);
    assert.equal(second.sessionId, first.sessionId);
    const sent = fake.requests.filter((r) => r.idempotencyKey === `checkout:${request.checkoutId}`);
    assert.equal(sent.length, 2);
    assert.equal(sent[1]?.replayed, true);
  });

  test('a recurring checkout without an interval is refused before calling Stripe', async () => {
    await assert.rejects(
      provider.createCheckout(buildCheckoutRequest({ kind: 'membership' })),
      /needs an interval/,
    );
  });

  test('portal session: customer, absolute return_url, an idempotency key', async () => {
    const customer = fake.account.createCustomer('member@example.org');
    const { url } = await provider.createPortalSession(customer.id, '/account/');
    assert.match(url, /\/portal\/bps_/);
    const sent = lastCreate();
    assert.equal(sent.path, '/v1/billing_portal/sessions');
    assert.deepEqual(sent.params, {
      customer: customer.id,
      return_url: 'https://news.example.org/account/',
    });
    assert.match(sent.idempotencyKey ?? '', new RegExp(`^portal:${customer.id}:`));
  });

  test('cancel at period end updates the subscription and maps it', async () => {
    const { sessionId } = await provider.createCheckout(
      buildCheckoutRequest({ kind: 'membership', amount: 500, interval: 'month' }),
    );
    const { subscriptionId } = fake.account.completeCheckoutSession(sessionId);
    const snapshot = await provider.cancelSubscriptionAtPeriodEnd(subscriptionId ?? '');
    assert.equal(snapshot.cancelAtPeriodEnd, true);
    assert.equal(snapshot.status, 'active');
    assert.deepEqual(lastCreate().params, { cancel_at_period_end: 'true' });
    assert.match(lastCreate().idempotencyKey ?? '', /^cancel:sub_/);
  });

  test('snapshots of a completed one-time checkout: session, payment intent (receipt), charge', async () => {
    const request = buildCheckoutRequest({ amount: 700 });
    const { sessionId } = await provider.createCheckout(request);
    const ids = fake.account.completeCheckoutSession(sessionId, { name: 'Olena' });
    const session = await provider.retrieveCheckoutSession(sessionId);
    assert.deepEqual(session, {
      id: sessionId,
      status: 'complete',
      paymentStatus: 'paid',
      mode: 'payment',
      customerId: ids.customerId,
      customerEmail: 'reader@example.org',
      customerName: 'Olena',
      subscriptionId: null,
      paymentIntentId: ids.paymentIntentId,
      amountTotal: 700,
      currency: 'USD',
      metadata: {
        checkout_id: request.checkoutId,
        kind: 'donation',
        article_id: '42',
        prompt: 'after-body',
        page: '/a-story/',
      },
    });
    const intent = await provider.retrievePaymentIntent(ids.paymentIntentId);
    assert.equal(intent.status, 'succeeded');
    assert.equal(intent.amount, 700);
    assert.equal(intent.customerId, ids.customerId);
    assert.equal(intent.receiptUrl, `${fake.url}/receipts/${ids.chargeId}`);
    assert.equal(intent.metadata.checkout_id, request.checkoutId);
    fake.account.refundCharge(ids.chargeId);
    const charge = await provider.retrieveCharge(ids.chargeId);
    assert.deepEqual(charge, {
      id: ids.chargeId,
      paymentIntentId: ids.paymentIntentId,
      invoiceId: null,
      amount: 700,
      amountRefunded: 700,
      currency: 'USD',
      refunded: true,
      receiptUrl: `${fake.url}/receipts/${ids.chargeId}`,
    });
  });

  test('snapshots of a subscription, its invoice and its charge in the current API shape', async () => {
    const { sessionId } = await provider.createCheckout(
      buildCheckoutRequest({
        kind: 'membership',
        amount: 1500,
        interval: 'month',
        metadata: { tier_id: 'patron' },
      }),
    );
    const ids = fake.account.completeCheckoutSession(sessionId);
    const subscription = await provider.retrieveSubscription(ids.subscriptionId ?? '');
    const item = (
      fake.account.get(ids.subscriptionId ?? '')?.items as {
        data: Array<{ current_period_end: number }>;
      }
    ).data[0];
    assert.deepEqual(subscription, {
      id: ids.subscriptionId,
      customerId: ids.customerId,
      status: 'active',
      amount: 1500,
      currency: 'USD',
      interval: 'month',
      currentPeriodEnd: new Date((item?.current_period_end ?? 0) * 1000).toISOString(),
      cancelAtPeriodEnd: false,
      canceledAt: null,
      metadata: { tier_id: 'patron', checkout_id: subscription.metadata.checkout_id ?? '' },
    });
    const invoice = await provider.retrieveInvoice(ids.invoiceId ?? '');
    assert.equal(invoice.subscriptionId, ids.subscriptionId);
    assert.equal(invoice.status, 'paid');
    assert.equal(invoice.amountPaid, 1500);
    assert.equal(invoice.paymentUrl, null);
    assert.ok(invoice.paidAt);
    const charge = await provider.retrieveCharge(ids.chargeId);
    assert.equal(charge.invoiceId, ids.invoiceId, 'found through invoice payments');

    fake.account.failInvoice(ids.invoiceId ?? '');
    const failed = await provider.retrieveInvoice(ids.invoiceId ?? '');
    assert.equal(failed.status, 'open');
    assert.equal(failed.paymentUrl, `${fake.url}/invoice/${ids.invoiceId}`);
    assert.equal(failed.paidAt, null);
    assert.equal(
      (await provider.retrieveSubscription(ids.subscriptionId ?? '')).status,
      'past_due',
    );
  });

  test('snapshots of older API shapes: period end on the subscription, invoice.subscription, charge.invoice', async () => {
    const periodEnd = 1_800_000_000;
    const subscription = fake.account.put({
      id: fakeId('sub'),
      object: 'subscription',
      customer: 'cus_legacy',
      status: 'active',
      current_period_end: periodEnd,
      cancel_at_period_end: false,
      cancel_at: null,
      canceled_at: null,
      currency: 'eur',
      metadata: {},
      items: {
        object: 'list',
        data: [
          {
            id: 'si_1',
            quantity: 2,
            price: { unit_amount: 300, currency: 'eur', recurring: { interval: 'month' } },
          },
        ],
      },
    });
    const mapped = await provider.retrieveSubscription(subscription.id);
    assert.equal(mapped.currentPeriodEnd, new Date(periodEnd * 1000).toISOString());
    assert.equal(mapped.amount, 600);
    assert.equal(mapped.currency, 'EUR');
    const invoice = fake.account.put({
      id: fakeId('in'),
      object: 'invoice',
      customer: 'cus_legacy',
      subscription: subscription.id,
      status: 'paid',
      amount_due: 600,
      amount_paid: 600,
      currency: 'eur',
      hosted_invoice_url: null,
      status_transitions: { paid_at: periodEnd },
      created: periodEnd,
    });
    assert.equal((await provider.retrieveInvoice(invoice.id)).subscriptionId, subscription.id);
    const charge = fake.account.put({
      id: fakeId('ch'),
      object: 'charge',
      amount: 600,
      amount_refunded: 0,
      currency: 'eur',
      invoice: invoice.id,
      payment_intent: 'pi_legacy',
      refunded: false,
      receipt_url: null,
    });
    const before = fake.requests.length;
    assert.equal((await provider.retrieveCharge(charge.id)).invoiceId, invoice.id);
    assert.equal(fake.requests.length, before + 1, 'no invoice-payment lookup needed');
  });

  test('a scheduled end set in the Customer Portal (cancel_at) reads as cancelling', async () => {
    const { sessionId } = await provider.createCheckout(
      buildCheckoutRequest({ kind: 'membership', amount: 500, interval: 'month' }),
    );
    const { subscriptionId = '' } = fake.account.completeCheckoutSession(sessionId);
    fake.account.update(subscriptionId, { cancel_at: 1_900_000_000 });
    assert.equal((await provider.retrieveSubscription(subscriptionId)).cancelAtPeriodEnd, true);
  });

  test('retrieving an unknown object rejects with Stripe’s error', async () => {
    await assert.rejects(provider.retrieveInvoice('in_missing'), (error: unknown) => {
      assert.ok(error instanceof Stripe.errors.StripeInvalidRequestError);
      assert.equal(error.code, 'resource_missing');
      return true;
    });
  });
});
