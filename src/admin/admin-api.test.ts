import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { revokeApiToken } from './api-token.service.js';
import { writeSiteSettings } from '../platform/settings/site-settings.js';
import { describeEachDialect } from '../platform/db/test-databases.js';
import {
  buildArticle,
  buildTestApp,
  buildToken,
  buildUser,
  type TestApp,
} from '../test-support/test-app.js';

type Role = 'contributor' | 'author' | 'editor' | 'admin';

describeEachDialect('admin API', (getDatabase) => {
  let t: TestApp;
  before(async () => {
    await writeSiteSettings(getDatabase().db, { timeZone: 'Europe/Kyiv' });
    t = await buildTestApp(getDatabase(), { bodyLimit: 64 * 1024 });
  });
  after(() => t.close());

  const json = (method: string, url: string, body: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: method as 'POST',
      url,
      headers: { 'content-type': 'application/json', ...headers },
      payload: JSON.stringify(body),
    });

  async function signIn(role: Role) {
    const { email, password, user } = await buildUser(getDatabase(), role);
    const response = await json('POST', '/api/admin/session', { email, password });
    assert.equal(response.statusCode, 200, response.body);
    const cookie = response.cookies.find((c) => c.name === 'masthead_session');
    const hint = response.cookies.find((c) => c.name === 'masthead_staff');
    assert.ok(cookie?.httpOnly, 'the session cookie is HttpOnly');
    assert.equal(cookie?.sameSite, 'Lax');
    assert.equal(hint?.value, '1');
    assert.ok(!hint?.httpOnly, 'the staff hint is readable by the page script');
    const { csrfToken } = response.json() as { csrfToken: string };
    return {
      user,
      headers: { cookie: `masthead_session=${cookie?.value}`, 'x-csrf-token': csrfToken },
    };
  }

  it('signs in and out, and answers wrong passwords and unknown emails identically', async () => {
    const { email } = await buildUser(getDatabase(), 'editor');
    const wrong = await json('POST', '/api/admin/session', {
      email,
      password: 'not the password at all',
    });
    const unknown = await json('POST', '/api/admin/session', {
      email: 'nobody@news.test',
      password: 'not the password at all',
    });
    assert.equal(wrong.statusCode, 401);
    assert.equal(unknown.statusCode, 401);
    assert.deepEqual(wrong.json(), unknown.json());
    const { headers } = await signIn('editor');
    const whoami = await t.app.inject({
      method: 'GET',
      url: '/api/admin/whoami',
      headers: { cookie: headers.cookie },
    });
    assert.equal(whoami.statusCode, 200);
    assert.equal((whoami.json() as { role: string }).role, 'editor');
    const out = await t.app.inject({ method: 'DELETE', url: '/api/admin/session', headers });
    assert.equal(out.statusCode, 204);
    assert.ok(
      out.cookies.some(
        (c) =>
          c.name === 'masthead_staff' &&
          (c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now())),
      ),
    );
    const after = await t.app.inject({
      method: 'GET',
      url: '/api/admin/whoami',
      headers: { cookie: headers.cookie },
    });
    assert.equal(after.statusCode, 401);
  });

  it('rate-limits sign-in attempts per account with 429 and Retry-After', async () => {
    const { email } = await buildUser(getDatabase(), 'author');
    let last = await json('POST', '/api/admin/session', { email, password: 'wrong password 0' });
    for (let i = 1; i <= 10; i += 1)
      last = await json('POST', '/api/admin/session', { email, password: `wrong password ${i}` });
    assert.equal(last.statusCode, 429);
    assert.ok(Number(last.headers['retry-after']) > 0);
    assert.match((last.json() as { message: string }).message, /Too many sign-in attempts/);
  });

  it('requires the CSRF token on cookie-authenticated writes, but not on bearer requests', async () => {
    const { headers } = await signIn('editor');
    const noToken = await json(
      'POST',
      '/api/admin/tags',
      { name: 'No token' },
      { cookie: headers.cookie },
    );
    assert.equal(noToken.statusCode, 403);
    assert.match((noToken.json() as { message: string }).message, /CSRF/);
    const badToken = await json(
      'POST',
      '/api/admin/tags',
      { name: 'Bad token' },
      { ...headers, 'x-csrf-token': 'forged' },
    );
    assert.equal(badToken.statusCode, 403);
    const crossSite = await json(
      'POST',
      '/api/admin/tags',
      { name: 'Cross site' },
      { ...headers, origin: 'https://evil.example' },
    );
    assert.equal(crossSite.statusCode, 403);
    const ok = await json('POST', '/api/admin/tags', { name: 'With token' }, headers);
    assert.equal(ok.statusCode, 201);
    const token = await buildToken(getDatabase(), 'editor');
    const bearer = await json(
      'POST',
      '/api/admin/tags',
      { name: 'By bearer' },
      { authorization: `Bearer ${token}` },
    );
    assert.equal(bearer.statusCode, 201);
  });

  it('refuses missing, malformed and revoked tokens', async () => {
    assert.equal(
      (await t.app.inject({ method: 'GET', url: '/api/admin/articles' })).statusCode,
      401,
    );
    assert.equal(
      (
        await t.app.inject({
          method: 'GET',
          url: '/api/admin/articles',
          headers: { authorization: 'Bearer nope' },
        })
      ).statusCode,
      401,
    );
    const token = await buildToken(getDatabase(), 'admin');
    const row = await getDatabase()
      .db.selectFrom('api_tokens')
      .select('id')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    assert.equal(
      (
        await t.app.inject({
          method: 'GET',
          url: '/api/admin/articles',
          headers: { authorization: `Bearer ${token}` },
        })
      ).statusCode,
      200,
    );
    await revokeApiToken(getDatabase().db, row.id, new Date());
    assert.equal(
      (
        await t.app.inject({
          method: 'GET',
          url: '/api/admin/articles',
          headers: { authorization: `Bearer ${token}` },
        })
      ).statusCode,
      401,
    );
  });

  it('keeps the article-create contract: 201 + url, 422 field errors, 409 slug taken, 413 too large, 404 unknown', async () => {
    const token = await buildToken(getDatabase(), 'editor');
    const auth = { authorization: `Bearer ${token}` };
    const created = await json(
      'POST',
      '/api/admin/articles',
      {
        title: 'Kyiv prepares for winter',
        authors: ['New Reporter', 'The Test news desk'],
        tags: ['Brand new tag'],
        status: 'published',
        published_at: '2022-10-06T15:33',
        html: '<p>Text <script>alert(1)</script></p>',
      },
      auth,
    );
    assert.equal(created.statusCode, 201, created.body);
    const { article } = created.json() as {
      article: {
        id: number;
        slug: string;
        url: string;
        published_at: string;
        authors: Array<{ name: string; kind: string }>;
        tags: Array<{ name: string }>;
        doc: unknown;
      };
    };
    assert.equal(article.url, `http://news.test/${article.slug}/`);
    assert.equal(
      article.published_at,
      '2022-10-06T12:33:00.000Z',
      'a time without offset is wall-clock time in the newsroom zone',
    );
    assert.deepEqual(
      article.authors.map((a) => [a.name, a.kind]),
      [
        ['New Reporter', 'person'],
        ['The Test news desk', 'desk'],
      ],
    );
    assert.deepEqual(
      article.tags.map((tag) => tag.name),
      ['Brand new tag'],
    );
    assert.doesNotMatch(JSON.stringify(article.doc), /script/);

    const invalid = await json(
      'POST',
      '/api/admin/articles',
      { title: '', status: 'live', published_at: 'yesterday', colour: 'red' },
      auth,
    );
    assert.equal(invalid.statusCode, 422);
    const { fields } = invalid.json() as { fields: Record<string, string[]> };
    assert.ok(fields.title && fields.status && fields._, JSON.stringify(fields));
    const badDate = await json(
      'POST',
      '/api/admin/articles',
      { title: 'x', status: 'published', published_at: 'yesterday' },
      auth,
    );
    assert.equal(badDate.statusCode, 422);
    assert.ok((badDate.json() as { fields: Record<string, unknown> }).fields.published_at);

    const taken = await json(
      'POST',
      '/api/admin/articles',
      { title: 'Again', slug: article.slug },
      auth,
    );
    assert.equal(taken.statusCode, 409);
    const badSlug = await json(
      'POST',
      '/api/admin/articles',
      { title: 'Bad slug', slug: '../etc' },
      auth,
    );
    assert.equal(badSlug.statusCode, 422);

    const huge = await json(
      'POST',
      '/api/admin/articles',
      { title: 'Huge', html: 'x'.repeat(100 * 1024) },
      auth,
    );
    assert.equal(huge.statusCode, 413);
    assert.match((huge.json() as { message: string }).message, /limit of 64 KB/);

    assert.equal(
      (await t.app.inject({ method: 'GET', url: '/api/admin/articles/999999', headers: auth }))
        .statusCode,
      404,
    );
    assert.equal(
      (await t.app.inject({ method: 'GET', url: '/api/admin/articles/abc', headers: auth }))
        .statusCode,
      404,
    );
    const notJson = await t.app.inject({
      method: 'POST',
      url: '/api/admin/articles',
      headers: { ...auth, 'content-type': 'application/json' },
      payload: '{"title":',
    });
    assert.equal(notJson.statusCode, 400);
  });

  it('refuses a stale version with 409 and a clear message, never overwriting', async () => {
    const token = await buildToken(getDatabase(), 'editor');
    const auth = { authorization: `Bearer ${token}` };
    const article = await buildArticle(getDatabase(), { status: 'draft' });
    const first = await json(
      'PATCH',
      `/api/admin/articles/${article.id}`,
      { title: 'First editor', version: article.version },
      auth,
    );
    assert.equal(first.statusCode, 200);
    const second = await json(
      'PATCH',
      `/api/admin/articles/${article.id}`,
      { title: 'Second editor', version: article.version },
      auth,
    );
    assert.equal(second.statusCode, 409);
    assert.match((second.json() as { message: string }).message, /changed by someone else/);
    const stored = await json('GET', `/api/admin/articles/${article.id}`, undefined, auth);
    assert.equal((stored.json() as { article: { title: string } }).article.title, 'First editor');
    const revisions = await t.app.inject({
      method: 'GET',
      url: `/api/admin/articles/${article.id}/revisions`,
      headers: auth,
    });
    assert.equal(
      (revisions.json() as { revisions: unknown[] }).revisions.length,
      2,
      'every save kept',
    );
  });

  it('checks every role on every route (matrix)', async () => {
    const database = getDatabase();
    const sessions = {
      contributor: await signIn('contributor'),
      author: await signIn('author'),
      editor: await signIn('editor'),
      admin: await signIn('admin'),
    };
    const other = await buildArticle(database, { status: 'draft', title: 'Someone else’s draft' });
    const otherPublished = await buildArticle(database, { title: 'Someone else’s story' });
    type Expect = Record<Role | 'anonymous', number>;
    const cases: Array<{
      name: string;
      run: (headers: Record<string, string>, role: Role) => Promise<number>;
      expect: Expect;
    }> = [
      {
        name: 'list articles',
        run: async (h) =>
          (
            await t.app.inject({
              method: 'GET',
              url: '/api/admin/articles',
              headers: { cookie: h.cookie ?? '' },
            })
          ).statusCode,
        expect: { anonymous: 401, contributor: 200, author: 200, editor: 200, admin: 200 },
      },
      {
        name: 'create draft',
        run: async (h) =>
          (await json('POST', '/api/admin/articles', { title: 'Draft' }, h)).statusCode,
        expect: { anonymous: 401, contributor: 201, author: 201, editor: 201, admin: 201 },
      },
      {
        name: 'create published',
        run: async (h) =>
          (await json('POST', '/api/admin/articles', { title: 'Live', status: 'published' }, h))
            .statusCode,
        expect: { anonymous: 401, contributor: 403, author: 201, editor: 201, admin: 201 },
      },
      {
        name: 'edit own draft',
        run: async (h) => {
          const created = await json('POST', '/api/admin/articles', { title: 'Mine' }, h);
          if (created.statusCode !== 201) return created.statusCode;
          const { article } = created.json() as { article: { id: number } };
          return (
            await json('PATCH', `/api/admin/articles/${article.id}`, { title: 'Mine, edited' }, h)
          ).statusCode;
        },
        expect: { anonymous: 401, contributor: 200, author: 200, editor: 200, admin: 200 },
      },
      {
        name: 'publish own',
        run: async (h) => {
          const created = await json(
            'POST',
            '/api/admin/articles',
            { title: 'Mine to publish' },
            h,
          );
          if (created.statusCode !== 201) return created.statusCode;
          const { article } = created.json() as { article: { id: number } };
          return (await json('POST', `/api/admin/articles/${article.id}/publish`, {}, h))
            .statusCode;
        },
        expect: { anonymous: 401, contributor: 403, author: 200, editor: 200, admin: 200 },
      },
      {
        name: 'edit other’s',
        run: async (h) =>
          (await json('PATCH', `/api/admin/articles/${other.id}`, { excerpt: 'changed' }, h))
            .statusCode,
        expect: { anonymous: 401, contributor: 403, author: 403, editor: 200, admin: 200 },
      },
      {
        name: 'publish other’s',
        run: async (h) =>
          (await json('POST', `/api/admin/articles/${other.id}/publish`, {}, h)).statusCode,
        expect: { anonymous: 401, contributor: 403, author: 403, editor: 200, admin: 200 },
      },
      {
        name: 'unpublish other’s',
        run: async (h) =>
          (await json('POST', `/api/admin/articles/${otherPublished.id}/unpublish`, {}, h))
            .statusCode,
        expect: { anonymous: 401, contributor: 403, author: 403, editor: 200, admin: 200 },
      },
      {
        name: 'delete other’s',
        run: async (h, role) => {
          const target = await buildArticle(database, { title: `Delete me ${role}` });
          return (
            await t.app.inject({
              method: 'DELETE',
              url: `/api/admin/articles/${target.id}`,
              headers: h,
            })
          ).statusCode;
        },
        expect: { anonymous: 401, contributor: 403, author: 403, editor: 204, admin: 204 },
      },
      {
        name: 'create tag',
        run: async (h, role) =>
          (await json('POST', '/api/admin/tags', { name: `Tag ${role}` }, h)).statusCode,
        expect: { anonymous: 401, contributor: 403, author: 403, editor: 201, admin: 201 },
      },
      {
        name: 'create author',
        run: async (h, role) =>
          (await json('POST', '/api/admin/authors', { name: `Author ${role}`, kind: 'desk' }, h))
            .statusCode,
        expect: { anonymous: 401, contributor: 403, author: 403, editor: 201, admin: 201 },
      },
      {
        name: 'create collection',
        run: async (h, role) =>
          (
            await json(
              'POST',
              '/api/admin/collections',
              { name: `Picks ${role}`, article_ids: [otherPublished.id] },
              h,
            )
          ).statusCode,
        expect: { anonymous: 401, contributor: 403, author: 403, editor: 201, admin: 201 },
      },
      {
        name: 'list tags',
        run: async (h) =>
          (
            await t.app.inject({
              method: 'GET',
              url: '/api/admin/tags',
              headers: { cookie: h.cookie ?? '' },
            })
          ).statusCode,
        expect: { anonymous: 401, contributor: 200, author: 200, editor: 200, admin: 200 },
      },
    ];
    const failures: string[] = [];
    for (const testCase of cases) {
      for (const role of ['anonymous', 'contributor', 'author', 'editor', 'admin'] as const) {
        const headers = role === 'anonymous' ? {} : sessions[role].headers;
        const status = await testCase.run(headers, role === 'anonymous' ? 'contributor' : role);
        if (status !== testCase.expect[role])
          failures.push(
            `${testCase.name} as ${role}: expected ${testCase.expect[role]}, got ${status}`,
          );
      }
    }
    assert.deepEqual(failures, []);
  });

  it('contributors list only their own articles', async () => {
    const { headers, user } = await signIn('contributor');
    await json('POST', '/api/admin/articles', { title: 'Contributor piece' }, headers);
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/admin/articles?limit=100',
      headers: { cookie: headers.cookie },
    });
    const { articles } = list.json() as { articles: Array<{ title: string }> };
    assert.ok(articles.length >= 1);
    assert.ok(
      articles.every((a) => a.title.startsWith('Contributor piece')),
      `${user.email} saw ${articles.map((a) => a.title).join(', ')}`,
    );
  });
});
