import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import Stripe from 'stripe';
import { WebhookSignatureError } from '../payment-provider.js';
import { createStripeProvider } from './stripe-provider.js';
import { buildStripeEvent } from './test-fixtures/fake-stripe-objects.js';

// Webhook signatures are checked locally (no Stripe call): the official SDK's constructEvent
// with the default 300-second tolerance, every failure turned into WebhookSignatureError.

const webhookSecret = 'whsec_test_provider';
const provider = createStripeProvider({
  secretKey: 'sk_test_fake',
  webhookSecret,
  baseUrl: 'https://news.example.org',
});

describe('verifyWebhook', () => {
  const payloadOf = (event: unknown) => JSON.stringify(event);
  const event = buildStripeEvent(
    'invoice.paid',
    { id: 'in_123', object: 'invoice' },
    { id: 'evt_1', created: new Date('2026-11-25T10:00:00Z') },
  );

  test('a correctly signed event becomes a ProviderEvent', async () => {
    const payload = payloadOf(event);
    const header = Stripe.webhooks.generateTestHeaderString({ payload, secret: webhookSecret });
    const verified = await provider.verifyWebhook(Buffer.from(payload), header);
    assert.equal(verified.id, 'evt_1');
    assert.equal(verified.type, 'invoice.paid');
    assert.equal(verified.objectId, 'in_123');
    assert.equal(verified.created, '2026-11-25T10:00:00.000Z');
    assert.deepEqual(verified.raw, event);
  });

  test('missing, wrong-secret, tampered and stale signatures throw WebhookSignatureError', async () => {
    const payload = payloadOf(event);
    const body = Buffer.from(payload);
    await assert.rejects(provider.verifyWebhook(body, undefined), WebhookSignatureError);
    const wrong = Stripe.webhooks.generateTestHeaderString({ payload, secret: 'whsec_other' });
    await assert.rejects(provider.verifyWebhook(body, wrong), WebhookSignatureError);
    const good = Stripe.webhooks.generateTestHeaderString({ payload, secret: webhookSecret });
    await assert.rejects(
      provider.verifyWebhook(Buffer.from(payload.replace('in_123', 'in_999')), good),
      WebhookSignatureError,
    );
    const stale = Stripe.webhooks.generateTestHeaderString({
      payload,
      secret: webhookSecret,
      timestamp: Math.floor(Date.now() / 1000) - 301,
    });
    await assert.rejects(provider.verifyWebhook(body, stale), WebhookSignatureError);
    await assert.rejects(provider.verifyWebhook(body, 'garbage'), WebhookSignatureError);
  });
});
