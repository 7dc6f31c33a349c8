import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeEachDialect } from '../platform/db/test-databases.js';
import { buildArticle, buildTestApp, type TestApp } from '../test-support/test-app.js';

describeEachDialect('oEmbed provider', (getDatabase) => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp(getDatabase());
  });
  after(() => t.close());

  const oembed = (query: string) => t.app.inject({ method: 'GET', url: `/oembed?${query}` });

  it('answers oEmbed 1.0 JSON for our article URLs, advertised on the article page', async () => {
    const article = await buildArticle(getDatabase(), {
      title: 'Grid holds <script>alert(1)</script>',
      excerpt: 'Engineers said so.',
      authors: ['Kyiv desk'],
    });
    const url = `http://news.test/${article.slug}/`;
    const page = await t.app.inject({ method: 'GET', url: `/${article.slug}/` });
    const discovery = /<link rel="alternate" type="application\/json\+oembed" href="([^"]+)"/.exec(
      page.body,
    );
    assert.ok(discovery?.[1], 'discovery link in the head');
    const href = discovery[1].replace(/&amp;/g, '&');
    assert.equal(href, `http://news.test/oembed?url=${encodeURIComponent(url)}&format=json`);

    const response = await oembed(`url=${encodeURIComponent(url)}&maxwidth=400`);
    assert.equal(response.statusCode, 200);
    const body = response.json() as Record<string, unknown>;
    assert.equal(body.version, '1.0');
    assert.equal(body.type, 'rich');
    assert.equal(body.title, 'Grid holds <script>alert(1)</script>');
    assert.equal(body.width, 400);
    assert.equal(typeof body.height, 'number');
    assert.equal(body.author_name, 'Kyiv desk');
    assert.equal(body.provider_url, 'http://news.test/');
    const card = String(body.html);
    assert.ok(card.includes('Grid holds &lt;script&gt;'), card);
    assert.ok(!card.includes('<script>'));
    assert.ok(card.includes(`href="${url}"`));
  });

  it('answers 404 for other hosts and unknown articles, 501 for XML, 422 without a url', async () => {
    const article = await buildArticle(getDatabase());
    const elsewhere = `https://evil.example/${article.slug}/`;
    assert.equal((await oembed(`url=${encodeURIComponent(elsewhere)}`)).statusCode, 404);
    const unknown = encodeURIComponent('http://news.test/no-such-article/');
    assert.equal((await oembed(`url=${unknown}`)).statusCode, 404);
    const draft = await buildArticle(getDatabase(), { status: 'draft' });
    const draftUrl = encodeURIComponent(`http://news.test/${draft.slug}/`);
    assert.equal((await oembed(`url=${draftUrl}`)).statusCode, 404);
    const good = encodeURIComponent(`http://news.test/${article.slug}/`);
    assert.equal((await oembed(`url=${good}&format=xml`)).statusCode, 501);
    assert.equal((await oembed('')).statusCode, 422);
    assert.equal((await oembed('url=not%20a%20url')).statusCode, 404);
  });
});
