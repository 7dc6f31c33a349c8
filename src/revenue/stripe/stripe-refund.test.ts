import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type PaymentProvider, RefundRefusedError } from '../payment-provider.js';
import { createStripeProvider } from './stripe-provider.js';
import {
  type FakeStripeServer,
  startFakeStripeServer,
} from './test-fixtures/fake-stripe-server.js';

// refundPayment against the fake Stripe server: what reaches Stripe (refunds.create with the
// payment intent, an idempotency key), how an invoice is resolved to its payment, and
// Stripe's refusals as RefundRefusedError. The fake sends no events; the event flow tests
// deliver charge.refunded themselves.

describe('Stripe provider refundPayment against the fake Stripe server', () => {
  let fake: FakeStripeServer;
  let provider: PaymentProvider;
  before(async () => {
    fake = await startFakeStripeServer();
    provider = createStripeProvider({
      secretKey: 'sk_test_fake',
      webhookSecret: 'whsec_test_refund',
      baseUrl: 'https://news.example.org',
      ...fake.connection,
    });
  });
  after(async () => fake.close());

  async function paid(kind: 'donation' | 'membership') {
    const checkoutId = crypto.randomUUID();
    const { sessionId } = await provider.createCheckout({
      checkoutId,
      kind,
      amount: 1000,
      currency: 'USD',
      ...(kind === 'membership' ? { interval: 'month' as const } : {}),
      description: 'Test',
      email: 'reader@example.org',
      metadata: { kind },
      successUrl: '/support/thanks',
      cancelUrl: '/support/',
    });
    return fake.account.completeCheckoutSession(sessionId);
  }

  const refundRequests = () => fake.requests.filter((r) => r.path === '/v1/refunds');
  const charge = (id: string) => fake.account.get(id, 'charge');

  test('a one-time payment: partial then the rest, on the payment intent, with idempotency keys', async () => {
    const { paymentIntentId, chargeId } = await paid('donation');
    const before = refundRequests().length;
    await provider.refundPayment(paymentIntentId, 250);
    const [first] = refundRequests().slice(before);
    assert.ok(first);
    assert.equal(first.method, 'POST');
    assert.equal(first.params.payment_intent, paymentIntentId);
    assert.equal(first.params.amount, '250');
    assert.equal(first.params.charge, undefined);
    assert.equal(first.idempotencyKey, `refund:${paymentIntentId}:0:250`);
    assert.equal(charge(chargeId)?.amount_refunded, 250);

    await provider.refundPayment(paymentIntentId);
    const second = refundRequests().at(-1);
    assert.equal(second?.params.amount, undefined, 'a full refund names no amount');
    assert.equal(second?.idempotencyKey, `refund:${paymentIntentId}:250:rest`);
    assert.equal(charge(chargeId)?.amount_refunded, 1000);
    assert.equal(charge(chargeId)?.refunded, true);
  });

  test('a subscription payment: the invoice is resolved to its payment intent through invoice payments', async () => {
    const { invoiceId, paymentIntentId, chargeId } = await paid('membership');
    assert.ok(invoiceId);
    await provider.refundPayment(invoiceId, 400);
    const lookup = fake.requests.filter((r) => r.path === '/v1/invoice_payments').at(-1);
    assert.equal(lookup?.params.invoice, invoiceId);
    const sent = refundRequests().at(-1);
    assert.equal(sent?.params.payment_intent, paymentIntentId);
    assert.equal(sent?.params.amount, '400');
    assert.equal(sent?.idempotencyKey, `refund:${invoiceId}:0:400`);
    assert.equal(charge(chargeId)?.amount_refunded, 400);
  });

  test('an invoice in the older API shape names its payment intent directly', async () => {
    const { invoiceId, paymentIntentId } = await paid('membership');
    assert.ok(invoiceId);
    fake.account.update(invoiceId, { payment_intent: paymentIntentId });
    const lookups = fake.requests.filter((r) => r.path === '/v1/invoice_payments').length;
    await provider.refundPayment(invoiceId);
    assert.equal(fake.requests.filter((r) => r.path === '/v1/invoice_payments').length, lookups);
    assert.equal(refundRequests().at(-1)?.params.payment_intent, paymentIntentId);
  });

  test("Stripe's refusals become RefundRefusedError with Stripe's reason", async () => {
    const { paymentIntentId } = await paid('donation');
    await assert.rejects(
      provider.refundPayment(paymentIntentId, 5000),
      (error: unknown) =>
        error instanceof RefundRefusedError && /greater than unrefunded amount/.test(error.message),
    );
    await provider.refundPayment(paymentIntentId);
    await assert.rejects(
      provider.refundPayment(paymentIntentId),
      (error: unknown) =>
        error instanceof RefundRefusedError && /already been refunded/.test(error.message),
    );
    await assert.rejects(
      provider.refundPayment('pi_missing'),
      (error: unknown) =>
        error instanceof RefundRefusedError && /No such object/.test(error.message),
    );
  });
});
