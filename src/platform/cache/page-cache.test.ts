import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { cacheKeyFor, createPageCache } from './page-cache.js';
import { negotiateEncoding, serveCachedPage } from './serve-cached.js';

const page = (n: number) => `<html><body>${'story '.repeat(200)}${n}</body></html>`;

describe('page cache', () => {
  it('stays within its byte budget, evicting the least recently used', () => {
    const cache = createPageCache({ maxBytes: 20_000 });
    for (let i = 0; i < 50; i += 1) {
      cache.store(`/p${i}/`, {
        status: 200,
        contentType: 'text/html',
        body: page(i),
        surrogateKeys: [`article:${i}`],
      });
      cache.lookup('/p0/'); // keep p0 hot
    }
    const stats = cache.stats();
    assert.ok(stats.bytes <= 20_000, `bytes ${stats.bytes}`);
    assert.ok(stats.entries < 50 && stats.entries > 1);
    assert.ok(cache.lookup('/p0/'), 'the hot entry survives');
    assert.equal(cache.lookup('/p1/'), undefined, 'a cold entry was evicted');
  });

  it('holds what its budget counts: each stored body owns exactly its bytes', () => {
    const cache = createPageCache({ maxBytes: 10_000_000 });
    for (const body of [page(1), '<p>short page</p>', Buffer.from(page(2)).subarray(10)]) {
      const entry = cache.store(`/${body.length}/`, {
        status: 200,
        contentType: 'text/html; charset=utf-8',
        body,
        surrogateKeys: ['home'],
      });
      assert.ok(entry);
      let held = 0;
      for (const encoding of ['identity', 'gzip', 'br'] as const) {
        const stored: Buffer = entry.representations[encoding].body;
        assert.equal(
          stored.buffer.byteLength,
          stored.length,
          `${encoding} holds no more than it is`,
        );
        held += stored.buffer.byteLength;
      }
      assert.ok(held <= entry.bytes, `${held} bytes held, ${entry.bytes} counted`);
    }
  });

  it('purges exactly the entries tagged with a surrogate key', () => {
    const cache = createPageCache({ maxBytes: 10_000_000 });
    cache.store('/a/', {
      status: 200,
      contentType: 'text/html',
      body: 'a',
      surrogateKeys: ['article:1', 'home'],
    });
    cache.store('/b/', {
      status: 200,
      contentType: 'text/html',
      body: 'b',
      surrogateKeys: ['article:2', 'tag:3'],
    });
    cache.store('/', {
      status: 200,
      contentType: 'text/html',
      body: 'home',
      surrogateKeys: ['home'],
    });
    assert.equal(cache.purgeKeys(['home']), 2);
    assert.ok(cache.lookup('/b/'));
    assert.equal(cache.lookup('/a/'), undefined);
    assert.equal(cache.purgeKeys(['tag:3', 'unknown']), 1);
    assert.equal(cache.stats().entries, 0);
    assert.equal(cache.stats().bytes, 0);
  });

  it('stores nothing when disabled (0 bytes) and refuses single pages over a quarter of the budget', () => {
    assert.equal(
      createPageCache({ maxBytes: 0 }).store('/', {
        status: 200,
        contentType: 'text/html',
        body: 'x',
        surrogateKeys: [],
      }),
      undefined,
    );
    const small = createPageCache({ maxBytes: 1000 });
    assert.equal(
      small.store('/', {
        status: 200,
        contentType: 'text/html',
        body: 'x'.repeat(5000),
        surrogateKeys: [],
      }),
      undefined,
    );
  });

  it('refuses a page rendered before a purge of one of its keys, and drops its old version', () => {
    const cache = createPageCache({ maxBytes: 1_000_000 });
    const input = (body: string, generation: number) => ({
      status: 200,
      contentType: 'text/html',
      body,
      surrogateKeys: ['article:1', 'home'],
      generation,
    });
    assert.ok(cache.store('/a/', input('v1', cache.generation())));
    const renderStarted = cache.generation(); // a reader asks for /a/ and rendering begins…
    cache.purgeKeys(['article:1']); // …an editor saves meanwhile
    assert.equal(cache.store('/a/', input('v1 again', renderStarted)), undefined);
    assert.equal(cache.lookup('/a/'), undefined);
    cache.purgeKeys(['tag:9']);
    assert.ok(cache.store('/a/', input('v2', cache.generation() - 1)), 'unrelated purges');
    const beforeAll = cache.generation();
    cache.purgeAll();
    assert.equal(cache.store('/a/', input('v2', beforeAll)), undefined);
    assert.ok(cache.store('/a/', input('v3', cache.generation())));
  });

  it('precomputes headers per encoding, with a configurable Cache-Control', () => {
    const cache = createPageCache({ maxBytes: 1_000_000 });
    const entry = cache.store('/a/', {
      status: 200,
      contentType: 'text/html',
      body: page(1),
      surrogateKeys: ['article:1', 'article:1', 'home'],
      cacheControl: 'public, max-age=5',
    });
    assert.ok(entry);
    assert.deepEqual(entry.surrogateKeys, ['article:1', 'home']);
    const br = entry.representations.br;
    assert.equal(brotliDecompressSync(br.body).toString(), page(1));
    assert.equal(br.headers['content-encoding'], 'br');
    assert.equal(br.headers['cache-control'], 'public, max-age=5');
    assert.equal(br.headers['content-length'], String(br.body.length));
    assert.equal(br.headers['surrogate-key'], 'article:1 home');
    assert.ok(!br.notModifiedHeaderList.includes('content-length'));
    assert.equal(entry.representations.identity.headers['content-encoding'], undefined);
    assert.equal(
      entry.bytes,
      page(1).length + entry.representations.gzip.body.length + br.body.length + 2 * 3,
    );
  });

  it('builds keys that ignore tracking parameters and parameter order', () => {
    assert.equal(cacheKeyFor('GET', '/a/?utm_medium=email&b=2&a=1'), '/a/?a=1&b=2');
    assert.equal(cacheKeyFor('HEAD', '/a/?fbclid=x'), '/a/');
    assert.equal(cacheKeyFor('POST', '/a/'), undefined);
  });

  it('negotiates encodings by q-value', () => {
    const table: Array<[string | undefined, string]> = [
      [undefined, 'identity'],
      ['', 'identity'],
      ['gzip', 'gzip'],
      ['gzip, deflate, br', 'br'],
      ['br;q=0, gzip', 'gzip'],
      ['br;q=0.5, gzip;q=0.8', 'gzip'],
      ['*', 'br'],
      ['*;q=0', 'identity'],
      ['gzip;q=0, *;q=0.1', 'br'],
      ['identity', 'identity'],
      ['GZIP', 'gzip'],
      ['br;q=abc', 'identity'],
    ];
    for (const [header, expected] of table)
      assert.equal(negotiateEncoding(header), expected, String(header));
  });
});

describe('serving cached pages over HTTP', () => {
  const cache = createPageCache({ maxBytes: 10_000_000 });
  let server: Server;
  let base = '';
  before(async () => {
    cache.store('/story/', {
      status: 200,
      contentType: 'text/html; charset=utf-8',
      body: page(1),
      surrogateKeys: ['article:1', 'home'],
    });
    server = createServer((req, res) => {
      const entry = cache.lookup(req.url ?? '');
      if (entry) serveCachedPage(req, res, entry);
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('sends headers for CDNs, the right encoding, 304 on a matching ETag, and no body for HEAD', async () => {
    const { request } = await import('node:http');
    const get = (headers: Record<string, string>, method = 'GET') =>
      new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>(
        (resolve, reject) => {
          const req = request(`${base}/story/`, { method, headers }, (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () =>
              resolve({
                status: res.statusCode ?? 0,
                headers: res.headers,
                body: Buffer.concat(chunks),
              }),
            );
          });
          req.on('error', reject);
          req.end();
        },
      );
    const gz = await get({ 'accept-encoding': 'gzip' });
    assert.equal(gz.status, 200);
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.equal(gunzipSync(gz.body).toString(), page(1));
    assert.equal(gz.headers['surrogate-key'], 'article:1 home');
    assert.match(
      String(gz.headers['cache-control']),
      /public, max-age=60, stale-while-revalidate=600/,
    );
    assert.equal(gz.headers.vary, 'Accept-Encoding');
    const plain = await get({});
    assert.equal(plain.body.toString(), page(1));
    assert.notEqual(plain.headers.etag, gz.headers.etag, 'each representation has its own ETag');
    const notModified = await get({ 'if-none-match': String(plain.headers.etag) });
    assert.equal(notModified.status, 304);
    assert.equal(notModified.body.length, 0);
    assert.equal(plain.headers['x-cache'], 'HIT');
    assert.equal(plain.headers['content-encoding'], undefined);
    const br = await get({ 'accept-encoding': 'gzip, deflate, br' });
    assert.equal(br.headers['content-encoding'], 'br');
    assert.equal(brotliDecompressSync(br.body).toString(), page(1));
    assert.equal(br.headers['content-length'], String(br.body.length));
    const weak = await get({
      'accept-encoding': 'br',
      'if-none-match': `"nope", W/${String(br.headers.etag)}`,
    });
    assert.equal(weak.status, 304, 'If-None-Match compares weakly and takes a list');
    assert.equal(weak.headers.etag, br.headers.etag);
    const otherEncoding = await get({
      'accept-encoding': 'gzip',
      'if-none-match': String(br.headers.etag),
    });
    assert.equal(otherEncoding.status, 200, 'the br tag does not validate the gzip bytes');
    const head = await get({}, 'HEAD');
    assert.equal(head.status, 200);
    assert.equal(head.body.length, 0);
    assert.equal(head.headers['content-length'], String(Buffer.byteLength(page(1))));
  });
});
