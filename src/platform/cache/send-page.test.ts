import assert from 'node:assert/strict';
import { it } from 'node:test';
import Fastify from 'fastify';
import { createPageCache } from './page-cache.js';
import { sendCacheablePage } from './send-page.js';

it('answers a page the cache refuses with the negotiated encoding and its validators', async () => {
  const pageCache = createPageCache({ maxBytes: 0 }); // refuses every page
  const app = Fastify();
  app.get('/page/', (request, reply) =>
    sendCacheablePage(pageCache, request, reply, {
      status: 200,
      contentType: 'text/html; charset=utf-8',
      body: `<p>${'words '.repeat(200)}</p>`,
      surrogateKeys: ['home', 'home'],
    }),
  );
  const first = await app.inject({ url: '/page/', headers: { 'accept-encoding': 'gzip' } });
  assert.equal(first.statusCode, 200);
  assert.equal(first.headers['content-encoding'], 'gzip');
  assert.equal(first.headers['x-cache'], 'MISS');
  assert.equal(first.headers['surrogate-key'], 'home');
  assert.match(String(first.headers.etag), /-gzip"$/);
  assert.ok(first.headers['last-modified']);
  const again = await app.inject({
    url: '/page/',
    headers: { 'accept-encoding': 'gzip', 'if-none-match': String(first.headers.etag) },
  });
  assert.equal(again.statusCode, 304, 'the same bytes give the same ETag');
  const plain = await app.inject({ url: '/page/' });
  assert.equal(plain.headers['content-encoding'], undefined);
  assert.match(plain.body, /^<p>words /);
  assert.equal(pageCache.stats().entries, 0);
  await app.close();
});
