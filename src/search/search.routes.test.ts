import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { HtmlValidate } from 'html-validate';
import { describeEachDialect } from '../platform/db/test-databases.js';
import { buildArticle, buildTestApp, buildToken, type TestApp } from '../test-support/test-app.js';

// Input that has broken search engines: FTS syntax, SQL, unicode, control characters, junk.
const nastyQueries = [
  'AND',
  'OR',
  'NOT',
  'a AND',
  'OR b',
  'NOT NOT NOT',
  'NEAR(a b, 3)',
  'NEAR/2',
  '*',
  'kyi*',
  '^kyiv',
  'title:kyiv',
  'body : x',
  '(((',
  ')))',
  '"',
  '"""',
  '"unbalanced quote',
  'kyiv"',
  "'",
  "'; DROP TABLE articles; --",
  "1' OR '1'='1",
  'kyiv & power | !winter <-> (x)',
  "a:* & b:*A'",
  '\\',
  '%_%',
  '-',
  '--',
  '-kyiv',
  '+kyiv +winter',
  '🎉🔥💥',
  'Київ 🎉 "power" -grid',
  '東京 電力',
  'ﷺ مرحبا',
  'e\u0301lan',
  '\u0000\u0001\u001f',
  '\uE000kyiv\uE001',
  '<script>alert(1)</script>',
  '&amp; &lt;',
  'x'.repeat(1000),
  'kyiv '.repeat(200),
  '"a b c d e f g h i j k l m n o p"',
  'the and of',
  ' ',
  '',
];

describeEachDialect('search routes', (getDatabase) => {
  let test: TestApp;
  before(async () => {
    test = await buildTestApp(getDatabase());
    await buildArticle(getDatabase(), {
      title: 'Kyiv power grid holds through winter',
      excerpt: 'Engineers kept the lights on.',
      tags: ['Energy'],
      authors: ['Olena Shevchuk'],
      html: '<p>The grid in Kyiv held &lt;b&gt;firm&lt;/b&gt; through the coldest winter in years.</p>',
    });
    await buildArticle(getDatabase(), { title: 'Київ готується до зими', language: 'uk' });
  });
  after(() => test.close());

  it(`never errors: ${nastyQueries.length} hostile queries answer 200 on the page and the API`, async () => {
    for (const q of nastyQueries) {
      const encoded = encodeURIComponent(q);
      const page = await test.app.inject({ method: 'GET', url: `/search?q=${encoded}` });
      assert.equal(page.statusCode, 200, `page for ${JSON.stringify(q.slice(0, 40))}`);
      const api = await test.app.inject({ method: 'GET', url: `/api/content/search?q=${encoded}` });
      assert.equal(api.statusCode, 200, `API for ${JSON.stringify(q.slice(0, 40))}`);
      const body = api.json<{ results: unknown[]; total: number }>();
      assert.ok(Array.isArray(body.results) && typeof body.total === 'number');
    }
  });

  it('answers the API with results, snippets, bylines, tags and CORS', async () => {
    const response = await test.app.inject({ method: 'GET', url: '/api/content/search?q=grid' });
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers['access-control-allow-origin'], '*');
    const body = response.json<{
      results: Array<Record<string, unknown>>;
      total: number;
      page: number;
    }>();
    assert.equal(body.total, 1);
    assert.equal(body.page, 1);
    const [hit] = body.results;
    assert.ok(hit);
    assert.equal(hit.title, 'Kyiv power grid holds through winter');
    assert.equal(hit.url, 'http://news.test/kyiv-power-grid-holds-through-winter/');
    assert.equal(hit.excerpt, 'Engineers kept the lights on.');
    assert.match(String(hit.snippet_html), /<mark>grid<\/mark>/);
    assert.equal(hit.title_html, 'Kyiv power <mark>grid</mark> holds through winter');
    assert.doesNotMatch(String(hit.snippet_html), /<b>/, 'stored text is escaped');
    assert.deepEqual(hit.authors, [
      {
        name: 'Olena Shevchuk',
        slug: 'olena-shevchuk',
        url: 'http://news.test/author/olena-shevchuk/',
      },
    ]);
    assert.deepEqual(hit.tags, [
      { name: 'Energy', slug: 'energy', url: 'http://news.test/tag/energy/' },
    ]);
    assert.equal(typeof hit.published_at, 'string');
    assert.equal(typeof hit.id, 'number');
  });

  it('finds Cyrillic through the page and the API', async () => {
    for (const q of ['КИЇВ', 'київ']) {
      const body = (
        await test.app.inject({
          method: 'GET',
          url: `/api/content/search?q=${encodeURIComponent(q)}`,
        })
      ).json<{ results: Array<{ title: string }> }>();
      assert.deepEqual(
        body.results.map((r) => r.title),
        ['Київ готується до зими'],
        q,
      );
    }
  });

  it('rejects filters that mean nothing with a clear 422', async () => {
    for (const query of [
      'from=2026-02-30',
      'to=yesterday',
      'page=0',
      'page=abc',
      'from=2026-03-02&to=2026-03-01',
    ]) {
      const api = await test.app.inject({
        method: 'GET',
        url: `/api/content/search?q=kyiv&${query}`,
      });
      assert.equal(api.statusCode, 422, query);
      assert.match(api.json<{ message: string }>().message, /correct/);
      const page = await test.app.inject({ method: 'GET', url: `/search?q=kyiv&${query}` });
      assert.equal(page.statusCode, 422, query);
      assert.match(page.body, /Please correct the search/);
    }
  });

  it('renders a valid, noindex page with highlighted results that is not stored in the page cache', async () => {
    const validator = new HtmlValidate({
      extends: ['html-validate:recommended'],
      rules: { 'long-title': 'off' },
    });
    for (const url of [
      '/search',
      '/search?q=grid',
      '/search?q=nothing-matches-this',
      '/search?q=%22%3Cscript%3E&from=2026-02-30',
    ]) {
      const response = await test.app.inject({ method: 'GET', url });
      const report = await validator.validateString(response.body);
      const messages = report.results.flatMap((r) =>
        r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.message}`),
      );
      assert.deepEqual(messages, [], `html-validate on ${url}`);
      assert.match(response.body, /<meta name="robots" content="noindex">/);
      assert.match(response.body, /<form class="site-search" role="search" action="\/search"/);
    }
    const page = await test.app.inject({ method: 'GET', url: '/search?q=grid' });
    assert.match(page.body, /1 result for “grid”/);
    assert.match(page.body, /<mark>grid<\/mark>/);
    assert.match(page.body, /<label for="search-q">Search for<\/label>/);
    const none = await test.app.inject({ method: 'GET', url: '/search?q=nothing-matches-this' });
    assert.match(none.body, /No results for “nothing-matches-this”/);
    const again = await test.app.inject({ method: 'GET', url: '/search?q=grid' });
    assert.equal(again.headers['x-cache'], undefined, 'never served from the page cache');
  });

  it('pages keep the query and filters in their links', async () => {
    for (let n = 0; n < 11; n += 1)
      await buildArticle(getDatabase(), { title: `Tramline ${n}`, tags: ['Transport'] });
    const response = await test.app.inject({
      method: 'GET',
      url: '/search?q=tramline&tag=transport',
    });
    assert.match(response.body, /11 results for “tramline”/);
    assert.match(
      response.body,
      /href="\/search\?q=tramline&amp;tag=transport&amp;page=2" rel="next"/,
    );
    const second = await test.app.inject({
      method: 'GET',
      url: '/search?q=tramline&tag=transport&page=2',
    });
    assert.match(second.body, /Page 2 of 2/);
  });

  it('renaming or deleting a tag or author re-indexes their articles', async () => {
    const token = await buildToken(getDatabase(), 'editor');
    const headers = { authorization: `Bearer ${token}` };
    await buildArticle(getDatabase(), {
      title: 'Harbour dredging',
      tags: ['Ports'],
      authors: ['Petro Kozak'],
    });
    const total = async (q: string) =>
      (await test.app.inject({ method: 'GET', url: `/api/content/search?q=${q}` })).json<{
        total: number;
      }>().total;
    const { db } = getDatabase();
    const tag = await db
      .selectFrom('tags')
      .select('id')
      .where('slug', '=', 'ports')
      .executeTakeFirstOrThrow();
    const author = await db
      .selectFrom('authors')
      .select('id')
      .where('slug', '=', 'petro-kozak')
      .executeTakeFirstOrThrow();
    assert.equal(await total('ports'), 1);
    const renamed = await test.app.inject({
      method: 'PATCH',
      url: `/api/admin/tags/${tag.id}`,
      headers,
      payload: { name: 'Seaports' },
    });
    assert.equal(renamed.statusCode, 200);
    assert.equal(await total('seaports'), 1, 'found by the new tag name');
    assert.equal(await total('ports '), 0, 'not by the old one');
    const renamedAuthor = await test.app.inject({
      method: 'PATCH',
      url: `/api/admin/authors/${author.id}`,
      headers,
      payload: { name: 'Petro Kozachenko' },
    });
    assert.equal(renamedAuthor.statusCode, 200);
    assert.equal(await total('kozachenko'), 1);
    const deleted = await test.app.inject({
      method: 'DELETE',
      url: `/api/admin/tags/${tag.id}`,
      headers,
    });
    assert.equal(deleted.statusCode, 204);
    assert.equal(await total('seaports'), 0, 'a deleted tag no longer finds its articles');
    assert.equal(await total('dredging'), 1);
  });
});
