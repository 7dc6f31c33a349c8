import assert from 'node:assert/strict';
import { runQueuedJobs } from '../../test-support/run-jobs.js';
import { after, before, it } from 'node:test';
import { describeEachDialect } from '../../platform/db/test-databases.js';
import { buildTestApp, type TestApp } from '../../test-support/test-app.js';
import type { SandboxCheckoutSession } from '../sandbox/sandbox-objects.js';
import {
  cancelSandboxSubscription,
  completeSandboxCheckout,
  paySandboxInvoice,
  refundSandboxCharge,
  renewSandboxSubscription,
} from '../sandbox/sandbox-operations.js';
import { isSandboxProvider, type SandboxProvider } from '../sandbox/sandbox-provider.js';
import { readSandboxObject } from '../sandbox/sandbox-store.js';
import {
  buildSandboxEvent,
  type SandboxEvent,
  signSandboxPayload,
} from '../sandbox/sandbox-webhook.js';
import { WebhookSignatureError } from '../payment-provider.js';
import { receiveProviderEvent } from './receive-event.js';

// Event intake and processing against the sandbox provider: duplicates, order, lateness,
// redelivery after a crash, refunds and unknown types all end in one correct state.

describeEachDialect('payment event processing', (getDatabase) => {
  let t: TestApp;
  let sandbox: SandboxProvider;
  let counter = 0;

  before(async () => {
    t = await buildTestApp(getDatabase());
    assert.ok(isSandboxProvider(t.services.payments));
    sandbox = t.services.payments;
  });
  after(() => t.close());

  /** A paid sandbox checkout whose events are returned, not delivered. */
  async function paidCheckout(kind: 'donation' | 'membership') {
    counter += 1;
    const checkoutId = `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`;
    const now = new Date().toISOString();
    await getDatabase()
      .db.insertInto('checkouts')
      .values({
        id: checkoutId,
        provider: 'sandbox',
        provider_session_id: null,
        member_id: null,
        email: '',
        kind,
        tier_id: kind === 'membership' ? 'member' : '',
        interval: kind === 'membership' ? 'month' : null,
        amount: 500,
        fee_amount: 0,
        currency: 'USD',
        article_id: null,
        prompt: 'banner',
        page: '/',
        created_at: now,
        completed_at: null,
      })
      .execute();
    const session = await sandbox.createCheckout({
      checkoutId,
      kind,
      amount: 500,
      currency: 'USD',
      ...(kind === 'membership' ? { interval: 'month' as const } : {}),
      description: 'Test',
      metadata: { kind, tier_id: kind === 'membership' ? 'member' : '' },
      successUrl: 'http://news.test/support/thank-you',
      cancelUrl: 'http://news.test/support/',
    });
    await getDatabase()
      .db.updateTable('checkouts')
      .set({ provider_session_id: session.sessionId })
      .where('id', '=', checkoutId)
      .execute();
    const events = await completeSandboxCheckout(sandbox.context, session.sessionId, {
      email: `reader${counter}@example.org`,
      name: 'Reader',
      last4: '4242',
    });
    return {
      checkoutId,
      sessionId: session.sessionId,
      events,
      email: `reader${counter}@example.org`,
    };
  }

  const byType = (events: SandboxEvent[], type: string) => {
    const found = events.find((e) => e.type === type);
    assert.ok(found, `an ${type} event`);
    return found;
  };

  async function snapshot() {
    const { db } = getDatabase();
    return {
      members: await db.selectFrom('members').selectAll().orderBy('id').execute(),
      subscriptions: await db
        .selectFrom('revenue_subscriptions')
        .selectAll()
        .orderBy('id')
        .execute(),
      payments: await db.selectFrom('payments').selectAll().orderBy('id').execute(),
      notices: await db.selectFrom('revenue_notices').selectAll().orderBy('key').execute(),
    };
  }

  it('refuses a sandbox event with a bad or stale signature', async () => {
    const event = buildSandboxEvent('invoice.paid', { id: 'in_x', object: 'invoice' }, new Date());
    const body = Buffer.from(JSON.stringify(event));
    await assert.rejects(
      sandbox.verifyWebhook(
        body,
        signSandboxPayload('not the secret', body.toString(), new Date()),
      ),
      WebhookSignatureError,
    );
    await assert.rejects(sandbox.verifyWebhook(body, undefined), WebhookSignatureError);
    const verified = await sandbox.verifyWebhook(body, await signedLike(body));
    assert.equal(verified.id, event.id);
    assert.equal(verified.objectId, 'in_x');
  });

  /** A valid signature, obtained the way the sandbox signs (its secret is in settings). */
  async function signedLike(body: Buffer) {
    const row = await getDatabase()
      .db.selectFrom('settings')
      .select('value')
      .where('key', '=', 'revenue-sandbox-webhook-secret')
      .executeTakeFirstOrThrow();
    return signSandboxPayload(JSON.parse(row.value) as string, body.toString(), new Date());
  }

  it('processes the same event three times into one state, and a redelivery after a crash changes nothing', async () => {
    const { events, checkoutId, email } = await paidCheckout('donation');
    const completed = byType(events, 'checkout.session.completed');
    await sandbox.deliver([completed, completed, completed]);
    await runQueuedJobs(t.services);
    const first = await snapshot();
    const payments = first.payments.filter((p) => p.checkout_id === checkoutId);
    assert.equal(payments.length, 1);
    assert.equal(payments[0]?.prompt, 'banner', 'attribution is copied from the checkout');
    assert.equal(first.members.filter((m) => m.email === email).length, 1);
    assert.equal(
      first.notices.filter((n) =>
        n.key.startsWith(`receipt:sandbox:${payments[0]?.provider_payment_id}`),
      ).length,
      1,
    );
    // The process died after commit, before answering: the provider sends the event again.
    const body = Buffer.from(JSON.stringify(completed));
    const again = await sandbox.verifyWebhook(body, await signedLike(body));
    assert.equal(await receiveProviderEvent(t.services, sandbox, again), 'duplicate');
    await sandbox.deliver(events);
    await runQueuedJobs(t.services);
    assert.deepEqual(await snapshot(), first);
    const emailJobs = await getDatabase()
      .db.selectFrom('jobs')
      .select('id')
      .where('name', '=', 'revenue.email')
      .where('idempotency_key', '=', `receipt:sandbox:${payments[0]?.provider_payment_id}`)
      .execute();
    assert.equal(emailJobs.length, 1, 'one receipt email job');
  });

  it('applies "updated" before "created" and a two-day-late event to the correct final state', async () => {
    const { events, email } = await paidCheckout('membership');
    const subscriptionId = (
      byType(events, 'customer.subscription.created').data.object as { id: string }
    ).id;
    const { events: cancelEvents } = await cancelSandboxSubscription(
      sandbox.context,
      subscriptionId,
    );
    // The cancellation's "updated" arrives first; "created" and the rest come later.
    await sandbox.deliver(cancelEvents);
    await runQueuedJobs(t.services);
    await sandbox.deliver(events);
    await runQueuedJobs(t.services);
    const { db } = getDatabase();
    const row = await db
      .selectFrom('revenue_subscriptions')
      .selectAll()
      .where('provider_subscription_id', '=', subscriptionId)
      .executeTakeFirstOrThrow();
    assert.equal(row.cancel_at_period_end, 1, 'the later "created" did not undo the cancellation');
    assert.equal(row.status, 'active');
    const member = await db
      .selectFrom('members')
      .selectAll()
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    assert.equal(member.status, 'paying');
    // A renewal fails, then is paid; the failure's event is delivered two days late.
    const failed = await renewSandboxSubscription(sandbox.context, subscriptionId, 'failed');
    const lateFailure = byType(failed, 'invoice.payment_failed');
    lateFailure.created -= 2 * 24 * 60 * 60;
    const invoiceId = (lateFailure.data.object as { id: string }).id;
    await sandbox.deliver(await paySandboxInvoice(sandbox.context, invoiceId, '4242'));
    await runQueuedJobs(t.services);
    await sandbox.deliver(failed);
    await runQueuedJobs(t.services);
    const after = await db
      .selectFrom('revenue_subscriptions')
      .selectAll()
      .where('provider_subscription_id', '=', subscriptionId)
      .executeTakeFirstOrThrow();
    assert.equal(after.status, 'active', 'the late failure does not make the member past_due');
    const notices = await db.selectFrom('revenue_notices').select('key').execute();
    assert.ok(
      !notices.some((n) => n.key === `payment-failed:sandbox:${invoiceId}`),
      'no payment-failed email for an invoice that is paid by the time we look',
    );
    const paidInvoices = await db
      .selectFrom('payments')
      .selectAll()
      .where('subscription_id', '=', after.id)
      .execute();
    assert.equal(paidInvoices.length, 2, 'the first invoice and the renewal, once each');
  });

  it('records partial and full refunds from charge.refunded', async () => {
    const { events, sessionId } = await paidCheckout('donation');
    await sandbox.deliver(events);
    await runQueuedJobs(t.services);
    const session = await readSandboxObject<SandboxCheckoutSession>(
      getDatabase().db,
      sessionId,
      'checkout.session',
    );
    const intent = await sandbox.retrievePaymentIntent(session?.payment_intent ?? '');
    const chargeId = /receipt\/(ch_[0-9a-f]+)/.exec(intent.receiptUrl ?? '')?.[1] ?? '';
    const payment = () =>
      getDatabase()
        .db.selectFrom('payments')
        .selectAll()
        .where('provider_payment_id', '=', intent.id)
        .executeTakeFirstOrThrow();
    const partial = await refundSandboxCharge(sandbox.context, chargeId, 200);
    await sandbox.deliver([...partial, ...partial]);
    await runQueuedJobs(t.services);
    assert.equal((await payment()).amount_refunded, 200);
    assert.equal((await payment()).status, 'partially_refunded');
    await sandbox.deliver(await refundSandboxCharge(sandbox.context, chargeId));
    await runQueuedJobs(t.services);
    // The earlier partial event delivered late again: the re-fetch still says "all refunded".
    await sandbox.deliver(partial.map((e) => ({ ...e, id: `${e.id}_late` })));
    await runQueuedJobs(t.services);
    assert.equal((await payment()).amount_refunded, 500);
    assert.equal((await payment()).status, 'refunded');
  });

  it('records an unknown event type, marks it processed and changes nothing', async () => {
    const before = await snapshot();
    const event = buildSandboxEvent(
      'customer.tax_id.created',
      { id: 'txi_1', object: 'tax_id' },
      new Date(),
    );
    await sandbox.deliver([event]);
    await runQueuedJobs(t.services);
    const row = await getDatabase()
      .db.selectFrom('payment_events')
      .selectAll()
      .where('event_id', '=', event.id)
      .executeTakeFirstOrThrow();
    assert.notEqual(row.processed_at, null);
    assert.equal(row.type, 'customer.tax_id.created');
    assert.deepEqual(await snapshot(), before);
  });
});
