import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeEachDialect } from '../../platform/db/test-databases.js';
import { buildTestApp, type TestApp } from '../../test-support/test-app.js';
import type { SandboxCheckoutSession } from './sandbox-objects.js';
import { completeSandboxCheckout, SandboxCheckoutExpiredError } from './sandbox-operations.js';
import { isSandboxProvider } from './sandbox-provider.js';
import { readSandboxObject, writeSandboxObject } from './sandbox-store.js';

// A sandbox checkout session can be paid for 24 hours only, as a Stripe one: afterwards its
// page answers 410 with the "closed" message and paying it is refused.

const origin = 'http://news.test';
const formHeaders = { 'content-type': 'application/x-www-form-urlencoded', origin };
const encode = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const closed = /This checkout is closed: it has been paid or has expired\./;
const card = {
  email: 'reader@example.org',
  name: 'Olena Reader',
  number: '4242 4242 4242 4242',
  expiry: '12/40',
  cvc: '123',
};

describeEachDialect('sandbox checkout expiry', (getDatabase) => {
  let t: TestApp;
  let ip = 0;

  before(async () => {
    t = await buildTestApp(getDatabase());
  });
  after(() => t.close());

  /** Starts a $5 donation and returns its sandbox checkout session. */
  async function startCheckout(): Promise<SandboxCheckoutSession> {
    const start = await t.app.inject({
      method: 'POST',
      url: '/support/checkout',
      remoteAddress: `10.3.0.${(ip += 1)}`,
      headers: formHeaders,
      payload: encode({ kind: 'donation', amount: '5', email: card.email }),
    });
    assert.equal(start.statusCode, 303, start.body);
    const id = (start.headers.location as string).split('/').pop() ?? '';
    const session = await readSandboxObject<SandboxCheckoutSession>(
      getDatabase().db,
      id,
      'checkout.session',
    );
    assert.ok(session);
    return session;
  }

  const page = (session: SandboxCheckoutSession) =>
    t.app.inject({ url: `/support/sandbox/checkout/${session.id}` });
  const pay = (session: SandboxCheckoutSession) =>
    t.app.inject({
      method: 'POST',
      url: `/support/sandbox/checkout/${session.id}`,
      remoteAddress: `10.4.0.${(ip += 1)}`,
      headers: formHeaders,
      payload: encode(card),
    });
  const payments = async () =>
    (
      await getDatabase()
        .db.selectFrom('sandbox_objects')
        .select('id')
        .where('type', '=', 'charge')
        .execute()
    ).length;

  it('refuses a session past its expires_at with 410 and the closed message', async () => {
    const session = await startCheckout();
    assert.equal((await page(session)).statusCode, 200, 'a fresh session can be paid');
    const past = Math.floor(Date.now() / 1000) - 60;
    await writeSandboxObject(getDatabase().db, { ...session, expires_at: past }, new Date());
    const shown = await page(session);
    assert.equal(shown.statusCode, 410);
    assert.match(shown.body, closed);
    const paid = await pay(session);
    assert.equal(paid.statusCode, 410);
    assert.match(paid.body, closed);
    assert.equal(await payments(), 0, 'nothing was charged');
  });

  it('refuses a session marked expired, and one created over 24 hours ago', async () => {
    const marked = await startCheckout();
    await writeSandboxObject(getDatabase().db, { ...marked, status: 'expired' }, new Date());
    assert.equal((await pay(marked)).statusCode, 410);

    const old = await startCheckout();
    const dayAgo = Math.floor(Date.now() / 1000) - 24 * 3600 - 1;
    // A long expires_at does not help: 24 hours after creation the session is closed.
    await writeSandboxObject(
      getDatabase().db,
      { ...old, created: dayAgo, expires_at: dayAgo + 7 * 24 * 3600 },
      new Date(),
    );
    const refused = await pay(old);
    assert.equal(refused.statusCode, 410);
    assert.match(refused.body, closed);
    assert.equal(await payments(), 0);
  });

  it('the sandbox itself refuses to complete a session once its clock passes 24 hours', async () => {
    const session = await startCheckout();
    const provider = t.services.payments;
    assert.ok(isSandboxProvider(provider));
    const tomorrow = new Date(Date.now() + 24 * 3600 * 1000 + 1000);
    await assert.rejects(
      completeSandboxCheckout({ ...provider.context, now: () => tomorrow }, session.id, {
        email: card.email,
        name: card.name,
        last4: '4242',
      }),
      SandboxCheckoutExpiredError,
    );
    const stored = await readSandboxObject<SandboxCheckoutSession>(
      getDatabase().db,
      session.id,
      'checkout.session',
    );
    assert.equal(stored?.status, 'open', 'the session is left as it was');
    // Within its 24 hours the same session is paid as usual.
    const paid = await pay(session);
    assert.equal(paid.statusCode, 303, paid.body);
  });
});
