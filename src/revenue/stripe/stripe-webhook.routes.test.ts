import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import Stripe from 'stripe';
import { apiErrorHandler } from '../../admin/api-errors.js';
import type { DatabaseHandle } from '../../platform/db/database.js';
import { describeEachDialect } from '../../platform/db/test-databases.js';
import { createLogger } from '../../platform/logger.js';
import { buildTestApp } from '../../test-support/test-app.js';
import { createStripeProvider } from './stripe-provider.js';
import { registerStripeWebhookRoutes } from './stripe-webhook.routes.js';
import { buildStripeEvent, fakeId } from './test-fixtures/fake-stripe-objects.js';
import {
  type FakeStripeServer,
  startFakeStripeServer,
} from './test-fixtures/fake-stripe-server.js';
import { createMemoryLimitStore } from '../../platform/limits/memory-limit-store.js';
import { createRateLimits } from '../../platform/limits/rate-limits.js';

const secret = 'whsec_test_webhook_route';

/** A small app: the webhook plugin beside an ordinary JSON route, as in the real app. */
async function buildWebhookApp(
  database: DatabaseHandle,
  fake: FakeStripeServer,
): Promise<FastifyInstance> {
  const app = Fastify();
  app.setErrorHandler(apiErrorHandler);
  app.post('/echo', async (request) => ({ parsed: request.body }));
  const payments = createStripeProvider({
    secretKey: 'sk_test_route',
    webhookSecret: secret,
    baseUrl: 'http://news.test',
    ...fake.connection,
  });
  await registerStripeWebhookRoutes(app, {
    payments,
    database,
    now: () => new Date(),
    logger: createLogger('silent'),
    limits: createRateLimits({ store: createMemoryLimitStore() }),
  });
  await app.ready();
  return app;
}

function signedDelivery(event: unknown, options: { timestamp?: number; secret?: string } = {}) {
  const payload = JSON.stringify(event);
  const signature = Stripe.webhooks.generateTestHeaderString({
    payload,
    secret: options.secret ?? secret,
    ...(options.timestamp !== undefined ? { timestamp: options.timestamp } : {}),
  });
  return { payload, signature };
}

describeEachDialect('POST /webhooks/stripe', (getDatabase) => {
  let fake: FakeStripeServer;
  let app: FastifyInstance;
  before(async () => {
    fake = await startFakeStripeServer();
    app = await buildWebhookApp(getDatabase(), fake);
  });
  after(async () => {
    await app.close();
    await fake.close();
  });

  const post = (
    payload: string,
    signature?: string,
    contentType = 'application/json; charset=utf-8',
  ) =>
    app.inject({
      method: 'POST',
      url: '/webhooks/stripe',
      payload,
      headers: {
        'content-type': contentType,
        ...(signature !== undefined ? { 'stripe-signature': signature } : {}),
      },
    });
  const eventRows = (eventId: string) =>
    getDatabase()
      .db.selectFrom('payment_events')
      .selectAll()
      .where('event_id', '=', eventId)
      .execute();
  const jobRows = (eventId: string) =>
    getDatabase()
      .db.selectFrom('jobs')
      .selectAll()
      .where('name', '=', 'revenue.process-event')
      .where('idempotency_key', '=', `stripe:${eventId}`)
      .execute();
  const buildEvent = () =>
    buildStripeEvent('invoice.paid', { id: fakeId('in'), object: 'invoice' });

  test('a correctly signed event → 200 {received:true}, one payment_events row and one processing job', async () => {
    const event = buildEvent();
    const { payload, signature } = signedDelivery(event);
    const response = await post(payload, signature);
    assert.equal(response.statusCode, 200, response.body);
    assert.deepEqual(response.json(), { received: true });
    const [row, ...more] = await eventRows(event.id as string);
    assert.equal(more.length, 0);
    assert.equal(row?.provider, 'stripe');
    assert.equal(row?.type, 'invoice.paid');
    assert.equal(row?.object_id, (event.data as { object: { id: string } }).object.id);
    assert.equal(row?.processed_at, null);
    assert.deepEqual(JSON.parse(row?.payload ?? ''), event);
    const jobs = await jobRows(event.id as string);
    assert.equal(jobs.length, 1);
    assert.deepEqual(JSON.parse(jobs[0]?.payload ?? '').data, {
      provider: 'stripe',
      eventId: event.id,
    });
  });

  test('the same event delivered three times → 200 each time, one row, one job', async () => {
    const event = buildEvent();
    for (let i = 0; i < 3; i += 1) {
      const { payload, signature } = signedDelivery(event);
      const response = await post(payload, signature);
      assert.equal(response.statusCode, 200);
    }
    assert.equal((await eventRows(event.id as string)).length, 1);
    assert.equal((await jobRows(event.id as string)).length, 1);
  });

  test('a bad signature → 400 and no row', async () => {
    const event = buildEvent();
    const { payload, signature } = signedDelivery(event, { secret: 'whsec_somebody_else' });
    const response = await post(payload, signature);
    assert.equal(response.statusCode, 400);
    assert.equal(response.json().error, 'bad_signature');
    assert.match(response.json().message, /signature/i);
    assert.equal((await eventRows(event.id as string)).length, 0);
  });

  test('a body changed after signing → 400 and no row', async () => {
    const event = buildEvent();
    const { payload, signature } = signedDelivery(event);
    const response = await post(
      payload.replace('invoice.paid', 'invoice.payment_failed'),
      signature,
    );
    assert.equal(response.statusCode, 400);
    assert.equal((await eventRows(event.id as string)).length, 0);
  });

  test('a stale signature (older than 300 s) → 400 and no row', async () => {
    const event = buildEvent();
    const { payload, signature } = signedDelivery(event, {
      timestamp: Math.floor(Date.now() / 1000) - 301,
    });
    const response = await post(payload, signature);
    assert.equal(response.statusCode, 400);
    assert.equal((await eventRows(event.id as string)).length, 0);
  });

  test('a missing Stripe-Signature header → 400 and no row', async () => {
    const event = buildEvent();
    const response = await post(JSON.stringify(event));
    assert.equal(response.statusCode, 400);
    assert.match(response.json().message, /missing/i);
    assert.equal((await eventRows(event.id as string)).length, 0);
  });

  test('a non-JSON content type still gets the signature check (400), not a 415', async () => {
    const response = await post('hello', 't=1,v1=abc', 'text/plain');
    assert.equal(response.statusCode, 400);
    assert.equal(response.json().error, 'bad_signature');
  });

  test('a body over 1 MB → 413', async () => {
    const response = await post(JSON.stringify({ pad: 'x'.repeat(1024 * 1024) }), 't=1,v1=abc');
    assert.equal(response.statusCode, 413);
  });

  test('60 bad signatures a minute from one address → 429 for it, unchecked; others go on', async () => {
    const event = buildEvent();
    const bad = signedDelivery(event, { secret: 'whsec_somebody_else' });
    const from = (remoteAddress: string, delivery: { payload: string; signature: string }) =>
      app.inject({
        method: 'POST',
        url: '/webhooks/stripe',
        payload: delivery.payload,
        remoteAddress,
        headers: { 'content-type': 'application/json', 'stripe-signature': delivery.signature },
      });
    for (let i = 0; i < 60; i += 1)
      assert.equal((await from('198.51.100.60', bad)).statusCode, 400);
    const blocked = await from('198.51.100.60', signedDelivery(event));
    assert.equal(blocked.statusCode, 429, 'even a good signature waits');
    assert.equal((await eventRows(event.id as string)).length, 0);
    assert.equal((await from('198.51.100.61', signedDelivery(event))).statusCode, 200);
  });

  test('JSON routes outside the webhook plugin still get parsed JSON', async () => {
    const response = await app.inject({ method: 'POST', url: '/echo', payload: { a: 1 } });
    assert.deepEqual(response.json(), { parsed: { a: 1 } });
  });
});

describeEachDialect('POST /webhooks/stripe in the app without Stripe keys', (getDatabase) => {
  test('answers 503 with a message and records nothing', async () => {
    const t = await buildTestApp(getDatabase());
    try {
      const event = buildStripeEvent('invoice.paid', { id: 'in_1', object: 'invoice' });
      const { payload, signature } = signedDelivery(event);
      const response = await t.app.inject({
        method: 'POST',
        url: '/webhooks/stripe',
        payload,
        headers: { 'content-type': 'application/json', 'stripe-signature': signature },
      });
      assert.equal(response.statusCode, 503);
      assert.equal(response.json().error, 'stripe_not_configured');
      assert.match(response.json().message, /STRIPE_SECRET_KEY/);
      const rows = await getDatabase().db.selectFrom('payment_events').selectAll().execute();
      assert.equal(rows.length, 0);
    } finally {
      await t.close();
    }
  });
});
