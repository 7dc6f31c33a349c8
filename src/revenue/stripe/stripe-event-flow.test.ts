import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import Stripe from 'stripe';
import { apiErrorHandler } from '../../admin/api-errors.js';
import { describeEachDialect } from '../../platform/db/test-databases.js';
import { createLogger } from '../../platform/logger.js';
import { processPaymentEvent, type ProcessDeps } from '../events/event-processing.js';
import { processEventJob } from '../events/process-event.job.js';
import type { PaymentProvider } from '../payment-provider.js';
import type { RevenueKind } from '../revenue.table.js';
import { createStripeProvider } from './stripe-provider.js';
import { registerStripeWebhookRoutes } from './stripe-webhook.routes.js';
import { buildStripeEvent, type StripeObject } from './test-fixtures/fake-stripe-objects.js';
import {
  type FakeStripeServer,
  startFakeStripeServer,
} from './test-fixtures/fake-stripe-server.js';
import { createMemoryLimitStore } from '../../platform/limits/memory-limit-store.js';
import { createRateLimits } from '../../platform/limits/rate-limits.js';

// End to end through Stripe's shapes: our checkout → the fake Stripe account changes → a
// signed webhook → the recorded event → the processing job re-fetching from the fake.

const secret = 'whsec_test_flow';
const logger = createLogger('silent');

describeEachDialect('Stripe events end to end (fake Stripe server)', (getDatabase) => {
  let fake: FakeStripeServer;
  let payments: PaymentProvider;
  let app: FastifyInstance;
  let deps: ProcessDeps;
  before(async () => {
    fake = await startFakeStripeServer();
    payments = createStripeProvider({
      secretKey: 'sk_test_flow',
      webhookSecret: secret,
      baseUrl: 'http://news.test',
      ...fake.connection,
    });
    deps = { database: getDatabase(), payments, now: () => new Date(), logger };
    app = Fastify();
    app.setErrorHandler(apiErrorHandler);
    const limits = createRateLimits({ store: createMemoryLimitStore() });
    await registerStripeWebhookRoutes(app, { ...deps, limits });
    await app.ready();
  });
  after(async () => {
    await app.close();
    await fake.close();
  });
  const db = () => getDatabase().db;

  /** What POST /support/checkout does: our checkout row, then a Stripe Checkout Session. */
  async function startCheckout(kind: RevenueKind, amount: number, email: string) {
    const id = randomUUID();
    const interval = kind === 'donation' ? null : 'month';
    await db()
      .insertInto('checkouts')
      .values({
        id,
        provider: 'stripe',
        provider_session_id: null,
        member_id: null,
        email,
        kind,
        tier_id: kind === 'membership' ? 'member' : '',
        interval,
        amount,
        currency: 'USD',
        article_id: null,
        prompt: 'after-body',
        page: '/a-story/',
        created_at: new Date().toISOString(),
        completed_at: null,
      })
      .execute();
    const { sessionId } = await payments.createCheckout({
      checkoutId: id,
      kind,
      amount,
      currency: 'USD',
      ...(interval ? { interval } : {}),
      description: kind,
      email,
      metadata: {
        checkout_id: id,
        kind,
        tier_id: kind === 'membership' ? 'member' : '',
        prompt: 'after-body',
        page: '/a-story/',
      },
      successUrl: '/support/thanks',
      cancelUrl: '/support/',
    });
    await db()
      .updateTable('checkouts')
      .set({ provider_session_id: sessionId })
      .where('id', '=', id)
      .execute();
    return { checkoutId: id, sessionId };
  }

  async function deliver(event: Record<string, unknown>) {
    const payload = JSON.stringify(event);
    const response = await app.inject({
      method: 'POST',
      url: '/webhooks/stripe',
      payload,
      headers: {
        'content-type': 'application/json',
        'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload, secret }),
      },
    });
    assert.equal(response.statusCode, 200, response.body);
  }

  /** Runs the queued processing jobs the way the worker does, then marks them done. */
  async function runProcessingJobs(): Promise<number> {
    const jobs = await db()
      .selectFrom('jobs')
      .selectAll()
      .where('name', '=', processEventJob.name)
      .where('status', '=', 'queued')
      .orderBy('id')
      .execute();
    for (const job of jobs) {
      const payload = processEventJob.payload.parse(
        (JSON.parse(job.payload) as { data: unknown }).data,
      );
      await processEventJob.handler(payload, deps, {
        jobId: job.id,
        attempt: 1,
        logger,
        signal: new AbortController().signal,
      });
      await db()
        .updateTable('jobs')
        .set({ status: 'done', finished_at: new Date().toISOString() })
        .where('id', '=', job.id)
        .execute();
    }
    return jobs.length;
  }

  const object = (id: string): StripeObject => {
    const found = fake.account.get(id);
    assert.ok(found, `fake Stripe has ${id}`);
    return found;
  };
  const paymentRow = (providerPaymentId: string) =>
    db()
      .selectFrom('payments')
      .selectAll()
      .where('provider', '=', 'stripe')
      .where('provider_payment_id', '=', providerPaymentId)
      .executeTakeFirst();
  const subscriptionRow = (id: string) =>
    db()
      .selectFrom('revenue_subscriptions')
      .selectAll()
      .where('provider_subscription_id', '=', id)
      .executeTakeFirst();
  async function snapshotCounts() {
    const count = async (
      table: 'payments' | 'revenue_subscriptions' | 'members' | 'payment_events' | 'jobs',
    ) =>
      Number(
        (
          await db()
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return {
      payments: await count('payments'),
      subscriptions: await count('revenue_subscriptions'),
      members: await count('members'),
      events: await count('payment_events'),
      jobs: await count('jobs'),
    };
  }

  async function completedDonation(email: string, amount = 100) {
    const { checkoutId, sessionId } = await startCheckout('donation', amount, email);
    const ids = fake.account.completeCheckoutSession(sessionId, { email, name: 'Donor' });
    const event = buildStripeEvent('checkout.session.completed', object(sessionId));
    await deliver(event);
    await runProcessingJobs();
    return { checkoutId, sessionId, event, ...ids };
  }

  async function completedMembership(email: string) {
    const { checkoutId, sessionId } = await startCheckout('membership', 500, email);
    const ids = fake.account.completeCheckoutSession(sessionId, { email });
    await deliver(buildStripeEvent('checkout.session.completed', object(sessionId)));
    await runProcessingJobs();
    return {
      checkoutId,
      sessionId,
      ...ids,
      subscriptionId: ids.subscriptionId ?? '',
      invoiceId: ids.invoiceId ?? '',
    };
  }

  test('a delayed payment method: nothing recorded at checkout.session.completed while the money is on its way, one payment at async_payment_succeeded', async () => {
    const { sessionId } = await startCheckout('donation', 500, 'sepa@example.org');
    const { paymentIntentId = '' } = fake.account.completeCheckoutSession(sessionId, {
      email: 'sepa@example.org',
    });
    fake.account.update(paymentIntentId, { status: 'processing' });
    fake.account.update(sessionId, { payment_status: 'unpaid' });
    await deliver(buildStripeEvent('checkout.session.completed', object(sessionId)));
    await runProcessingJobs();
    assert.equal(await paymentRow(paymentIntentId), undefined);

    fake.account.update(paymentIntentId, { status: 'succeeded' });
    fake.account.update(sessionId, { payment_status: 'paid' });
    const succeeded = buildStripeEvent(
      'checkout.session.async_payment_succeeded',
      object(sessionId),
    );
    await deliver(succeeded);
    await deliver(succeeded);
    await runProcessingJobs();
    const payment = await paymentRow(paymentIntentId);
    assert.equal(payment?.amount, 500);
    assert.equal(payment?.status, 'succeeded');
  });

  test('checkout.session.completed (one-time $1) → a payment, a member linked to the customer, the checkout complete', async () => {
    const { checkoutId, paymentIntentId, chargeId, customerId } =
      await completedDonation('donor@example.org');
    const payment = await paymentRow(paymentIntentId);
    assert.equal(payment?.amount, 100);
    assert.equal(payment?.currency, 'USD');
    assert.equal(payment?.status, 'succeeded');
    assert.equal(payment?.kind, 'donation');
    assert.equal(payment?.prompt, 'after-body');
    assert.equal(payment?.receipt_url, `${fake.url}/receipts/${chargeId}`);
    const member = await db()
      .selectFrom('members')
      .selectAll()
      .where('email', '=', 'donor@example.org')
      .executeTakeFirstOrThrow();
    assert.equal(member.provider_customer_id, customerId);
    assert.equal(payment?.member_id, member.id);
    const checkout = await db()
      .selectFrom('checkouts')
      .selectAll()
      .where('id', '=', checkoutId)
      .executeTakeFirstOrThrow();
    assert.equal(checkout.status, 'complete');
    assert.equal(checkout.member_id, member.id);
  });

  test('the same event re-delivered after the commit (a crash before the 2xx), and its job re-run → nothing changes', async () => {
    const { event, paymentIntentId } = await completedDonation('again@example.org', 300);
    const before = await snapshotCounts();
    const payment = await paymentRow(paymentIntentId);
    await deliver(event);
    await deliver(event);
    assert.equal(await runProcessingJobs(), 0, 'no new job for a known event');
    // The job itself running twice (worker died after the commit, before marking it done):
    assert.equal(
      await processPaymentEvent(deps, { provider: 'stripe', eventId: event.id as string }, logger),
      'already-processed',
    );
    assert.deepEqual(await snapshotCounts(), before);
    assert.deepEqual(await paymentRow(paymentIntentId), payment);
  });

  test('customer.subscription.updated delivered before .created → one subscription in the final state', async () => {
    const { sessionId } = await startCheckout('membership', 500, 'member@example.org');
    const { subscriptionId = '' } = fake.account.completeCheckoutSession(sessionId, {
      email: 'member@example.org',
    });
    const created = buildStripeEvent('customer.subscription.created', object(subscriptionId));
    fake.account.update(subscriptionId, { cancel_at_period_end: true });
    const updated = buildStripeEvent('customer.subscription.updated', object(subscriptionId), {
      previousAttributes: { cancel_at_period_end: false },
    });
    await deliver(updated);
    assert.equal(await runProcessingJobs(), 1);
    await deliver(created);
    assert.equal(await runProcessingJobs(), 1);
    const rows = await db()
      .selectFrom('revenue_subscriptions')
      .selectAll()
      .where('provider_subscription_id', '=', subscriptionId)
      .execute();
    assert.equal(rows.length, 1);
    assert.equal(rows[0]?.status, 'active');
    assert.equal(rows[0]?.cancel_at_period_end, 1);
    assert.equal(rows[0]?.kind, 'membership');
    assert.equal(rows[0]?.tier_id, 'member');
    const member = await db()
      .selectFrom('members')
      .selectAll()
      .where('id', '=', rows[0]?.member_id ?? 0)
      .executeTakeFirstOrThrow();
    assert.equal(member.email, 'member@example.org');
    assert.equal(member.status, 'paying');
  });

  test('an event two days late carrying stale data → the current state is fetched and applied', async () => {
    const { subscriptionId } = await completedMembership('late@example.org');
    const staleCopy = { ...object(subscriptionId), status: 'past_due' };
    // Since then the card was fixed and the subscription is active again.
    const late = buildStripeEvent('customer.subscription.updated', staleCopy, {
      created: new Date(Date.now() - 2 * 24 * 3600 * 1000),
    });
    await deliver(late);
    await runProcessingJobs();
    const row = await subscriptionRow(subscriptionId);
    assert.equal(row?.status, 'active');
    const event = await db()
      .selectFrom('payment_events')
      .selectAll()
      .where('event_id', '=', late.id as string)
      .executeTakeFirstOrThrow();
    assert.notEqual(event.processed_at, null);
    assert.equal(new Date(event.event_created_at).getTime(), (late.created as number) * 1000);
  });

  test('invoice.paid for the first invoice records the membership payment once', async () => {
    const { invoiceId, subscriptionId } = await completedMembership('invoice@example.org');
    await deliver(buildStripeEvent('invoice.paid', object(invoiceId)));
    await runProcessingJobs();
    await deliver(buildStripeEvent('invoice.paid', object(invoiceId)));
    await runProcessingJobs();
    const payment = await paymentRow(invoiceId);
    assert.equal(payment?.amount, 500);
    assert.equal(payment?.kind, 'membership');
    assert.equal(payment?.subscription_id, (await subscriptionRow(subscriptionId))?.id);
    const all = await db()
      .selectFrom('payments')
      .selectAll()
      .where('provider_payment_id', '=', invoiceId)
      .execute();
    assert.equal(all.length, 1);
  });

  test('invoice.payment_failed → the subscription is past_due', async () => {
    const { subscriptionId } = await completedMembership('failing@example.org');
    const renewal = fake.account.createRenewalInvoice(subscriptionId, 'open');
    fake.account.update(subscriptionId, { status: 'past_due', latest_invoice: renewal.id });
    await deliver(buildStripeEvent('invoice.payment_failed', renewal));
    await runProcessingJobs();
    assert.equal((await subscriptionRow(subscriptionId))?.status, 'past_due');
    assert.equal(await paymentRow(renewal.id), undefined, 'no payment for an unpaid invoice');
  });

  test('charge.refunded on a one-time donation → the payment is refunded', async () => {
    const { chargeId, paymentIntentId } = await completedDonation('refund@example.org', 2500);
    fake.account.refundCharge(chargeId);
    await deliver(buildStripeEvent('charge.refunded', object(chargeId)));
    await runProcessingJobs();
    const payment = await paymentRow(paymentIntentId);
    assert.equal(payment?.status, 'refunded');
    assert.equal(payment?.amount_refunded, 2500);
  });

  test('charge.refunded (partial) on a membership invoice → found through invoice payments, partially refunded', async () => {
    const { chargeId, invoiceId } = await completedMembership('partial@example.org');
    await deliver(buildStripeEvent('invoice.paid', object(invoiceId)));
    await runProcessingJobs();
    fake.account.refundCharge(chargeId, 200);
    await deliver(buildStripeEvent('charge.refunded', object(chargeId)));
    await runProcessingJobs();
    const payment = await paymentRow(invoiceId);
    assert.equal(payment?.status, 'partially_refunded');
    assert.equal(payment?.amount_refunded, 200);
  });
});
