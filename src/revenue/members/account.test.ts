import assert from 'node:assert/strict';
import { runQueuedJobs } from '../../test-support/run-jobs.js';
import { after, before, it } from 'node:test';
import { buildNewsletter } from '../../newsletters/test-fixtures/newsletter-factories.js';
import { loadPreferencesForAddress } from '../../newsletters/preferences.service.js';
import { describeEachDialect } from '../../platform/db/test-databases.js';
import { createMailTransport, type MailTransport } from '../../platform/mail/mail-transport.js';
import { startSmtpSink, type SmtpSink } from '../../platform/mail/test-fixtures/smtp-sink.js';
import { writeSiteSettings } from '../../platform/settings/site-settings.js';
import { buildTestApp, type TestApp } from '../../test-support/test-app.js';
import { findMemberByEmail, findOrCreateMember } from '../member.repository.js';
import { completeSandboxCheckout } from '../sandbox/sandbox-operations.js';
import { isSandboxProvider, type SandboxProvider } from '../sandbox/sandbox-provider.js';
import { origin, postForm, signInMember } from './test-fixtures/member-client.js';

// The account page against the real sandbox provider: a membership bought through a sandbox
// checkout (events delivered and processed by the revenue jobs), then managed from /account/.

describeEachDialect('member account page', (getDatabase) => {
  let sink: SmtpSink;
  let mail: MailTransport;
  let t: TestApp;
  let sandbox: SandboxProvider;
  let counter = 0;

  before(async () => {
    sink = await startSmtpSink();
    mail = createMailTransport({
      smtpUrl: sink.url,
      dataDir: '/nonexistent',
      mailFrom: 'Masthead <newsroom@news.test>',
    });
    t = await buildTestApp(getDatabase(), { mail });
    assert.ok(isSandboxProvider(t.services.payments));
    sandbox = t.services.payments;
    await writeSiteSettings(getDatabase().db, { timeZone: 'Pacific/Kiritimati' });
  });
  after(async () => {
    await t.close();
    await mail.close();
    await sink.close();
  });

  /** A member who bought the "Member" tier monthly through the sandbox checkout. */
  async function buildPayingMember() {
    counter += 1;
    const email = `paying${counter}@example.org`;
    const checkoutId = `00000000-0000-4000-9000-${String(counter).padStart(12, '0')}`;
    const { db } = getDatabase();
    await db
      .insertInto('checkouts')
      .values({
        id: checkoutId,
        provider: 'sandbox',
        provider_session_id: null,
        member_id: null,
        email,
        kind: 'membership',
        tier_id: 'member',
        interval: 'month',
        amount: 500,
        fee_amount: 0,
        currency: 'USD',
        article_id: null,
        prompt: '',
        page: '/',
        created_at: new Date().toISOString(),
        completed_at: null,
      })
      .execute();
    const session = await sandbox.createCheckout({
      checkoutId,
      kind: 'membership',
      amount: 500,
      currency: 'USD',
      interval: 'month',
      description: 'Member — monthly',
      email,
      metadata: { kind: 'membership', tier_id: 'member' },
      successUrl: `${origin}/support/thank-you`,
      cancelUrl: `${origin}/support/`,
    });
    await db
      .updateTable('checkouts')
      .set({ provider_session_id: session.sessionId })
      .where('id', '=', checkoutId)
      .execute();
    const events = await completeSandboxCheckout(sandbox.context, session.sessionId, {
      email,
      name: 'Paying Reader',
      last4: '4242',
    });
    await sandbox.deliver(events);
    await runQueuedJobs(t.services);
    const member = await findMemberByEmail(db, email);
    assert.equal(member?.status, 'paying', 'the checkout made a paying member');
    return { email, member };
  }

  it('shows the membership, next payment in the newsroom zone, and the payment with its receipt', async () => {
    const { email, member } = await buildPayingMember();
    const { db } = getDatabase();
    const sub = await db
      .selectFrom('revenue_subscriptions')
      .selectAll()
      .where('member_id', '=', member?.id ?? 0)
      .executeTakeFirstOrThrow();
    assert.ok(sub.current_period_end);
    const reader = await signInMember(t, sink, email);
    const page = await t.app.inject({
      method: 'GET',
      url: '/account/',
      headers: { cookie: `${reader.cookie}; masthead_member=free` },
    });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<h3>Member<\/h3>/, 'the tier name from the offers');
    assert.match(page.body, /\$5 a month/);
    // This browser's push alerts, driven by the footer's script (hidden without it).
    assert.match(page.body, /<section class="push-manage"[^>]* data-push-manage[^>]* hidden>/);
    assert.match(page.body, /<script src="\/push\/alerts\.[0-9a-f]{10}\.js" defer><\/script>/);
    const nextDate = new Intl.DateTimeFormat('en-US', {
      dateStyle: 'long',
      timeZone: 'Pacific/Kiritimati',
    }).format(new Date(sub.current_period_end));
    assert.ok(page.body.includes(`Next payment: ${nextDate}`), 'in the newsroom time zone');
    assert.match(page.body, /<td>Paid<\/td>/);
    assert.match(
      page.body,
      /href="http:\/\/news\.test\/support\/sandbox\/(receipt|invoice)\/[^"]+"/,
    );
    assert.match(page.body, />Manage billing<\/button>/);
    const hint = page.cookies.find((c) => c.name === 'masthead_member');
    assert.equal(hint?.value, 'paying', 'a stale hint cookie is brought up to date');
  });

  it('cancels at the period end after a confirm step; the page shows it at once', async () => {
    const { email, member } = await buildPayingMember();
    const { db } = getDatabase();
    const sub = await db
      .selectFrom('revenue_subscriptions')
      .selectAll()
      .where('member_id', '=', member?.id ?? 0)
      .executeTakeFirstOrThrow();
    const reader = await signInMember(t, sink, email);
    const csrf = await reader.csrf();

    const confirm = await t.app.inject({
      method: 'GET',
      url: `/account/cancel/${sub.id}`,
      headers: { cookie: reader.cookie },
    });
    assert.equal(confirm.statusCode, 200);
    assert.match(confirm.body, /Cancel this subscription\?/);
    assert.match(confirm.body, /Yes, cancel it/);
    const untouched = await sandbox.retrieveSubscription(sub.provider_subscription_id);
    assert.equal(untouched.cancelAtPeriodEnd, false, 'the confirm page changes nothing');

    for (const [form, headers] of [
      [{}, { origin }],
      [{ csrf: 'forged' }, { origin }],
      [{ csrf }, { origin: 'https://evil.example' }],
    ] as const) {
      const refused = await postForm(t, `/account/cancel/${sub.id}`, form, reader.cookie, headers);
      assert.equal(refused.statusCode, 403);
      assert.match(refused.body, /This form could not be accepted/);
    }
    assert.equal(
      (await sandbox.retrieveSubscription(sub.provider_subscription_id)).cancelAtPeriodEnd,
      false,
    );
    const stillOn = await db
      .selectFrom('revenue_subscriptions')
      .select('cancel_at_period_end')
      .where('id', '=', sub.id)
      .executeTakeFirstOrThrow();
    assert.equal(Number(stillOn.cancel_at_period_end), 0, 'nothing changed');

    const done = await postForm(t, `/account/cancel/${sub.id}`, { csrf }, reader.cookie);
    assert.equal(done.statusCode, 303);
    assert.equal(done.headers.location, '/account/?done=cancelled');
    assert.equal(
      (await sandbox.retrieveSubscription(sub.provider_subscription_id)).cancelAtPeriodEnd,
      true,
    );
    const page = await t.app.inject({
      method: 'GET',
      url: '/account/?done=cancelled',
      headers: { cookie: reader.cookie },
    });
    assert.match(page.body, /Done: it is cancelled/);
    assert.match(page.body, /Ends on .+\. You will not be charged again\./);
    assert.doesNotMatch(page.body, /Cancel membership/);

    await runQueuedJobs(t.services); // the provider's subscription.updated event agrees
    const after = await db
      .selectFrom('revenue_subscriptions')
      .select(['cancel_at_period_end', 'status'])
      .where('id', '=', sub.id)
      .executeTakeFirstOrThrow();
    assert.equal(Number(after.cancel_at_period_end), 1);
    assert.equal(after.status, 'active', 'paid-for time is kept');

    const twice = await postForm(t, `/account/cancel/${sub.id}`, { csrf }, reader.cookie);
    assert.equal(
      twice.statusCode,
      409,
      'an already cancelled subscription cannot be cancelled again',
    );
  });

  it('opens the billing portal for the member’s customer; refuses without a billing account', async () => {
    const { email } = await buildPayingMember();
    const reader = await signInMember(t, sink, email);
    const csrf = await reader.csrf();
    const forged = await postForm(t, '/account/billing', { csrf: 'nope' }, reader.cookie);
    assert.equal(forged.statusCode, 403);
    const portal = await postForm(t, '/account/billing', { csrf }, reader.cookie);
    assert.equal(portal.statusCode, 303);
    assert.match(
      portal.headers.location ?? '',
      /^http:\/\/news\.test\/support\/sandbox\/portal\/bps_/,
    );

    const free = await signInMember(t, sink, 'free-reader@example.org');
    const none = await postForm(t, '/account/billing', { csrf: await free.csrf() }, free.cookie);
    assert.equal(none.statusCode, 409);
    assert.match(none.body, /There is no billing account for you yet/);
  });

  it('changes newsletters with CSRF; escapes a hostile member name; shows refunds', async () => {
    const { db } = getDatabase();
    const letter = await buildNewsletter(db, { name: 'Morning <Brief>' });
    const email = 'hostile@example.org';
    const member = await findOrCreateMember(
      db,
      email,
      new Date().toISOString(),
      '<script>alert(1)</script>',
    );
    await db
      .insertInto('payments')
      .values({
        member_id: member.id,
        provider: 'sandbox',
        provider_payment_id: 'pi_test_refunded',
        kind: 'donation',
        subscription_id: null,
        amount: 2500,
        amount_refunded: 2500,
        currency: 'USD',
        status: 'refunded',
        receipt_url: 'javascript:alert(1)',
        checkout_id: null,
        article_id: null,
        paid_at: '2026-01-15T12:00:00.000Z',
        created_at: '2026-01-15T12:00:00.000Z',
        updated_at: '2026-01-15T12:00:00.000Z',
      })
      .execute();
    const reader = await signInMember(t, sink, email);
    const page = await t.app.inject({
      method: 'GET',
      url: '/account/',
      headers: { cookie: reader.cookie },
    });
    assert.ok(page.body.includes('&lt;script&gt;alert(1)&lt;/script&gt; (hostile@example.org)'));
    assert.doesNotMatch(page.body, /<script>alert/);
    assert.ok(page.body.includes('Morning &lt;Brief&gt;'));
    assert.match(page.body, /<td>One-time donation<\/td><td>\$25<\/td><td>Refunded<\/td>/);
    assert.doesNotMatch(page.body, /javascript:/, 'an unsafe receipt URL is not linked');

    const forged = await postForm(
      t,
      '/account/newsletters',
      { newsletters: letter.slug },
      reader.cookie,
    );
    assert.equal(forged.statusCode, 403);
    assert.equal(
      (await loadPreferencesForAddress(db, email)).find((c) => c.slug === letter.slug)?.active,
      false,
    );

    const csrf = await reader.csrf();
    const saved = await postForm(
      t,
      '/account/newsletters',
      { csrf, newsletters: letter.slug },
      reader.cookie,
    );
    assert.equal(saved.statusCode, 303);
    assert.equal(
      (await loadPreferencesForAddress(db, email)).find((c) => c.slug === letter.slug)?.active,
      true,
    );
    const after = await t.app.inject({
      method: 'GET',
      url: '/account/?done=newsletters',
      headers: { cookie: reader.cookie },
    });
    assert.match(after.body, /Your newsletter choices were saved\./);
    assert.match(after.body, new RegExp(`value="${letter.slug}" checked`));

    const unticked = await postForm(t, '/account/newsletters', { csrf }, reader.cookie);
    assert.equal(unticked.statusCode, 303);
    assert.equal(
      (await loadPreferencesForAddress(db, email)).find((c) => c.slug === letter.slug)?.active,
      false,
    );
  });

  it('a signed-in member who donates pays as themselves: their address and their customer', async () => {
    const { email, member } = await buildPayingMember();
    const reader = await signInMember(t, sink, email);
    const response = await postForm(
      t,
      '/support/checkout',
      { kind: 'donation', amount: '3', prompt: 'support-page', page: '/support/' },
      reader.cookie,
    );
    assert.equal(response.statusCode, 303, response.body);
    const sessionId = /\/support\/sandbox\/checkout\/([^/?#]+)/.exec(
      String(response.headers.location),
    )?.[1];
    assert.ok(sessionId, 'redirected to the sandbox checkout');
    const session = await sandbox.retrieveCheckoutSession(sessionId);
    assert.equal(session.customerId, member?.provider_customer_id);
    assert.equal(session.customerEmail, email);
  });

  it('sends a reader without a session to sign in', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/account/' });
    assert.equal(page.statusCode, 303);
    assert.equal(page.headers.location, '/account/sign-in');
    const post = await postForm(t, '/account/newsletters', { csrf: 'x' });
    assert.equal(post.statusCode, 303);
    const bogus = await t.app.inject({
      method: 'GET',
      url: '/account/',
      headers: { cookie: 'masthead_member_session=not-a-real-session' },
    });
    assert.equal(bogus.statusCode, 303);
  });
});
