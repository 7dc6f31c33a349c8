import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeEachDialect } from '../platform/db/test-databases.js';
import { createMailTransport, type MailTransport } from '../platform/mail/mail-transport.js';
import {
  headerLine,
  startSmtpSink,
  type SmtpSink,
} from '../platform/mail/test-fixtures/smtp-sink.js';
import {
  postForm,
  type SignedInMember,
  signInMember,
} from '../revenue/members/test-fixtures/member-client.js';
import { runQueuedJobs } from '../test-support/run-jobs.js';
import { buildArticle, buildTestApp, buildToken, type TestApp } from '../test-support/test-app.js';
import { readCommentSettings, storeCommentSettings } from './comment-settings.js';
import { buildPayingMember } from './test-fixtures/comment-fixtures.js';

// The public comment routes through the whole app: who sees a form, CSRF and Origin refusals,
// the escaped output, the cacheable counts, the unchanged article page, the reply email with
// its opt-out, the per-member limit, and the staff API's authorization.

describeEachDialect('comment routes', (getDatabase) => {
  let sink: SmtpSink;
  let mail: MailTransport;
  let t: TestApp;
  let slug = '';
  let articleId = 0;
  let alice: SignedInMember;
  let bob: SignedInMember;

  const page = (cookie?: string) =>
    t.app.inject({
      method: 'GET',
      url: `/comments/${slug}/`,
      headers: cookie ? { cookie } : {},
    });
  const csrfOf = async (member: SignedInMember) => {
    const response = await page(member.cookie);
    const csrf = /name="csrf" value="([^"]+)"/.exec(response.body)?.[1];
    assert.ok(csrf, 'the comments page carries the CSRF token');
    return csrf;
  };
  const post = async (member: SignedInMember, form: Record<string, string>, path = '') =>
    postForm(
      t,
      `/comments/${slug}/${path}`,
      { csrf: await csrfOf(member), ...form },
      member.cookie,
    );

  before(async () => {
    sink = await startSmtpSink();
    mail = createMailTransport({
      smtpUrl: sink.url,
      dataDir: '/nonexistent',
      mailFrom: 'Masthead <newsroom@news.test>',
    });
    const db = getDatabase().db;
    // Stored before the app starts: each process reads the settings at start (and every 15 s).
    await storeCommentSettings(db, {
      ...(await readCommentSettings(db)),
      mode: 'members',
      firstCommentModeration: false,
    });
    t = await buildTestApp(getDatabase(), { mail });
    const article = await buildArticle(getDatabase(), { title: 'Comments welcome' });
    slug = article.slug;
    articleId = article.id;
    alice = await signInMember(t, sink, 'alice@example.org');
    bob = await signInMember(t, sink, 'bob@example.org');
  });
  after(async () => {
    await t.close();
    await mail.close();
    await sink.close();
  });

  it('shows anonymous readers a sign-in link and no form; their POST is refused', async () => {
    const response = await page();
    assert.equal(response.statusCode, 200);
    assert.match(response.headers['cache-control'] as string, /no-store/);
    assert.match(response.body, /href="\/account\/sign-in\?next=%2Fcomments%2F/);
    assert.doesNotMatch(response.body, /<textarea/);
    const refused = await postForm(t, `/comments/${slug}/`, { body: 'Hi', csrf: 'x' });
    assert.equal(refused.statusCode, 401);
    assert.match(refused.body, /Please sign in to comment/);
  });

  it('refuses a signed-in POST without the CSRF token or from another site', async () => {
    const noToken = await postForm(t, `/comments/${slug}/`, { body: 'Hi' }, alice.cookie);
    assert.equal(noToken.statusCode, 403);
    const csrf = await csrfOf(alice);
    const crossSite = await postForm(
      t,
      `/comments/${slug}/`,
      { body: 'Hi', csrf, name: 'Alice' },
      alice.cookie,
      { origin: 'https://evil.example' },
    );
    assert.equal(crossSite.statusCode, 403);
    const count = await getDatabase().db.selectFrom('comments').select('id').execute();
    assert.equal(count.length, 0, 'nothing was stored');
  });

  it('posts, escapes the body, and leaves the cached article page byte-identical', async () => {
    const before = await t.app.inject({ method: 'GET', url: `/${slug}/` });
    assert.equal(before.statusCode, 200);
    assert.match(
      before.body,
      new RegExp(`href="/comments/${slug}/" data-comments-count="${articleId}"`),
    );
    const posted = await post(alice, {
      body: 'Hello <img src=x onerror=alert(1)> "quoted" <script>alert(2)</script>',
      name: 'Alice <b>A</b>',
    });
    assert.equal(posted.statusCode, 303, posted.body);
    const shown = await page(bob.cookie);
    assert.match(shown.body, /Hello/);
    assert.doesNotMatch(shown.body, /onerror|alert\(2\)|<img src=x/);
    assert.match(shown.body, /Alice &lt;b&gt;A&lt;\/b&gt;/);
    const after = await t.app.inject({ method: 'GET', url: `/${slug}/` });
    assert.equal(after.body, before.body, 'comments never change the article page');
    assert.match(after.body, /<script src="\/comments\/comments\.[0-9a-f]{10}\.js" defer>/);
    // Story cards carry a count line the script fills in (hidden until it has a count).
    const home = await t.app.inject({ method: 'GET', url: '/tag/ukraine-news/' });
    assert.match(
      home.body,
      new RegExp(
        `data-comments hidden><a href="/comments/${slug}/" data-comments-count="${articleId}" data-comments-card>`,
      ),
    );
  });

  it('answers counts as cacheable JSON without cookies', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: `/comments/counts.json?ids=${articleId},999999&lang=uk`,
      headers: { cookie: alice.cookie },
    });
    assert.equal(response.statusCode, 200);
    assert.match(response.headers['cache-control'] as string, /^public/);
    assert.equal(response.headers['set-cookie'], undefined);
    const body = response.json() as { articles: Record<string, { count: number; label: string }> };
    assert.equal(body.articles[String(articleId)]?.count, 1);
    assert.equal(body.articles[String(articleId)]?.label, '1 коментар');
    assert.equal(body.articles['999999']?.count, 0);
  });

  it('emails the parent’s author about a reply, and the opt-out link stops it', async () => {
    const db = getDatabase().db;
    const parent = await db.selectFrom('comments').select('id').executeTakeFirstOrThrow();
    const before = sink.received.length;
    const reply = await post(bob, { body: 'I agree', parent: String(parent.id), name: 'Bob' });
    assert.equal(reply.statusCode, 303, reply.body);
    await runQueuedJobs(t.services);
    const mailed = await sink.waitFor(before + 1);
    assert.deepEqual(mailed.recipients, ['alice@example.org']);
    const text = mailed.parsed.text ?? '';
    assert.match(text, /I agree/);
    const token = /comments\/opt-out\?token=([A-Za-z0-9_-]{43})/.exec(text)?.[1];
    assert.ok(token, 'the email carries an opt-out link');
    assert.equal(headerLine(mailed.parsed, 'List-Unsubscribe-Post'), 'List-Unsubscribe=One-Click');
    assert.equal(
      headerLine(mailed.parsed, 'List-Unsubscribe'),
      `<http://news.test/comments/opt-out?token=${token}>`,
    );
    // RFC 8058: the mail provider posts this body to the header's URL, with no cookie.
    const optOut = await t.app.inject({
      method: 'POST',
      url: `/comments/opt-out?token=${token}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    assert.equal(optOut.statusCode, 200, optOut.body);
    await post(bob, { body: 'Still agree', parent: String(parent.id) });
    await runQueuedJobs(t.services);
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(sink.received.length, before + 1, 'no email after opting out');
  });

  it('shows paying-only articles’ form to paying members only', async () => {
    const db = getDatabase().db;
    await buildPayingMember(db, 'payer@example.org');
    const payer = await signInMember(t, sink, 'payer@example.org');
    const token = await buildToken(getDatabase(), 'editor');
    const set = await t.app.inject({
      method: 'PUT',
      url: `/api/admin/comments/articles/${articleId}`,
      headers: { authorization: `Bearer ${token}` },
      payload: { mode: 'paying' },
    });
    assert.equal(set.statusCode, 200, set.body);
    const free = await page(alice.cookie);
    assert.match(free.body, /open to paying members/);
    assert.doesNotMatch(free.body, /<textarea id="comment-body"/);
    const refused = await post(alice, { body: 'Free reader here' });
    assert.equal(refused.statusCode, 403);
    const paying = await page(payer.cookie);
    assert.match(paying.body, /<textarea id="comment-body"/);
    await t.app.inject({
      method: 'PUT',
      url: `/api/admin/comments/articles/${articleId}`,
      headers: { authorization: `Bearer ${token}` },
      payload: { mode: null },
    });
  });

  it('limits posts per member', async () => {
    const carol = await signInMember(t, sink, 'carol@example.org');
    const codes: number[] = [];
    for (let i = 0; i < 6; i += 1)
      codes.push((await post(carol, { body: `Post ${i}`, name: 'Carol' })).statusCode);
    assert.deepEqual(codes, [303, 303, 303, 303, 303, 429]);
  });

  it('counts the per-member limit once across two processes sharing the store', async () => {
    const prefix = `comments-nodes-${Date.now()}:`;
    const nodeA = await buildTestApp(getDatabase(), { mail, rateLimitPrefix: prefix });
    const nodeB = await buildTestApp(getDatabase(), { mail, rateLimitPrefix: prefix });
    try {
      const erin = await signInMember(nodeA, sink, 'erin@example.org');
      const csrf = await csrfOf(erin);
      const codes: number[] = [];
      for (let i = 0; i < 6; i += 1) {
        const node = i % 2 === 0 ? nodeA : nodeB;
        const form = { csrf, body: `Across nodes ${i}`, name: 'Erin' };
        codes.push((await postForm(node, `/comments/${slug}/`, form, erin.cookie)).statusCode);
      }
      assert.deepEqual(codes, [303, 303, 303, 303, 303, 429]);
    } finally {
      await nodeA.close();
      await nodeB.close();
    }
  });

  it('keeps the moderation API to editors and admins', async () => {
    const contributor = await buildToken(getDatabase(), 'contributor');
    const editor = await buildToken(getDatabase(), 'editor');
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/admin/comments' });
    assert.equal(anonymous.statusCode, 401);
    for (const url of ['/api/admin/comments', '/api/admin/comments/settings']) {
      const denied = await t.app.inject({
        method: 'GET',
        url,
        headers: { authorization: `Bearer ${contributor}` },
      });
      assert.equal(denied.statusCode, 403, url);
    }
    const hide = await t.app.inject({
      method: 'POST',
      url: '/api/admin/comments/1/hide',
      headers: { authorization: `Bearer ${contributor}` },
    });
    assert.equal(hide.statusCode, 403);
    const settings = await t.app.inject({
      method: 'PATCH',
      url: '/api/admin/comments/settings',
      headers: { authorization: `Bearer ${editor}` },
      payload: { firstCommentModeration: true },
    });
    assert.equal(settings.statusCode, 403, 'settings are admin-only');
    const queue = await t.app.inject({
      method: 'GET',
      url: '/api/admin/comments?status=held',
      headers: { authorization: `Bearer ${editor}` },
    });
    assert.equal(queue.statusCode, 200);
    assert.ok(Array.isArray((queue.json() as { comments: unknown[] }).comments));
  });

  it('holds a first comment until an editor approves it', async () => {
    const db = getDatabase().db;
    const admin = await buildToken(getDatabase(), 'admin');
    const patch = await t.app.inject({
      method: 'PATCH',
      url: '/api/admin/comments/settings',
      headers: { authorization: `Bearer ${admin}` },
      payload: { firstCommentModeration: true },
    });
    assert.equal(patch.statusCode, 200, patch.body);
    const dave = await signInMember(t, sink, 'dave@example.org');
    const posted = await post(dave, { body: 'My first words', name: 'Dave' });
    assert.equal(
      posted.statusCode,
      303,
      posted.body.replace(/[\s\S]*role="alert">/, '').slice(0, 300),
    );
    assert.match(posted.headers.location as string, /done=held/);
    assert.doesNotMatch((await page(alice.cookie)).body, /My first words/);
    assert.match((await page(dave.cookie)).body, /Waiting for review/);
    const queue = await t.app.inject({
      method: 'GET',
      url: '/api/admin/comments',
      headers: { authorization: `Bearer ${admin}` },
    });
    const held = (queue.json() as { comments: Array<{ id: number; text: string }> }).comments;
    const mine = held.find((c) => c.text === 'My first words');
    assert.ok(mine);
    const approve = await t.app.inject({
      method: 'POST',
      url: `/api/admin/comments/${mine.id}/approve`,
      headers: { authorization: `Bearer ${admin}` },
    });
    assert.equal(approve.statusCode, 200, approve.body);
    assert.match((await page(alice.cookie)).body, /My first words/);
    const ban = await t.app.inject({
      method: 'POST',
      url: `/api/admin/comments/${mine.id}/ban`,
      headers: { authorization: `Bearer ${admin}` },
      payload: { banned: true },
    });
    assert.equal(ban.statusCode, 200, ban.body);
    const refused = await post(dave, { body: 'Banned now' });
    assert.equal(refused.statusCode, 403);
    assert.ok(await db.selectFrom('comments').select('id').executeTakeFirst());
  });
});
