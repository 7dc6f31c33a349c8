import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeEachDialect } from '../../platform/db/test-databases.js';
import { createMailTransport, type MailTransport } from '../../platform/mail/mail-transport.js';
import { startSmtpSink, type SmtpSink } from '../../platform/mail/test-fixtures/smtp-sink.js';
import { buildArticle, buildTestApp, type TestApp } from '../../test-support/test-app.js';
import { findOrCreateMember } from '../member.repository.js';
import { postForm, type SignedInMember, signInMember } from './test-fixtures/member-client.js';
import { insertSubscription } from './test-fixtures/subscriptions.js';

// Gift links end to end through the app: a paying member gives a paid story, anyone opens it
// in full (uncached, unindexed) as many times as the link allows, until it expires; forged,
// foreign, spent or expired links open nothing; only members who can read a story can give it.

describeEachDialect('gift links', (getDatabase) => {
  let sink: SmtpSink;
  let mail: MailTransport;
  let t: TestApp;
  let patron: SignedInMember;
  let paid: { id: number; slug: string };
  let other: { id: number; slug: string };

  before(async () => {
    sink = await startSmtpSink();
    mail = createMailTransport({
      smtpUrl: sink.url,
      dataDir: '/nonexistent',
      mailFrom: 'Masthead <newsroom@news.test>',
    });
    t = await buildTestApp(getDatabase(), { mail });
    paid = await buildArticle(getDatabase(), {
      title: 'The paid analysis',
      html: '<p>Opening one.</p><p>Opening two.</p><p>The secret third paragraph.</p>',
      access_level: 'paid',
    });
    other = await buildArticle(getDatabase(), {
      title: 'Another paid piece',
      html: '<p>A.</p><p>B.</p><p>Hidden other.</p>',
      access_level: 'paid',
    });
    const db = getDatabase().db;
    const now = new Date().toISOString();
    const member = await findOrCreateMember(db, 'patron@example.org', now);
    await insertSubscription(db, member.id);
    patron = await signInMember(t, sink, 'patron@example.org');
  });
  after(async () => {
    await t.close();
    await mail.close();
    await sink.close();
  });

  async function giveLink(articleId: number): Promise<string> {
    const form = await t.app.inject({
      url: `/account/gift?article=${articleId}`,
      headers: { cookie: patron.cookie },
    });
    assert.equal(form.statusCode, 200, form.body);
    assert.equal(form.headers['cache-control'], 'no-store, private');
    const csrf = /name="csrf" value="([^"]+)"/.exec(form.body)?.[1] ?? '';
    const made = await postForm(
      t,
      '/account/gift',
      { csrf, article: String(articleId) },
      patron.cookie,
    );
    assert.equal(made.statusCode, 200, made.body);
    const token = /\?gift=([A-Za-z0-9_-]{43})</.exec(made.body)?.[1];
    assert.ok(token, 'the page shows the link');
    return token;
  }
  const open = (slug: string, token: string) =>
    t.app.inject({ url: `/${slug}/?gift=${encodeURIComponent(token)}` });

  it('opens the whole story for anyone, uncached and unindexed, counting each open', async () => {
    const full = await t.app.inject({ url: `/${paid.slug}/` });
    assert.doesNotMatch(full.body, /secret third/, 'without the link: the preview');
    const token = await giveLink(paid.id);
    const stored = await getDatabase().db.selectFrom('access_gift_links').selectAll().execute();
    assert.equal(stored.length, 1);
    assert.ok(!JSON.stringify(stored).includes(token), 'only a hash of the token is kept');
    const page = await open(paid.slug, token);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /The secret third paragraph/);
    assert.equal(page.headers['cache-control'], 'private, no-store');
    assert.equal(page.headers['x-robots-tag'], 'noindex');
    assert.equal(page.headers['referrer-policy'], 'same-origin');
    assert.doesNotMatch(page.body, /\/account\/gift\?article=/, 'a gift reader cannot give it on');
    assert.equal(
      (
        await getDatabase()
          .db.selectFrom('access_gift_links')
          .select('opens')
          .executeTakeFirstOrThrow()
      ).opens,
      1,
    );
    const after = await t.app.inject({ url: `/${paid.slug}/` });
    assert.doesNotMatch(after.body, /secret third/, 'the plain URL still serves the preview');
    // A member reading the full story is offered the gift link.
    const access = (
      await t.app.inject({ url: '/account/', headers: { cookie: patron.cookie } })
    ).cookies.find((c) => c.name === 'masthead_access');
    const member = await t.app.inject({
      url: `/${paid.slug}/`,
      headers: { cookie: `masthead_access=${access?.value ?? ''}` },
    });
    assert.match(member.body, new RegExp(`/account/gift\\?article=${paid.id}`));
  });

  it('stops opening when used up or expired, and never for a forged or another story’s link', async () => {
    const token = await giveLink(paid.id);
    const { db } = getDatabase();
    const hashRow = await db
      .selectFrom('access_gift_links')
      .select('id')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    await db
      .updateTable('access_gift_links')
      .set({ max_opens: 2 })
      .where('id', '=', hashRow.id)
      .execute();
    const opens = await Promise.all([1, 2, 3].map(() => open(paid.slug, token)));
    assert.equal(opens.filter((p) => /secret third/.test(p.body)).length, 2, 'two opens, no more');
    const spent = opens.find((p) => !/secret third/.test(p.body));
    assert.match(spent?.body ?? '', /opened as many times as it allows/);
    assert.match(spent?.body ?? '', /This story is for paying members/, 'and the wall');

    const late = await giveLink(paid.id);
    await db
      .updateTable('access_gift_links')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('id', '>', hashRow.id)
      .execute();
    const expired = await open(paid.slug, late);
    assert.doesNotMatch(expired.body, /secret third/);
    assert.match(expired.body, /This gift link has expired/);

    const fresh = await giveLink(paid.id);
    const foreign = await open(other.slug, fresh);
    assert.doesNotMatch(foreign.body, /Hidden other/, 'a link opens only its own story');
    assert.match(foreign.body, /This gift link is not valid/);
    const forged = await open(paid.slug, `${fresh.slice(0, 42)}${fresh.endsWith('A') ? 'B' : 'A'}`);
    assert.doesNotMatch(forged.body, /secret third/);
    assert.match((await open(paid.slug, '<script>')).body, /This gift link is not valid/);
  });

  it('lets only members who can read a story give it, with CSRF, and a daily limit', async () => {
    const anonymous = await t.app.inject({ url: `/account/gift?article=${paid.id}` });
    assert.equal(anonymous.statusCode, 303);
    assert.match(String(anonymous.headers.location), /^\/account\/sign-in\?next=/);
    const free = await signInMember(t, sink, 'free.reader@example.org');
    const refused = await t.app.inject({
      url: `/account/gift?article=${paid.id}`,
      headers: { cookie: free.cookie },
    });
    assert.equal(refused.statusCode, 403);
    assert.match(refused.body, /does not include this story/);
    const open = await buildArticle(getDatabase(), { title: 'Free for all' });
    const freeStory = await t.app.inject({
      url: `/account/gift?article=${open.id}`,
      headers: { cookie: patron.cookie },
    });
    assert.equal(freeStory.statusCode, 422);
    assert.match(freeStory.body, /free to read/);
    assert.equal(
      (
        await t.app.inject({
          url: '/account/gift?article=nope',
          headers: { cookie: patron.cookie },
        })
      ).statusCode,
      404,
    );
    const noCsrf = await postForm(t, '/account/gift', { article: String(paid.id) }, patron.cookie);
    assert.equal(noCsrf.statusCode, 403);
    const csrf = await patron.csrf();
    const crossSite = await postForm(
      t,
      '/account/gift',
      { csrf, article: String(paid.id) },
      patron.cookie,
      { origin: 'https://evil.example' },
    );
    assert.equal(crossSite.statusCode, 403);
    const { db } = getDatabase();
    const mine = await db
      .selectFrom('access_gift_links')
      .select(['member_id'])
      .executeTakeFirstOrThrow();
    const stamp = new Date().toISOString();
    await db
      .insertInto('access_gift_links')
      .values(
        Array.from({ length: 20 }, (_, i) => ({
          token_hash: `filler-${i}-${Date.now()}`,
          article_id: paid.id,
          member_id: mine.member_id,
          max_opens: 1,
          opens: 0,
          expires_at: stamp,
          created_at: stamp,
        })),
      )
      .execute();
    const limited = await postForm(
      t,
      '/account/gift',
      { csrf, article: String(paid.id) },
      patron.cookie,
    );
    assert.equal(limited.statusCode, 429);
    assert.match(limited.body, /20 gift links a day/);
  });
});
