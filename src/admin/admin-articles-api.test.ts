// The admin articles API contract: create (201, 422, 409, 413, 404, 400) and optimistic
// versioning on update.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEachDialect } from '../platform/db/test-databases.js';
import { buildArticle, buildToken } from '../test-support/test-app.js';
import { setUpAdminApi } from './test-fixtures/admin-api-harness.js';

describeEachDialect('admin API: articles', (getDatabase) => {
  const t = setUpAdminApi(getDatabase);
  const { json } = t;

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
});
