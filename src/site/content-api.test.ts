import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeEachDialect } from '../platform/db/test-databases.js';
import { buildArticle, buildTestApp, buildToken, type TestApp } from '../test-support/test-app.js';

describeEachDialect('public content API', (getDatabase) => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp(getDatabase());
  });
  after(() => t.close());

  it('lists and shows published articles only, without private fields', async () => {
    const published = await buildArticle(getDatabase(), {
      title: 'Public story',
      tags: ['Energy'],
      html: '<p>Body <strong>text</strong>.</p>',
    });
    const draft = await buildArticle(getDatabase(), { title: 'Draft story', status: 'draft' });
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/content/articles?tag=energy&limit=5',
    });
    assert.equal(list.statusCode, 200);
    assert.equal(list.headers['access-control-allow-origin'], '*');
    const { articles } = list.json() as { articles: Array<Record<string, unknown>> };
    assert.deepEqual(
      articles.map((a) => a.title),
      ['Public story'],
    );
    const one = await t.app.inject({
      method: 'GET',
      url: `/api/content/articles/${published.slug}`,
    });
    const { article } = one.json() as { article: Record<string, unknown> };
    assert.equal(article.html, '<p>Body <strong>text</strong>.</p>');
    assert.equal(article.url, `http://news.test/${published.slug}/`);
    for (const secret of [
      'id',
      'created_by',
      'created_by_token',
      'plain_text',
      'doc',
      'version',
      'status',
    ])
      assert.ok(!(secret in article), secret);
    assert.equal(
      (await t.app.inject({ method: 'GET', url: `/api/content/articles/${draft.slug}` }))
        .statusCode,
      404,
    );
    assert.equal(
      (await t.app.inject({ method: 'GET', url: '/api/content/articles?limit=500' })).statusCode,
      422,
    );
    assert.equal(
      (await t.app.inject({ method: 'GET', url: '/api/content/nothing' })).statusCode,
      404,
    );
  });

  it('enqueues a durable cache purge in the same transaction as an admin change', async () => {
    const token = await buildToken(getDatabase(), 'editor');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/admin/articles',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ title: 'Purge me', status: 'published' }),
    });
    assert.equal(created.statusCode, 201);
    const { article } = created.json() as { article: { id: number } };
    const jobs = await getDatabase()
      .db.selectFrom('jobs')
      .select(['payload'])
      .where('name', '=', 'cache.purge')
      .execute();
    assert.ok(jobs.some((job) => job.payload.includes(`article:${article.id}`)));
    assert.ok(
      t.purged.includes(`article:${article.id}`) && t.purged.includes('home'),
      'purged at once too',
    );
  });
});
