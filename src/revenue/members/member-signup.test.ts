import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { attributionFigures } from '../../analytics/attribution-report.js';
import { articleConversions } from '../../analytics/conversions-report.js';
import { toZonedIso } from '../../platform/time-zone.js';
import { describeEachDialect } from '../../platform/db/test-databases.js';
import { createMailTransport, type MailTransport } from '../../platform/mail/mail-transport.js';
import { startSmtpSink, type SmtpSink } from '../../platform/mail/test-fixtures/smtp-sink.js';
import { buildArticle, buildTestApp, type TestApp } from '../../test-support/test-app.js';
import { postForm, signInMember } from './test-fixtures/member-client.js';

// A registration begun at the registration wall (issue 17): the wall's link carries
// `prompt=registration-wall` to the sign-in form, the account that request makes keeps it,
// and once signed into, the analytics rank it with the prompt and the story.

const linkPattern = /http:\/\/news\.test\/account\/sign-in\/confirm\?token=([A-Za-z0-9_-]{43})/;

describeEachDialect('registrations attributed to the registration wall', (getDatabase) => {
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

  it('carries the wall’s prompt through the sign-in form and keeps it with the new account', async () => {
    const story = await buildArticle(getDatabase(), { title: 'Walled story' });
    const path = `/${story.slug}/`;
    const form = await t.app.inject(
      `/account/sign-in?next=${encodeURIComponent(path)}&prompt=registration-wall&article_id=${story.id}`,
    );
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /<input type="hidden" name="prompt" value="registration-wall">/);
    assert.match(
      form.body,
      new RegExp(`<input type="hidden" name="article_id" value="${story.id}">`),
    );
    const forged = await t.app.inject('/account/sign-in?prompt=%3Cscript%3E&article_id=x');
    assert.doesNotMatch(forged.body, /name="prompt"|name="article_id"/);

    const count = sink.received.length + 1;
    const asked = await postForm(t, '/account/sign-in', {
      email: 'new.reader@example.org',
      next: path,
      prompt: 'registration-wall',
      article_id: String(story.id),
    });
    assert.equal(asked.statusCode, 200, asked.body);
    const message = await sink.waitFor(count);
    const token = linkPattern.exec(message.parsed.text ?? '')?.[1];
    assert.ok(token);
    const { db } = getDatabase();
    const row = await db
      .selectFrom('member_signups as s')
      .innerJoin('members as m', 'm.id', 's.member_id')
      .select(['m.email', 's.prompt', 's.article_id'])
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, {
      email: 'new.reader@example.org',
      prompt: 'registration-wall',
      article_id: story.id,
    });

    const today = toZonedIso(new Date(), 'Europe/Kyiv').slice(0, 10);
    const range = { from: today, to: today };
    const before = await attributionFigures(db, range, 'Europe/Kyiv');
    assert.equal(
      before.prompts.find((p) => p.prompt === 'registration-wall'),
      undefined,
      'not a registration until the account is signed into',
    );
    const confirmed = await postForm(t, '/account/sign-in/confirm', { token });
    assert.equal(confirmed.statusCode, 303);
    assert.equal(confirmed.headers.location, path);
    const figures = await attributionFigures(db, range, 'Europe/Kyiv');
    assert.equal(figures.prompts.find((p) => p.prompt === 'registration-wall')?.signups, 1);
    const perArticle = await articleConversions(db, range, 'Europe/Kyiv');
    assert.equal(perArticle.get(story.id)?.signups, 1);
  });

  it('attributes nothing to the wall for a reader who had signed in before', async () => {
    await signInMember(t, sink, 'old.reader@example.org');
    const count = sink.received.length + 1;
    const asked = await postForm(t, '/account/sign-in', {
      email: 'old.reader@example.org',
      prompt: 'registration-wall',
    });
    assert.equal(asked.statusCode, 200);
    await sink.waitFor(count);
    const rows = await getDatabase()
      .db.selectFrom('member_signups as s')
      .innerJoin('members as m', 'm.id', 's.member_id')
      .select('m.email')
      .where('m.email', '=', 'old.reader@example.org')
      .execute();
    assert.deepEqual(rows, []);
  });

  it('attributes a free account made from a members-only story’s wall to that wall', async () => {
    const story = await buildArticle(getDatabase(), {
      title: 'Members story',
      html: '<p>Open part.</p><p>Closed part.</p>',
      access_level: 'members',
      preview_paragraphs: 1,
    });
    const page = await t.app.inject(`/${story.slug}/`);
    const link = new RegExp(
      `href="/account/sign-in\\?next=%2F${story.slug}%2F&amp;prompt=wall&amp;article_id=${story.id}"`,
    );
    assert.match(page.body, link, 'the wall’s register link carries its prompt and story');
    const count = sink.received.length + 1;
    const asked = await postForm(t, '/account/sign-in', {
      email: 'walled.reader@example.org',
      next: `/${story.slug}/`,
      prompt: 'wall',
      article_id: String(story.id),
    });
    assert.equal(asked.statusCode, 200, asked.body);
    await sink.waitFor(count);
    const row = await getDatabase()
      .db.selectFrom('member_signups as s')
      .innerJoin('members as m', 'm.id', 's.member_id')
      .select(['s.prompt', 's.article_id'])
      .where('m.email', '=', 'walled.reader@example.org')
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, { prompt: 'wall', article_id: story.id });
  });
});
