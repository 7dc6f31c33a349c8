import assert from 'node:assert/strict';
import { runQueuedJobs } from '../../test-support/run-jobs.js';
import { after, before, it } from 'node:test';
import { describeEachDialect } from '../../platform/db/test-databases.js';
import { buildTestApp, signInAs, type TestApp } from '../../test-support/test-app.js';
import type { SandboxCheckoutSession } from '../sandbox/sandbox-objects.js';
import { completeSandboxCheckout, refundSandboxCharge } from '../sandbox/sandbox-operations.js';
import { isSandboxProvider, type SandboxProvider } from '../sandbox/sandbox-provider.js';
import { readSandboxObject } from '../sandbox/sandbox-store.js';
import { buildMember, buildPayment } from './test-fixtures/revenue-factories.js';

// Refunds from the admin against the sandbox provider: the API only asks the provider, and
// the payment row changes once the provider's charge.refunded event has been processed.

describeEachDialect('admin payment refunds (sandbox provider)', (getDatabase) => {
  let t: TestApp;
  let sandbox: SandboxProvider;
  let admin: Record<string, string>;
  let editor: Record<string, string>;
  let counter = 0;

  before(async () => {
    t = await buildTestApp(getDatabase());
    assert.ok(isSandboxProvider(t.services.payments));
    sandbox = t.services.payments;
    admin = (await signInAs(t, 'admin')).headers;
    editor = (await signInAs(t, 'editor')).headers;
  });
  after(() => t.close());

  /** A 10.00 USD sandbox payment, paid and processed: the local payment row. */
  async function paidPayment(kind: 'donation' | 'membership' = 'donation') {
    counter += 1;
    const checkoutId = `00000000-0000-4000-9000-${String(counter).padStart(12, '0')}`;
    const now = new Date().toISOString();
    const { db } = getDatabase();
    await db
      .insertInto('checkouts')
      .values({
        id: checkoutId,
        provider: 'sandbox',
        provider_session_id: null,
        member_id: null,
        email: '',
        kind,
        tier_id: kind === 'membership' ? 'member' : '',
        interval: kind === 'membership' ? 'month' : null,
        amount: 1000,
        fee_amount: 0,
        currency: 'USD',
        article_id: null,
        prompt: '',
        page: '/',
        created_at: now,
        completed_at: null,
      })
      .execute();
    const session = await sandbox.createCheckout({
      checkoutId,
      kind,
      amount: 1000,
      currency: 'USD',
      ...(kind === 'membership' ? { interval: 'month' as const } : {}),
      description: 'Test',
      metadata: { kind, tier_id: kind === 'membership' ? 'member' : '' },
      successUrl: 'http://news.test/support/thank-you',
      cancelUrl: 'http://news.test/support/',
    });
    await db
      .updateTable('checkouts')
      .set({ provider_session_id: session.sessionId })
      .where('id', '=', checkoutId)
      .execute();
    await sandbox.deliver(
      await completeSandboxCheckout(sandbox.context, session.sessionId, {
        email: `refund${counter}@example.org`,
        name: 'Reader',
        last4: '4242',
      }),
    );
    await runQueuedJobs(t.services);
    const completed = await readSandboxObject<SandboxCheckoutSession>(
      db,
      session.sessionId,
      'checkout.session',
    );
    const member = await db
      .selectFrom('members')
      .selectAll()
      .where('email', '=', `refund${counter}@example.org`)
      .executeTakeFirstOrThrow();
    const payment = await db
      .selectFrom('payments')
      .selectAll()
      .where('member_id', '=', member.id)
      .executeTakeFirstOrThrow();
    if (kind === 'donation') assert.equal(payment.provider_payment_id, completed?.payment_intent);
    else assert.match(payment.provider_payment_id, /^in_/);
    return payment;
  }

  const reload = (id: number) =>
    getDatabase()
      .db.selectFrom('payments')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();

  const refund = (
    payment: { id: number; member_id: number },
    body: Record<string, unknown> = {},
    headers: Record<string, string> = admin,
  ) =>
    t.app.inject({
      method: 'POST',
      url: `/api/admin/members/${payment.member_id}/payments/${payment.id}/refund`,
      headers,
      payload: body,
    });

  it('a partial then a full refund: 202, and the row changes only once the event is processed', async () => {
    const payment = await paidPayment();
    const partial = await refund(payment, { amount: '2.50' });
    assert.equal(partial.statusCode, 202, partial.body);
    assert.deepEqual(partial.json(), { status: 'requested' });
    assert.equal((await reload(payment.id)).amount_refunded, 0, 'not before the event job');
    await runQueuedJobs(t.services);
    let row = await reload(payment.id);
    assert.equal(row.amount_refunded, 250);
    assert.equal(row.status, 'partially_refunded');

    const rest = await refund(payment);
    assert.equal(rest.statusCode, 202, rest.body);
    await runQueuedJobs(t.services);
    row = await reload(payment.id);
    assert.equal(row.amount_refunded, 1000);
    assert.equal(row.status, 'refunded');

    const again = await refund(payment);
    assert.equal(again.statusCode, 409, again.body);
    assert.match(again.json<{ message: string }>().message, /already been refunded in full/);
  });

  it('refunds a subscription payment (an invoice) in full', async () => {
    const payment = await paidPayment('membership');
    const response = await refund(payment, { amount: '' });
    assert.equal(response.statusCode, 202, response.body);
    await runQueuedJobs(t.services);
    const row = await reload(payment.id);
    assert.equal(row.status, 'refunded');
    assert.equal(row.amount_refunded, 1000);
  });

  it('422 for an amount above what is left, zero or not a number', async () => {
    const payment = await paidPayment();
    const above = await refund(payment, { amount: '10.01' });
    assert.equal(above.statusCode, 422, above.body);
    const body = above.json<{ message: string; fields: Record<string, string[]> }>();
    assert.deepEqual(body.fields.amount, ['At most $10 is left to refund on this payment.']);
    for (const amount of ['0', 'ten', '-1', '1.234']) {
      const response = await refund(payment, { amount });
      assert.equal(response.statusCode, 422, `${amount}: ${response.body}`);
    }
    assert.equal((await reload(payment.id)).amount_refunded, 0);
  });

  it('only admins, signed in, with the CSRF token', async () => {
    const payment = await paidPayment();
    assert.equal((await refund(payment, {}, editor)).statusCode, 403);
    assert.equal((await refund(payment, {}, {})).statusCode, 401);
    const noCsrf = await refund(payment, {}, { cookie: admin.cookie ?? '' });
    assert.equal(noCsrf.statusCode, 403);
    assert.match(noCsrf.body, /CSRF/);
    await runQueuedJobs(t.services);
    assert.equal((await reload(payment.id)).amount_refunded, 0);
  });

  it('404 for a payment of another member, 409 for a failed payment', async () => {
    const payment = await paidPayment();
    const other = await buildMember(getDatabase().db);
    const wrong = await refund({ id: payment.id, member_id: other.id });
    assert.equal(wrong.statusCode, 404, wrong.body);
    const failed = await buildPayment(getDatabase().db, other.id, { status: 'failed' });
    const response = await refund(failed);
    assert.equal(response.statusCode, 409, response.body);
    assert.match(response.json<{ message: string }>().message, /failed/);
  });

  it('502 with the reason when the provider refuses', async () => {
    const payment = await paidPayment();
    // Refunded at the provider already; the event has not been processed here yet.
    const intent = await sandbox.retrievePaymentIntent(payment.provider_payment_id);
    const chargeId = /receipt\/(ch_[0-9a-f]+)/.exec(intent.receiptUrl ?? '')?.[1] ?? '';
    await refundSandboxCharge(sandbox.context, chargeId);
    const response = await refund(payment);
    assert.equal(response.statusCode, 502, response.body);
    assert.match(
      response.json<{ message: string }>().message,
      /refused the refund: Nothing is left to refund/,
    );
  });
});
