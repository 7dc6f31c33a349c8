import assert from 'node:assert/strict';
import { runQueuedJobs } from '../test-support/run-jobs.js';
import { after, before, it } from 'node:test';
import { describeEachDialect } from '../platform/db/test-databases.js';
import { createMailTransport, type MailTransport } from '../platform/mail/mail-transport.js';
import { type SmtpSink, startSmtpSink } from '../platform/mail/test-fixtures/smtp-sink.js';
import { writeSiteSettings } from '../platform/settings/site-settings.js';
import { buildArticle, buildTestApp, buildToken, type TestApp } from '../test-support/test-app.js';

const origin = 'http://news.test';

describeEachDialect('newsletters on a Ukrainian-language site', (getDatabase) => {
  let sink: SmtpSink;
  let mail: MailTransport;
  let t: TestApp;

  before(async () => {
    await writeSiteSettings(getDatabase().db, { name: 'Київський вісник', language: 'uk' });
    sink = await startSmtpSink();
    mail = createMailTransport({
      smtpUrl: sink.url,
      dataDir: '/nonexistent',
      mailFrom: 'News <news@news.test>',
    });
    t = await buildTestApp(getDatabase(), { mail });
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/admin/newsletters',
      headers: { authorization: `Bearer ${await buildToken(getDatabase(), 'editor')}` },
      payload: { name: 'Щоденний вісник', slug: 'daily', description: 'Щоранку' },
    });
    assert.equal(created.statusCode, 201, created.body);
  });
  after(async () => {
    await t.close();
    await mail.close();
    await sink.close();
  });

  const subscribe = (email: string, remoteAddress: string, extra = '') =>
    t.app.inject({
      method: 'POST',
      url: '/newsletters/subscribe',
      remoteAddress,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin,
        accept: 'application/json',
      },
      payload: `email=${encodeURIComponent(email)}&newsletters=daily&location=test${extra}`,
    });

  it('renders /newsletters/ and the signup form in Ukrainian', async () => {
    const page = await t.app.inject({ url: '/newsletters/' });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<html lang="uk"/);
    assert.match(page.body, /<h1 class="section-title">Розсилки<\/h1>/);
    for (const words of [
      'Адреса електронної пошти',
      'Поля, позначені зірочкою (*), обов&#39;язкові.',
      '<button type="submit">Підписатися</button>',
      'Підписуючись, ви погоджуєтеся',
      'data-sending="Надсилаємо…"',
      'name="language" value="uk"',
    ])
      assert.ok(page.body.includes(words), words);
    for (const english of ['Email address', 'Subscribe<', 'required.', 'By subscribing'])
      assert.ok(!page.body.includes(english), english);
  });

  it('answers in Ukrainian and sends the confirmation email in Ukrainian', async () => {
    const refused = await subscribe('not-an-address', '10.1.0.1', '&language=uk');
    assert.equal(refused.statusCode, 422);
    assert.equal(
      (refused.json() as { message: string }).message,
      'Введіть адресу у форматі name@example.org.',
    );
    const accepted = await subscribe('olena@example.org', '10.1.0.2', '&language=uk');
    assert.equal(accepted.statusCode, 202);
    assert.match((accepted.json() as { message: string }).message, /^Дякуємо\./);
    const consent = await getDatabase()
      .db.selectFrom('consent_records')
      .select('consent_text')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    assert.match(
      consent.consent_text,
      /^Підписуючись, ви погоджуєтеся/,
      'the text shown is stored',
    );

    await runQueuedJobs(t.services);
    const message = await sink.waitFor(1);
    assert.equal(message.parsed.subject, 'Підтвердьте підписку: Щоденний вісник');
    const text = message.parsed.text ?? '';
    assert.match(text, /^Вітаємо!/);
    assert.match(text, /попросив надсилати на цю адресу Щоденний вісник від Київський вісник/);
    assert.match(text, /натисніть «Підтвердити підписку»/);
    const link = /https?:\/\/\S+\/newsletters\/confirm\?token=\S+/.exec(text)?.[0] ?? '';
    const confirm = await t.app.inject({ url: link.replace(origin, '') });
    assert.equal(confirm.statusCode, 200);
    assert.match(confirm.body, /<button type="submit">Підтвердити підписку<\/button>/);
    const bad = await t.app.inject({ url: '/newsletters/confirm?token=forged' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Посилання недійсне/);
  });

  it('puts the form after an English article in English, whatever the site language', async () => {
    const article = await buildArticle(getDatabase(), {
      title: 'River park opens',
      language: 'en',
    });
    const page = await t.app.inject({ url: `/${article.slug}/` });
    assert.match(page.body, /id="nl-article-email"/);
    assert.ok(page.body.includes('Get our newsletter'));
    assert.ok(page.body.includes('name="language" value="en"'));
    const answer = await subscribe('reader@example.org', '10.1.0.3', '&language=en');
    assert.equal(answer.statusCode, 202);
    assert.match((answer.json() as { message: string }).message, /^Thank you\./);
  });
});
