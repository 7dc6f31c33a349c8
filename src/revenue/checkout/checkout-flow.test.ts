import assert from 'node:assert/strict';
import { runQueuedJobs } from '../../test-support/run-jobs.js';
import { after, before, it } from 'node:test';
import { describeEachDialect } from '../../platform/db/test-databases.js';
import { createMailTransport, type MailTransport } from '../../platform/mail/mail-transport.js';
import { type SmtpSink, startSmtpSink } from '../../platform/mail/test-fixtures/smtp-sink.js';
import { buildTestApp, type TestApp } from '../../test-support/test-app.js';

// The whole sandbox flow through HTTP: the support form → checkout → TEST MODE card page →
// events → job → payment, member and email; subscriptions through the sandbox billing portal.

const origin = 'http://news.test';
const formHeaders = { 'content-type': 'application/x-www-form-urlencoded', origin };
const encode = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const path = (url: string) => url.replace(origin, '');

describeEachDialect('checkout and the sandbox provider', (getDatabase) => {
  let sink: SmtpSink;
  let mail: MailTransport;
  let t: TestApp;
  let ip = 0;

  before(async () => {
    sink = await startSmtpSink();
    mail = createMailTransport({
      smtpUrl: sink.url,
      dataDir: '/nonexistent',
      mailFrom: 'News <news@news.test>',
    });
    t = await buildTestApp(getDatabase(), { mail });
  });
  after(async () => {
    await t.close();
    await mail.close();
    await sink.close();
  });

  function checkout(fields: Record<string, string>, headers: Record<string, string> = {}) {
    return t.app.inject({
      method: 'POST',
      url: '/support/checkout',
      remoteAddress: `10.1.0.${(ip += 1)}`,
      headers: { ...formHeaders, ...headers },
      payload: encode(fields),
    });
  }

  function pay(url: string, card: Record<string, string>) {
    return t.app.inject({
      method: 'POST',
      url: path(url),
      remoteAddress: `10.2.0.${(ip += 1)}`,
      headers: formHeaders,
      payload: encode({ name: 'Olena Reader', expiry: '12/40', cvc: '123', ...card }),
    });
  }

  it('answers bad support forms with 422 and a message, as JSON and as a page', async () => {
    const cases: Array<[Record<string, string>, string, RegExp]> = [
      [{ kind: 'donation', amount: '0.50' }, 'amount', /smallest amount is \$1/],
      [{ kind: 'donation', amount: 'abc' }, 'amount', /as a number/],
      [{ kind: 'donation', amount: '-5' }, 'amount', /cannot be negative/],
      [{ kind: 'donation', amount: '1e9' }, 'amount', /as a number/],
      [{ kind: 'donation', amount: '99999999' }, 'amount', /largest amount/],
      [
        { kind: 'donation', amount: '5', currency: 'EUR' },
        'currency',
        /We accept payments in USD\./,
      ],
      [
        { kind: 'donation', amount: '5', currency: 'XYZ' },
        'currency',
        /We accept payments in USD\./,
      ],
      [{ kind: 'membership', tier: 'nope', interval: 'month' }, 'tier', /membership tiers/],
      [{ kind: 'membership', tier: 'member', interval: 'week' }, 'interval', /monthly or yearly/],
      [{ kind: 'gift' }, 'kind', /membership or a donation/],
      [{ kind: 'donation', amount: '5', email: 'not an address' }, 'email', /name@example\.org/],
    ];
    for (const [fields, field, message] of cases) {
      const json = await checkout(fields, { accept: 'application/json' });
      assert.equal(json.statusCode, 422, JSON.stringify(fields));
      const body = json.json() as { error: string; field: string };
      assert.equal(body.field, field, JSON.stringify(fields));
      assert.match(body.error, message);
      const page = await checkout(fields);
      assert.equal(page.statusCode, 422);
      assert.match(page.headers['content-type'] as string, /text\/html/);
      assert.match(page.body, /href="\/support\/"/, 'the page offers a way back');
    }
    const kept = await checkout({
      kind: 'donation',
      amount: 'abc',
      email: 'a@b.org',
      prompt: 'inline',
    });
    assert.match(
      kept.body,
      /name="amount" value="abc" aria-invalid="true" aria-describedby="checkout-amount-error"/,
    );
    assert.match(kept.body, /name="email" autocomplete="email" value="a@b.org"/);
    assert.match(kept.body, /name="prompt" value="inline"/);
    const rows = await getDatabase().db.selectFrom('checkouts').select('id').execute();
    assert.equal(rows.length, 0, 'no checkout is recorded for a bad form');
  });

  it('refuses a form posted from another site', async () => {
    const answer = await checkout(
      { kind: 'donation', amount: '5' },
      { origin: 'https://evil.example' },
    );
    assert.equal(answer.statusCode, 403);
    const json = await checkout(
      { kind: 'donation', amount: '5' },
      { origin: 'https://evil.example', accept: 'application/json' },
    );
    assert.match((json.json() as { error: string }).error, /our own pages/);
  });

  it('takes a $1 donation with the 4242 card: payment, member, receipt email, cookie', async () => {
    const start = await checkout({
      kind: 'donation',
      amount: '1',
      email: 'Reader@Example.org',
      prompt: 'after-body',
      page: '/some-story/',
      article_id: '7',
      cover_fee: '1',
    });
    assert.equal(start.statusCode, 303);
    const location = start.headers.location as string;
    assert.match(
      location,
      /^http:\/\/news\.test\/support\/sandbox\/checkout\/cs_test_[0-9a-f]{24}$/,
    );
    const page = await t.app.inject({ url: path(location) });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<title>TEST MODE — /);
    assert.match(page.body, /class="sandbox-banner"/);
    assert.match(page.body, /One-time donation/);
    assert.match(page.body, /\$1\.34/, 'the amount includes the processing fee');
    assert.match(page.body, /value="reader@example\.org"/, 'the email is prefilled');

    const declined = await pay(location, {
      email: 'reader@example.org',
      number: '4000 0000 0000 0002',
    });
    assert.equal(declined.statusCode, 402);
    assert.match(declined.body, /Your card was declined\. Try another card\./);
    assert.match(declined.body, /aria-describedby="card-number-error"/);
    const invalid = await pay(location, {
      email: 'reader@example.org',
      number: '4242 4242 4242 4241',
    });
    assert.equal(invalid.statusCode, 422);
    assert.match(invalid.body, /Your card number is incomplete or invalid\./);
    const expired = await pay(location, {
      email: 'reader@example.org',
      number: '4242424242424242',
      expiry: '01/20',
    });
    assert.equal(expired.statusCode, 422);
    assert.match(expired.body, /expiry date is in the past/);
    assert.doesNotMatch(expired.body, /4242424242424242/, 'the card number is never echoed');
    await runQueuedJobs(t.services);
    assert.equal((await getDatabase().db.selectFrom('payments').selectAll().execute()).length, 0);

    const paid = await pay(location, {
      email: 'reader@example.org',
      number: '4242 4242 4242 4242',
    });
    assert.equal(paid.statusCode, 303);
    const thanksUrl = paid.headers.location as string;
    assert.match(thanksUrl, /\/support\/thank-you\?checkout=[0-9a-f-]{36}$/);
    // Before the job runs, the thank-you page asks the provider and shows the paid state.
    const early = await t.app.inject({ url: path(thanksUrl) });
    assert.equal(early.statusCode, 200);
    assert.match(early.body, /Your donation of \$1\.34 has been received/);
    assert.equal(early.headers['cache-control'], 'no-store');
    const donor = early.cookies.find((c) => c.name === 'masthead_donor');
    assert.equal(donor?.value, '1');
    assert.equal(donor?.sameSite, 'Lax');
    assert.equal(donor?.httpOnly, undefined);

    await runQueuedJobs(t.services);
    const { db } = getDatabase();
    const payments = await db.selectFrom('payments').selectAll().execute();
    assert.equal(payments.length, 1);
    const [payment] = payments;
    assert.equal(payment?.amount, 134);
    assert.equal(payment?.fee_amount, 34);
    assert.equal(payment?.kind, 'donation');
    assert.equal(payment?.prompt, 'after-body');
    assert.equal(payment?.page, '/some-story/');
    assert.equal(payment?.article_id, 7);
    assert.match(payment?.receipt_url ?? '', /\/support\/sandbox\/receipt\/ch_/);
    const member = await db.selectFrom('members').selectAll().executeTakeFirstOrThrow();
    assert.equal(member.email, 'reader@example.org');
    assert.equal(member.status, 'free', 'a one-time donor is not a paying member');
    assert.match(member.provider_customer_id ?? '', /^cus_/);
    const checkoutRow = await db.selectFrom('checkouts').selectAll().executeTakeFirstOrThrow();
    assert.equal(checkoutRow.status, 'complete');

    const receipt = await sink.waitFor(1);
    assert.deepEqual(receipt.recipients, ['reader@example.org']);
    assert.match(receipt.parsed.subject ?? '', /Thank you for your donation/);
    assert.match(receipt.parsed.text ?? '', /\$1\.34/);
    assert.match(receipt.parsed.text ?? '', /TEST MODE/);
    assert.match(receipt.parsed.text ?? '', /\/support\/sandbox\/receipt\/ch_/);
    const receiptPage = await t.app.inject({ url: path(payment?.receipt_url ?? '') });
    assert.equal(receiptPage.statusCode, 200);
    assert.match(receiptPage.body, /TEST MODE/);
    assert.match(receiptPage.body, /Card ending in 4242/);

    const again = await pay(location, { email: 'reader@example.org', number: '4242424242424242' });
    assert.equal(again.statusCode, 409, 'a paid checkout cannot be paid twice');
  });

  it('makes a paying member; a failed renewal, a cancellation and the end each reach the member', async () => {
    const start = await checkout(
      { kind: 'membership', tier: 'member', interval: 'month', amount: '0.01' },
      { accept: 'application/json' },
    );
    assert.equal(start.statusCode, 200);
    const { url } = start.json() as { url: string };
    const paid = await pay(url, { email: 'member@example.org', number: '4242424242424242' });
    assert.equal(paid.statusCode, 303);
    await runQueuedJobs(t.services);
    const { db } = getDatabase();
    const member = await db
      .selectFrom('members')
      .selectAll()
      .where('email', '=', 'member@example.org')
      .executeTakeFirstOrThrow();
    assert.equal(member.status, 'paying');
    const subscription = await db
      .selectFrom('revenue_subscriptions')
      .selectAll()
      .executeTakeFirstOrThrow();
    assert.equal(subscription.amount, 500, 'the price comes from the offers, not the form');
    assert.equal(subscription.status, 'active');
    assert.equal(subscription.tier_id, 'member');
    const thanks = await t.app.inject({ url: path(paid.headers.location as string) });
    assert.match(thanks.body, /You are now a Member member, for \$5 a month/);
    assert.equal(thanks.cookies.find((c) => c.name === 'masthead_member')?.value, 'paying');
    const welcome = sink.received.find((m) => m.recipients.includes('member@example.org'));
    assert.match(welcome?.parsed.subject ?? '', /Welcome to/);

    const portal = await t.services.payments.createPortalSession(
      member.provider_customer_id ?? '',
      `${origin}/account/`,
    );
    const portalPage = await t.app.inject({ url: path(portal.url) });
    assert.equal(portalPage.statusCode, 200);
    assert.match(portalPage.body, /TEST MODE/);
    assert.match(portalPage.body, /Simulate failed renewal/);
    const act = (action: string) =>
      t.app.inject({
        method: 'POST',
        url: path(portal.url),
        headers: formHeaders,
        payload: encode({ action, subscription: subscription.provider_subscription_id }),
      });
    const before = sink.received.length;
    assert.equal((await act('fail')).statusCode, 303);
    await runQueuedJobs(t.services);
    const pastDue = await db
      .selectFrom('revenue_subscriptions')
      .selectAll()
      .executeTakeFirstOrThrow();
    assert.equal(pastDue.status, 'past_due');
    const failedMail = await sink.waitFor(before + 1);
    assert.match(failedMail.parsed.subject ?? '', /did not go through/);
    assert.match(failedMail.parsed.text ?? '', /\/support\/sandbox\/invoice\/in_/);

    assert.equal((await act('cancel')).statusCode, 303);
    await runQueuedJobs(t.services);
    const canceled = await db
      .selectFrom('revenue_subscriptions')
      .selectAll()
      .executeTakeFirstOrThrow();
    assert.equal(canceled.cancel_at_period_end, 1);
    const cancelMail = await sink.waitFor(before + 2);
    assert.match(cancelMail.parsed.subject ?? '', /cancellation is confirmed/);
    assert.match(cancelMail.parsed.text ?? '', /stays active until/);

    assert.equal((await act('end')).statusCode, 303);
    await runQueuedJobs(t.services);
    const ended = await db
      .selectFrom('members')
      .select('status')
      .where('id', '=', member.id)
      .executeTakeFirstOrThrow();
    assert.equal(ended.status, 'lapsed');
    assert.equal(
      sink.received.length,
      before + 2,
      'the end after a cancellation sends no second email',
    );

    const stranger = await t.app.inject({
      url: '/support/sandbox/portal/bps_000000000000000000000000',
    });
    assert.equal(stranger.statusCode, 410);
  });
});
