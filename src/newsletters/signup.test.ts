import assert from 'node:assert/strict';
import { runQueuedJobs } from '../test-support/run-jobs.js';
import { after, before, it } from 'node:test';
import { describeEachDialect } from '../platform/db/test-databases.js';
import { createMailTransport, type MailTransport } from '../platform/mail/mail-transport.js';
import { type SmtpSink, startSmtpSink } from '../platform/mail/test-fixtures/smtp-sink.js';
import { buildArticle, buildTestApp, buildToken, type TestApp } from '../test-support/test-app.js';
import { createManageToken, loadSigningSecret } from './newsletter-tokens.js';

const origin = 'http://news.test';
const form = (fields: Record<string, string | string[]>) => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(fields))
    for (const v of Array.isArray(value) ? value : [value]) params.append(key, v);
  return params.toString();
};
const formHeaders = { 'content-type': 'application/x-www-form-urlencoded', origin };

describeEachDialect('newsletter signup, double opt-in and unsubscribe', (getDatabase) => {
  let sink: SmtpSink;
  let mail: MailTransport;
  let t: TestApp;
  let token: string;

  before(async () => {
    sink = await startSmtpSink();
    mail = createMailTransport({
      smtpUrl: sink.url,
      dataDir: '/nonexistent',
      mailFrom: 'News <news@news.test>',
    });
    t = await buildTestApp(getDatabase(), { mail });
    token = await buildToken(getDatabase(), 'editor');
  });
  after(async () => {
    await t.close();
    await mail.close();
    await sink.close();
  });

  let ip = 0;
  async function subscribe(
    email: string,
    json: boolean,
    extra: Record<string, string> = {},
    remoteAddress = `10.0.0.${(ip += 1)}`,
  ) {
    return t.app.inject({
      method: 'POST',
      remoteAddress,
      url: '/newsletters/subscribe',
      headers: { ...formHeaders, ...(json ? { accept: 'application/json' } : {}) },
      payload: form({ email, newsletters: 'daily', location: 'test', ...extra }),
    });
  }

  it('lets an editor create a newsletter, which appears in the article and home slots', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/admin/newsletters',
      headers: { authorization: `Bearer ${token}` },
      payload: {
        name: 'The Daily',
        slug: 'daily',
        description: 'Every <morning>',
        signup_default: true,
        welcome_subject: 'Welcome!',
        welcome_text: 'Hello.',
      },
    });
    assert.equal(created.statusCode, 201, created.body);
    const article = await buildArticle(getDatabase());
    const page = await t.app.inject({ url: `/${article.slug}/` });
    assert.match(page.body, /id="nl-article-email"/);
    assert.match(page.body, /name="newsletters" value="daily"/);
    assert.match(page.body, /Every &lt;morning&gt;/);
    const home = await t.app.inject({ url: '/' });
    assert.match(home.body, /id="nl-home-email"/);
    assert.doesNotMatch(home.body, /id="nl-article-email"/);
    const listing = await t.app.inject({ url: '/newsletters/' });
    assert.equal(listing.statusCode, 200);
    assert.match(listing.body, /The Daily/);
    const contributor = await buildToken(getDatabase(), 'author');
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/admin/newsletters',
      headers: { authorization: `Bearer ${contributor}` },
      payload: { name: 'X' },
    });
    assert.equal(refused.statusCode, 403);
  });

  it('signs up without JavaScript, emails a link whose GET does not subscribe and whose POST does', async () => {
    const answer = await subscribe('Reader.One@Example.org', false, { name: 'Reader One' });
    assert.equal(answer.statusCode, 303);
    assert.equal(answer.headers.location, '/newsletters/thanks');
    await runQueuedJobs(t.services);
    const message = await sink.waitFor(1);
    assert.deepEqual(message.recipients, ['reader.one@example.org']);
    const link = /https?:\/\/\S+\/newsletters\/confirm\?token=\S+/.exec(
      message.parsed.text ?? '',
    )?.[0];
    assert.ok(link, 'the confirmation email carries a link');
    const path = link.replace(origin, '');
    const status = async () =>
      (
        await getDatabase()
          .db.selectFrom('subscriptions')
          .innerJoin('subscribers', 'subscribers.id', 'subscriptions.subscriber_id')
          .select('subscriptions.status')
          .where('subscribers.email', '=', 'reader.one@example.org')
          .executeTakeFirstOrThrow()
      ).status;

    const shown = await t.app.inject({ url: path });
    assert.equal(shown.statusCode, 200);
    assert.match(shown.body, /<button type="submit">Confirm subscription<\/button>/);
    // no-referrer would make Chromium post the form with `Origin: null`, which is refused.
    assert.equal(shown.headers['referrer-policy'], 'same-origin');
    assert.equal(await status(), 'pending', 'a GET (a link scanner) must not subscribe');

    const tokenValue = new URL(link).searchParams.get('token') ?? '';
    const confirmed = await t.app.inject({
      method: 'POST',
      url: '/newsletters/confirm',
      headers: formHeaders,
      payload: form({ token: tokenValue }),
    });
    assert.equal(confirmed.statusCode, 200);
    assert.match(confirmed.body, /Subscription confirmed/);
    assert.equal(await status(), 'active');
    const again = await t.app.inject({
      method: 'POST',
      url: '/newsletters/confirm',
      headers: formHeaders,
      payload: form({ token: tokenValue }),
    });
    assert.match(again.body, /already used/);
    const forged = await t.app.inject({
      method: 'POST',
      url: '/newsletters/confirm',
      headers: formHeaders,
      payload: form({ token: `${tokenValue.slice(0, -2)}xx` }),
    });
    assert.equal(forged.statusCode, 400);

    await runQueuedJobs(t.services);
    const welcome = await sink.waitFor(2);
    assert.equal(welcome.parsed.subject, 'Welcome!');

    const consent = await t.app.inject({
      url: '/api/admin/newsletter-subscribers?q=reader.one',
      headers: { authorization: `Bearer ${token}` },
    });
    const body = consent.json() as {
      subscribers: Array<{
        name: string;
        consent: Array<{
          consent_text: string;
          location: string;
          confirmed_at: string | null;
          user_agent: string;
        }>;
      }>;
    };
    assert.equal(body.subscribers[0]?.name, 'Reader One');
    assert.match(body.subscribers[0]?.consent[0]?.consent_text ?? '', /confirmation email first/);
    assert.equal(body.subscribers[0]?.consent[0]?.location, 'test');
    assert.ok(body.subscribers[0]?.consent[0]?.confirmed_at);
  });

  it('answers a new and an already-subscribed address identically', async () => {
    const before = sink.received.length;
    const known = await subscribe('reader.one@example.org', true);
    const fresh = await subscribe('brand.new@example.org', true);
    assert.equal(known.statusCode, 202);
    assert.equal(fresh.statusCode, 202);
    assert.equal(known.body, fresh.body);
    assert.deepEqual(Object.keys(known.headers).sort(), Object.keys(fresh.headers).sort());
    await runQueuedJobs(t.services);
    await sink.waitFor(before + 1);
    assert.deepEqual(
      sink.received.slice(before).map((m) => m.recipients[0]),
      ['brand.new@example.org'],
    );
  });

  it('refuses invalid addresses with 422 and an accessible message, in JSON and in HTML', async () => {
    for (const bad of [
      '',
      'plainaddress',
      'a@b',
      'reader@localhost',
      '"q"@example.org',
      'x@-bad.org',
      'a..b@example.org',
      'reader@[127.0.0.1]',
    ]) {
      const answer = await subscribe(bad, true);
      assert.equal(answer.statusCode, 422, bad);
      const body = answer.json() as { ok: boolean; fields: { email: string[] } };
      assert.equal(body.ok, false);
      assert.ok((body.fields.email[0] ?? '').length > 10);
    }
    const page = await subscribe('not-an-address', false);
    assert.equal(page.statusCode, 422);
    assert.match(page.body, /aria-invalid="true"/);
    assert.match(
      page.body,
      /id="nl-page-email-error" role="alert">Please enter an email address like/,
    );
    assert.match(page.body, /value="not-an-address"/);
  });

  it('limits signups per IP address', async () => {
    const answers = [];
    for (let i = 0; i < 11; i += 1)
      answers.push((await subscribe(`flood${i}@example.org`, true, {}, '192.0.2.9')).statusCode);
    assert.deepEqual(answers.slice(0, 10), Array(10).fill(202));
    assert.equal(answers[10], 429);
  });

  it('refuses cross-site posts and ignores the honeypot', async () => {
    const cross = await t.app.inject({
      method: 'POST',
      url: '/newsletters/subscribe',
      headers: { ...formHeaders, origin: 'https://evil.example' },
      payload: form({ email: 'x@example.org', newsletters: 'daily' }),
    });
    assert.equal(cross.statusCode, 403);
    const bot = await subscribe('bot@example.org', false, { website: 'http://spam' });
    assert.equal(bot.statusCode, 303);
    const row = await getDatabase()
      .db.selectFrom('subscribers')
      .select('id')
      .where('email', '=', 'bot@example.org')
      .executeTakeFirst();
    assert.equal(row, undefined);
  });

  it('unsubscribes with one click (RFC 8058) and from the preferences page', async () => {
    const db = getDatabase().db;
    const subscriber = await db
      .selectFrom('subscribers')
      .selectAll()
      .where('email', '=', 'reader.one@example.org')
      .executeTakeFirstOrThrow();
    const newsletter = await db
      .selectFrom('newsletters')
      .select('id')
      .where('slug', '=', 'daily')
      .executeTakeFirstOrThrow();
    const secret = await loadSigningSecret(db);
    const manage = createManageToken(secret, subscriber.id, newsletter.id);
    const oneClick = await t.app.inject({
      method: 'POST',
      url: `/newsletters/unsubscribe?token=${manage}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    assert.equal(oneClick.statusCode, 200);
    assert.equal(oneClick.headers['set-cookie'], undefined);
    const row = await db
      .selectFrom('subscriptions')
      .select('status')
      .where('subscriber_id', '=', subscriber.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.status, 'unsubscribed');

    const prefs = createManageToken(secret, subscriber.id);
    const page = await t.app.inject({ url: `/newsletters/preferences?token=${prefs}` });
    assert.match(page.body, /reader\.one@example\.org/);
    const saved = await t.app.inject({
      method: 'POST',
      url: '/newsletters/preferences',
      headers: formHeaders,
      payload: form({ token: prefs, newsletters: 'daily', action: 'save' }),
    });
    assert.equal(saved.statusCode, 303);
    assert.equal(
      (
        await db
          .selectFrom('subscriptions')
          .select('status')
          .where('subscriber_id', '=', subscriber.id)
          .executeTakeFirstOrThrow()
      ).status,
      'active',
    );
    const all = await t.app.inject({
      method: 'POST',
      url: '/newsletters/preferences',
      headers: formHeaders,
      payload: form({ token: prefs, action: 'unsubscribe_all' }),
    });
    assert.equal(all.statusCode, 200);
    const suppressed = await db
      .selectFrom('suppressions')
      .selectAll()
      .where('email', '=', 'reader.one@example.org')
      .executeTakeFirst();
    assert.equal(suppressed?.reason, 'unsubscribed');
    const bad = await t.app.inject({ url: '/newsletters/preferences?token=m.1.forged' });
    assert.equal(bad.statusCode, 400);
  });

  it('imports CSV reporting bad rows by line, and exports with formulas escaped', async () => {
    const csv =
      'email,name,consent_text,consent_at\r\nok@example.org,"=HYPERLINK(""x"")",Signed up at the fair,2026-01-02T10:00:00Z\r\nnot-an-email,Bad,,\r\nsecond@example.org,Second,,\r\n';
    const imported = await t.app.inject({
      method: 'POST',
      url: '/api/admin/newsletter-subscribers/import',
      headers: { authorization: `Bearer ${token}` },
      payload: { csv, newsletters: ['daily'] },
    });
    assert.equal(imported.statusCode, 200, imported.body);
    const report = imported.json() as {
      imported: number;
      skipped: Array<{ line: number; reason: string }>;
    };
    assert.equal(report.imported, 2);
    assert.equal(report.skipped.length, 1);
    assert.equal(report.skipped[0]?.line, 3);
    const exported = await t.app.inject({
      url: '/api/admin/newsletter-subscribers/export',
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(exported.headers['content-type'], 'text/csv; charset=utf-8');
    assert.match(exported.body, /ok@example\.org,"'=HYPERLINK\(""x""\)",active,daily/);
  });
});
