import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, it } from 'node:test';
import { describeEachDialect } from '../../platform/db/test-databases.js';
import { createMailTransport, type MailTransport } from '../../platform/mail/mail-transport.js';
import { startSmtpSink, type SmtpSink } from '../../platform/mail/test-fixtures/smtp-sink.js';
import { writeSiteSettings } from '../../platform/settings/site-settings.js';
import { buildTestApp, type TestApp } from '../../test-support/test-app.js';
import { findOrCreateMember } from '../member.repository.js';
import {
  askForLink,
  freshIp,
  origin,
  postForm,
  setCookies,
  signInMember,
  tokenFromMail,
} from './test-fixtures/member-client.js';

describeEachDialect('member sign-in by emailed link', (getDatabase) => {
  let sink: SmtpSink;
  let mail: MailTransport;
  let t: TestApp;
  before(async () => {
    sink = await startSmtpSink();
    mail = createMailTransport({
      smtpUrl: sink.url,
      dataDir: '/nonexistent',
      mailFrom: 'Masthead <newsroom@news.test>',
    });
    t = await buildTestApp(getDatabase(), { mail });
  });
  after(async () => {
    await t.close();
    await mail.close();
    await sink.close();
  });

  it('mails a single-use link; the GET only shows a button; the POST signs in', async () => {
    const count = sink.received.length + 1;
    const asked = await askForLink(t, '  Reader.One@Example.ORG ');
    assert.equal(asked.statusCode, 200);
    assert.equal(asked.headers['cache-control'], 'no-store, private');
    assert.match(asked.body, /If that address can receive email, we have sent it a link/);
    const message = await sink.waitFor(count);
    assert.deepEqual(message.recipients, ['reader.one@example.org'], 'the normalized address');
    assert.equal(message.parsed.from?.value[0]?.name, 'Masthead News', 'sent as the newsroom');
    assert.equal(message.parsed.subject, 'Your sign-in link for Masthead News');
    const token = /confirm\?token=([A-Za-z0-9_-]{43})/.exec(message.parsed.text ?? '')?.[1];
    assert.ok(token);
    assert.ok(message.parsed.html && message.parsed.html.includes(token), 'HTML part too');
    const { db } = getDatabase();
    const row = await db.selectFrom('member_sign_in_tokens').selectAll().executeTakeFirstOrThrow();
    assert.equal(row.token_hash, createHash('sha256').update(token).digest('hex'));
    assert.ok(Date.parse(row.expires_at) - Date.parse(row.created_at) <= 15 * 60_000);

    const shown = await t.app.inject({
      method: 'GET',
      url: `/account/sign-in/confirm?token=${token}`,
    });
    assert.equal(shown.statusCode, 200);
    assert.match(shown.body, /<button type="submit">Sign in<\/button>/);
    assert.equal(shown.headers['set-cookie'], undefined, 'opening the link signs nobody in');
    assert.equal(shown.headers['cache-control'], 'no-store, private');
    const unused = await db
      .selectFrom('member_sign_in_tokens')
      .select('used_at')
      .executeTakeFirst();
    assert.equal(unused?.used_at, null, 'and does not spend the link');

    const signedIn = await postForm(t, '/account/sign-in/confirm', { token });
    assert.equal(signedIn.statusCode, 303);
    assert.equal(signedIn.headers.location, '/account/');
    const cookies = setCookies(signedIn);
    const session = cookies.get('masthead_member_session') ?? '';
    assert.match(session, /HttpOnly/);
    assert.match(session, /SameSite=Lax/);
    assert.match(session, /Max-Age=2592000/);
    assert.doesNotMatch(session, /Secure/, 'not Secure on an http:// site');
    const hint = cookies.get('masthead_member') ?? '';
    assert.match(hint, /^masthead_member=free;/);
    assert.doesNotMatch(hint, /HttpOnly/, 'the hint is readable by page scripts');
    const sessionToken = /^masthead_member_session=([^;]+)/.exec(session)?.[1] ?? '';
    const stored = await db.selectFrom('member_sessions').selectAll().execute();
    assert.equal(stored.length, 1);
    assert.equal(stored[0]?.token_hash, createHash('sha256').update(sessionToken).digest('hex'));

    const account = await t.app.inject({
      method: 'GET',
      url: '/account/',
      headers: { cookie: `masthead_member_session=${sessionToken}` },
    });
    assert.equal(account.statusCode, 200);
    assert.equal(account.headers['cache-control'], 'no-store, private');
    assert.match(account.body, /Signed in as reader\.one@example\.org/);
    assert.match(account.body, /You have a free account\./);

    const again = await postForm(t, '/account/sign-in/confirm', { token });
    assert.equal(again.statusCode, 410, 'a used link is refused');
    assert.match(again.body, /already used/);
    assert.match(again.body, /href="\/account\/sign-in"/, 'with a way to ask for a new one');
    assert.equal(again.headers['set-cookie'], undefined);
    const reopened = await t.app.inject({
      method: 'GET',
      url: `/account/sign-in/confirm?token=${token}`,
    });
    assert.equal(reopened.statusCode, 410);
  });

  it('refuses an expired link, an unknown one, and a link posted from another site', async () => {
    const token = await tokenFromMail(t, sink, 'late@example.org');
    const fromElsewhere = await postForm(t, '/account/sign-in/confirm', { token }, undefined, {
      origin: 'https://evil.example',
    });
    assert.equal(fromElsewhere.statusCode, 403);
    assert.equal(fromElsewhere.headers['set-cookie'], undefined);

    const realNow = t.services.now;
    t.services.now = () => new Date(Date.now() + 16 * 60_000);
    try {
      const shown = await t.app.inject({
        method: 'GET',
        url: `/account/sign-in/confirm?token=${token}`,
      });
      assert.equal(shown.statusCode, 410);
      assert.match(shown.body, /This sign-in link has expired/);
      const posted = await postForm(t, '/account/sign-in/confirm', { token });
      assert.equal(posted.statusCode, 410);
      assert.equal(posted.headers['set-cookie'], undefined);
    } finally {
      t.services.now = realNow;
    }
    const unknown = await postForm(t, '/account/sign-in/confirm', { token: 'x'.repeat(43) });
    assert.equal(unknown.statusCode, 400);
    assert.match(unknown.body, /This link is not valid/);
    const junk = await t.app.inject({
      method: 'GET',
      url: '/account/sign-in/confirm?token=%3Cb%3E',
    });
    assert.equal(junk.statusCode, 400);
  });

  it('answers known and unknown addresses identically (status, body, headers)', async () => {
    await findOrCreateMember(getDatabase().db, 'known@example.org', new Date().toISOString());
    const count = sink.received.length;
    const ip = freshIp();
    const known = await askForLink(t, 'known@example.org', ip);
    const unknown = await askForLink(t, 'never-seen@example.org', ip);
    const comparable = (headers: Record<string, unknown>) => {
      const { date: _date, ...rest } = headers;
      return rest;
    };
    assert.equal(known.statusCode, unknown.statusCode);
    assert.equal(known.body, unknown.body);
    assert.deepEqual(comparable(known.headers), comparable(unknown.headers));
    // Both get a link: an unknown address gets a free account, unconfirmed until it is used.
    await sink.waitFor(count + 2);
    const created = await getDatabase()
      .db.selectFrom('members')
      .select(['email', 'last_sign_in_at'])
      .where('email', '=', 'never-seen@example.org')
      .executeTakeFirst();
    assert.deepEqual(created, { email: 'never-seen@example.org', last_sign_in_at: null });
  });

  it('rate limits per address and per IP (429 with Retry-After); bad input is 422', async () => {
    const count = sink.received.length;
    for (let i = 0; i < 3; i += 1)
      assert.equal((await askForLink(t, 'often@example.org')).statusCode, 200);
    const limited = await askForLink(t, 'Often@Example.org');
    assert.equal(limited.statusCode, 429);
    assert.ok(Number(limited.headers['retry-after']) > 0);
    assert.match(limited.body, /Too many sign-in requests/);

    const ip = freshIp();
    for (let i = 0; i < 10; i += 1)
      assert.equal((await askForLink(t, `ip-${i}@example.org`, ip)).statusCode, 200);
    assert.equal((await askForLink(t, 'ip-last@example.org', ip)).statusCode, 429);
    await sink.waitFor(count + 13);

    const invalid = await askForLink(t, 'not an address');
    assert.equal(invalid.statusCode, 422);
    assert.match(invalid.body, /Please enter an email address like name@example\.org\./);
    assert.match(invalid.body, /aria-invalid="true"/);
    const crossSite = await askForLink(t, 'x@example.org', freshIp(), {
      origin: 'https://evil.example',
    });
    assert.equal(crossSite.statusCode, 403);
  });

  it('signs out with a CSRF token: the session ends and both cookies are cleared', async () => {
    const member = await signInMember(t, sink, 'leaving@example.org');
    const csrf = await member.csrf();
    const forged = await postForm(t, '/account/sign-out', { csrf: 'wrong' }, member.cookie);
    assert.equal(forged.statusCode, 403);
    assert.match(forged.body, /This form could not be accepted/);
    const stillIn = await t.app.inject({
      method: 'GET',
      url: '/account/',
      headers: { cookie: member.cookie },
    });
    assert.equal(stillIn.statusCode, 200, 'a forged sign-out changes nothing');

    const out = await postForm(t, '/account/sign-out', { csrf }, member.cookie);
    assert.equal(out.statusCode, 303);
    assert.equal(out.headers.location, '/account/signed-out');
    const cleared = setCookies(out);
    assert.match(cleared.get('masthead_member_session') ?? '', /Expires=Thu, 01 Jan 1970/);
    assert.match(cleared.get('masthead_member') ?? '', /Expires=Thu, 01 Jan 1970/);
    const after = await t.app.inject({
      method: 'GET',
      url: '/account/',
      headers: { cookie: member.cookie },
    });
    assert.equal(after.statusCode, 303, 'the old cookie no longer works');
    assert.equal(after.headers.location, '/account/sign-in');
  });

  it('links to the account from every page; /account pages never come from the page cache', async () => {
    const home = await t.app.inject({ method: 'GET', url: '/' });
    assert.match(home.body, /<a class="account-link" href="\/account\/">Account<\/a>/);
    const first = await t.app.inject({ method: 'GET', url: '/account/sign-in' });
    const second = await t.app.inject({ method: 'GET', url: '/account/sign-in' });
    assert.equal(second.headers['cache-control'], 'no-store, private');
    assert.notEqual(second.headers['x-cache'], 'HIT');
    assert.equal(first.body, second.body);
    assert.match(first.body, /<meta name="robots" content="noindex">/);
    assert.equal(t.services.pageCache.lookup('/account/sign-in'), undefined);
    const stylesheet =
      /<link rel="stylesheet" href="(\/account\/account\.[0-9a-f]{10}\.css)">/.exec(
        first.body,
      )?.[1];
    assert.ok(stylesheet, 'account pages load their own stylesheet');
    const css = await t.app.inject({ method: 'GET', url: stylesheet });
    assert.equal(css.statusCode, 200);
    assert.match(String(css.headers['content-type'] ?? ''), /^text\/css/);
    assert.match(String(css.headers['cache-control'] ?? ''), /immutable/);
    const wrong = await t.app.inject({ method: 'GET', url: '/account/account.0000000000.css' });
    assert.equal(wrong.statusCode, 404);
    void origin;
  });

  it('speaks the site language (Ukrainian), the sign-in email included', async () => {
    await writeSiteSettings(getDatabase().db, { language: 'uk' });
    try {
      const page = await t.app.inject({ method: 'GET', url: '/account/sign-in' });
      assert.match(page.body, /<html lang="uk">/);
      assert.match(page.body, /Надіслати посилання для входу/);
      assert.match(page.body, /<a class="account-link" href="\/account\/">Профіль<\/a>/);
      const count = sink.received.length + 1;
      assert.equal((await askForLink(t, 'ukr@example.org')).statusCode, 200);
      const message = await sink.waitFor(count);
      assert.equal(message.parsed.subject, 'Посилання для входу на Masthead News');
    } finally {
      await writeSiteSettings(getDatabase().db, { language: 'en' });
    }
  });
});
