import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeEachDialect } from '../db/test-databases.js';
import { buildArticle, buildTestApp, type TestApp } from '../../test-support/test-app.js';
import { matchesEtag } from '../cache/serve-cached.js';

it('compares If-None-Match weakly, in lists and with *', () => {
  assert.ok(matchesEtag('"abc"', '"abc"'));
  assert.ok(matchesEtag('W/"abc"', '"abc"'));
  assert.ok(matchesEtag('"x", W/"abc"', '"abc"'));
  assert.ok(matchesEtag('*', '"abc"'));
  assert.ok(!matchesEtag('"abd"', '"abc"'));
});

describeEachDialect('ETags on what Fastify renders', (getDatabase) => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp(getDatabase());
    await buildArticle(getDatabase(), { title: 'Tagged answers' });
  });
  after(() => t.close());

  for (const url of ['/api/content/articles', '/api/content/search?q=tagged', '/search?q=tagged']) {
    it(`answers ${url} with an ETag, and 304 to a matching If-None-Match (GET and HEAD)`, async () => {
      const first = await t.app.inject({ url });
      assert.equal(first.statusCode, 200, first.body);
      const etag = first.headers.etag;
      assert.match(String(etag), /^"[A-Za-z0-9_-]{22}"$/);
      const again = await t.app.inject({ url, headers: { 'if-none-match': String(etag) } });
      assert.equal(again.statusCode, 304);
      assert.equal(again.body, '');
      assert.equal(again.headers.etag, etag);
      const head = await t.app.inject({
        method: 'HEAD',
        url,
        headers: { 'if-none-match': `W/${String(etag)}` },
      });
      assert.equal(head.statusCode, 304);
      const other = await t.app.inject({ url, headers: { 'if-none-match': '"something-else"' } });
      assert.equal(other.statusCode, 200);
      assert.equal(other.body, first.body);
    });
  }

  it('tags a 404 page but never answers it 304', async () => {
    const missing = await t.app.inject({ url: '/api/content/articles/no-such-story' });
    assert.equal(missing.statusCode, 404);
    assert.match(String(missing.headers.etag), /^"[A-Za-z0-9_-]{22}"$/, 'the API says public');
    const again = await t.app.inject({
      url: '/api/content/articles/no-such-story',
      headers: { 'if-none-match': String(missing.headers.etag) },
    });
    assert.equal(again.statusCode, 404);
  });

  it('leaves personal answers without an ETag', async () => {
    const account = await t.app.inject({ url: '/account/sign-in' });
    assert.equal(account.headers.etag, undefined);
    assert.doesNotMatch(String(account.headers['cache-control'] ?? ''), /public/);
  });
});
