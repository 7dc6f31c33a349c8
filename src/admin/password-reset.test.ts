import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeEachDialect } from '../platform/db/test-databases.js';
import { createMailTransport, type MailTransport } from '../platform/mail/mail-transport.js';
import { startSmtpSink, type SmtpSink } from '../platform/mail/test-fixtures/smtp-sink.js';
import { readSiteSettings } from '../platform/settings/site-settings.js';
import { buildTestApp, buildUser, type TestApp } from '../test-support/test-app.js';
import { requestPasswordReset } from './password-reset.service.js';
import { requestJson, signInWith } from './test-fixtures/admin-client.js';

const linkPattern = /http:\/\/news\.test\/admin\/reset-password\?token=([A-Za-z0-9_-]{43})/;

describeEachDialect('password reset over SMTP', (getDatabase) => {
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

  it('mails a single-use link; the new password works and old sessions end', async () => {
    const { email, password } = await buildUser(getDatabase(), 'editor');
    const oldSession = await signInWith(t, { email, password });

    const unknown = await requestJson(t, 'POST', '/api/admin/password-reset', {
      email: 'nobody-here@news.test',
    });
    const known = await requestJson(t, 'POST', '/api/admin/password-reset', {
      email: email.toUpperCase(),
    });
    assert.equal(unknown.statusCode, 202);
    assert.equal(known.statusCode, 202);
    assert.equal(known.body, unknown.body, 'the same answer whether or not the account exists');

    const message = await sink.waitFor(1);
    assert.deepEqual(message.recipients, [email]);
    assert.equal(message.envelopeFrom, 'newsroom@localhost', 'MAIL_FROM (the default here)');
    assert.equal(message.parsed.from?.value[0]?.name, 'Masthead News', 'sent as the site');
    assert.match(message.parsed.subject ?? '', /Reset your Masthead News password/);
    const token = linkPattern.exec(message.parsed.text ?? '')?.[1];
    assert.ok(token, 'the plain-text part carries the link');
    assert.ok(message.parsed.html && message.parsed.html.includes(token), 'so does the HTML part');
    const stored = await getDatabase().db.selectFrom('password_resets').selectAll().execute();
    assert.equal(stored.length, 1);
    assert.notEqual(stored[0]?.token_hash, token, 'only a hash of the token is stored');

    const short = await requestJson(t, 'POST', '/api/admin/password-reset/confirm', {
      token,
      password: 'short',
    });
    assert.equal(short.statusCode, 422);
    assert.match((short.json() as { message: string }).message, /at least 10 characters/);

    const newPassword = 'a brand new passphrase';
    const done = await requestJson(t, 'POST', '/api/admin/password-reset/confirm', {
      token,
      password: newPassword,
    });
    assert.equal(done.statusCode, 200, done.body);

    const whoami = await requestJson(t, 'GET', '/api/admin/whoami', undefined, oldSession);
    assert.equal(whoami.statusCode, 401, 'sessions from before the reset have ended');
    const oldPassword = await requestJson(t, 'POST', '/api/admin/session', { email, password });
    assert.equal(oldPassword.statusCode, 401);
    await signInWith(t, { email, password: newPassword });

    const again = await requestJson(t, 'POST', '/api/admin/password-reset/confirm', {
      token,
      password: 'yet another passphrase',
    });
    assert.equal(again.statusCode, 400, 'the link works once');
    assert.match((again.json() as { message: string }).message, /invalid, already used or expired/);
  });

  it('refuses an expired link and a made-up one, and mails nobody for unknown addresses', async () => {
    const { email } = await buildUser(getDatabase(), 'author');
    const deps = {
      mail,
      mailFrom: 'Masthead <newsroom@news.test>',
      settings: await readSiteSettings(getDatabase().db),
      baseUrl: 'http://news.test',
    };
    const count = sink.received.length;
    assert.equal(
      await requestPasswordReset(getDatabase().db, { ...deps, now: new Date() }, 'ghost@news.test'),
      false,
    );
    assert.equal(sink.received.length, count, 'no email for an address without an account');

    // Asked for two hours ago: the link expired an hour ago.
    const sent = await requestPasswordReset(
      getDatabase().db,
      { ...deps, now: new Date(Date.now() - 2 * 3600_000) },
      email,
    );
    assert.equal(sent, true);
    const message = await sink.waitFor(count + 1);
    const token = linkPattern.exec(message.parsed.text ?? '')?.[1];
    assert.ok(token);
    const expired = await requestJson(t, 'POST', '/api/admin/password-reset/confirm', {
      token,
      password: 'long enough password',
    });
    assert.equal(expired.statusCode, 400);

    const madeUp = await requestJson(t, 'POST', '/api/admin/password-reset/confirm', {
      token: 'x'.repeat(43),
      password: 'long enough password',
    });
    assert.equal(madeUp.statusCode, 400);
    assert.deepEqual(madeUp.json(), expired.json());
  });

  it('rate-limits requests per address, identically for unknown addresses', async () => {
    const { email } = await buildUser(getDatabase(), 'contributor');
    const before = sink.received.length;
    const answers = [];
    for (const address of [email, 'unknown-person@news.test']) {
      for (let n = 0; n < 4; n += 1)
        answers.push(await requestJson(t, 'POST', '/api/admin/password-reset', { email: address }));
    }
    assert.deepEqual(
      answers.map((a) => a.statusCode),
      [202, 202, 202, 429, 202, 202, 202, 429],
    );
    assert.deepEqual(answers[3]?.json(), answers[7]?.json());
    assert.ok(answers[3]?.headers['retry-after']);
    // Let the three emails for the real account arrive before the server closes.
    await sink.waitFor(before + 3);
  });
});
