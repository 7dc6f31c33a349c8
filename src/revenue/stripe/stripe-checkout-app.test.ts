import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import Stripe from 'stripe';
import { describeEachDialect } from '../../platform/db/test-databases.js';
import { buildTestApp, type TestApp } from '../../test-support/test-app.js';
import { processEventJob } from '../events/process-event.job.js';
import { createStripeProvider } from './stripe-provider.js';
import { buildStripeEvent, obj, str } from './test-fixtures/fake-stripe-objects.js';
import {
  type FakeStripeServer,
  startFakeStripeServer,
} from './test-fixtures/fake-stripe-server.js';

// The whole app with Stripe keys: the support form goes to Stripe Checkout (the fake), Stripe's
// webhook comes back through the real route, the job records it, the thank-you page shows it.

const secret = 'whsec_test_app';

describeEachDialect('The app with Stripe keys', (getDatabase) => {
  let fake: FakeStripeServer;
  let t: TestApp;
  before(async () => {
    fake = await startFakeStripeServer();
    const payments = createStripeProvider({
      secretKey: 'sk_test_app',
      webhookSecret: secret,
      baseUrl: 'http://news.test',
      ...fake.connection,
    });
    t = await buildTestApp(getDatabase(), { payments });
  });
  after(async () => {
    await t.close();
    await fake.close();
  });

  const checkoutForm = (fields: Record<string, string>) =>
    t.app.inject({
      method: 'POST',
      url: '/support/checkout',
      payload: new URLSearchParams(fields).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://news.test' },
    });

  async function runProcessingJobs() {
    const { db } = getDatabase();
    const jobs = await db
      .selectFrom('jobs')
      .selectAll()
      .where('name', '=', processEventJob.name)
      .where('status', '=', 'queued')
      .execute();
    for (const job of jobs) {
      const payload = processEventJob.payload.parse(
        (JSON.parse(job.payload) as { data: unknown }).data,
      );
      await processEventJob.handler(payload, t.services, {
        jobId: job.id,
        attempt: 1,
        logger: t.services.logger,
        signal: new AbortController().signal,
      });
      await db.updateTable('jobs').set({ status: 'done' }).where('id', '=', job.id).execute();
    }
  }

  test('give $1 → Stripe Checkout → signed webhook → payment recorded → thank-you page with the receipt', async () => {
    const response = await checkoutForm({
      kind: 'donation',
      amount: '1',
      email: 'Reader@Example.org',
      page: '/a-story/',
    });
    assert.equal(response.statusCode, 303, response.body);
    const location = String(response.headers.location);
    assert.ok(location.startsWith(`${fake.url}/pay/cs_test_`), location);
    const sent = fake.requests.at(-1);
    assert.equal(sent?.path, '/v1/checkout/sessions');
    assert.equal(sent?.params.mode, 'payment');
    assert.equal(
      str(obj(obj((sent?.params.line_items as never[])[0]).price_data).unit_amount),
      '100',
    );
    assert.equal(sent?.params.customer_email, 'reader@example.org');
    const checkoutId = str(obj(sent?.params.metadata).checkout_id) ?? '';
    assert.equal(sent?.idempotencyKey, `checkout:${checkoutId}`);
    assert.equal(
      sent?.params.success_url,
      `http://news.test/support/thank-you?checkout=${checkoutId}`,
    );

    const sessionId = location.split('/').at(-1) ?? '';
    const { chargeId } = fake.account.completeCheckoutSession(sessionId);
    const payload = JSON.stringify(
      buildStripeEvent(
        'checkout.session.completed',
        fake.account.get(sessionId) ?? { id: '', object: '' },
      ),
    );
    const webhook = await t.app.inject({
      method: 'POST',
      url: '/webhooks/stripe',
      payload,
      headers: {
        'content-type': 'application/json',
        'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload, secret }),
      },
    });
    assert.equal(webhook.statusCode, 200, webhook.body);
    await runProcessingJobs();

    const payment = await getDatabase()
      .db.selectFrom('payments')
      .selectAll()
      .where('checkout_id', '=', checkoutId)
      .executeTakeFirstOrThrow();
    assert.equal(payment.provider, 'stripe');
    assert.equal(payment.amount, 100);
    assert.equal(payment.page, '/a-story/');
    const thanks = await t.app.inject({
      method: 'GET',
      url: `/support/thank-you?checkout=${checkoutId}`,
    });
    assert.equal(thanks.statusCode, 200);
    assert.ok(
      thanks.body.includes(`${fake.url}/receipts/${chargeId}`),
      'receipt link on the thank-you page',
    );
  });

  test('becoming a member goes to a subscription-mode session', async () => {
    const response = await checkoutForm({ kind: 'membership', tier: 'member', interval: 'year' });
    assert.equal(response.statusCode, 303, response.body);
    const sent = fake.requests.at(-1);
    assert.equal(sent?.params.mode, 'subscription');
    assert.deepEqual(obj(obj(obj((sent?.params.line_items as never[])[0]).price_data).recurring), {
      interval: 'year',
    });
    assert.equal(obj(obj(sent?.params.subscription_data).metadata).tier_id, 'member');
  });
});
