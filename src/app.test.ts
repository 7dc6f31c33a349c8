import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { describeEachDialect } from './platform/db/test-databases.js';
import { buildTestApp, buildToken } from './test-support/test-app.js';

// The assembled app over real HTTP: the cache fast path, purges after writes through the
// admin API, and that requests with a session never touch the shared cache.
describeEachDialect('app', (getDatabase) => {
  let app: FastifyInstance;
  let baseUrl = '';
  let token = '';

  before(async () => {
    app = (await buildTestApp(getDatabase(), { baseUrl: 'http://127.0.0.1' })).app;
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    token = await buildToken(getDatabase(), 'editor');
  });

  after(() => app?.close());

  const api = (path: string, method: string, body: unknown) =>
    fetch(`${baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('serves the second anonymous view from the cache and purges it on edit', async () => {
    const created = await api('/api/admin/articles', 'POST', {
      title: 'Grid repairs continue in Kharkiv',
      authors: ['The Ledger news desk'],
      tags: ['Energy'],
      status: 'published',
      html: '<p>Engineers worked through the night.</p>',
    });
    assert.equal(created.status, 201);
    const { article } = (await created.json()) as { article: { id: number; slug: string } };
    const path = `/${article.slug}/`;

    const first = await fetch(`${baseUrl}${path}`);
    assert.equal(first.status, 200);
    assert.equal(first.headers.get('x-cache'), 'MISS');
    const second = await fetch(`${baseUrl}${path}`);
    assert.equal(second.headers.get('x-cache'), 'HIT');
    assert.match(second.headers.get('surrogate-key') ?? '', new RegExp(`article:${article.id}`));
    assert.match(second.headers.get('cache-control') ?? '', /stale-while-revalidate/);
    const etag = second.headers.get('etag') ?? '';
    const conditional = await fetch(`${baseUrl}${path}`, { headers: { 'if-none-match': etag } });
    assert.equal(conditional.status, 304);

    const edited = await api(`/api/admin/articles/${article.id}`, 'PATCH', {
      title: 'Grid repairs finish in Kharkiv',
    });
    assert.equal(edited.status, 200);
    const after = await fetch(`${baseUrl}${path}`);
    assert.equal(after.headers.get('x-cache'), 'MISS', 'the edit purged the page');
    assert.match(await after.text(), /Grid repairs finish in Kharkiv/);

    const home = await fetch(`${baseUrl}/`);
    assert.match(await home.text(), /Grid repairs finish in Kharkiv/);
  });

  it('never serves or stores pages for requests carrying a session cookie', async () => {
    const warm = await fetch(`${baseUrl}/`);
    assert.equal(warm.status, 200);
    assert.equal((await fetch(`${baseUrl}/`)).headers.get('x-cache'), 'HIT');
    const withSession = await fetch(`${baseUrl}/`, { headers: { cookie: 'masthead_session=abc' } });
    assert.notEqual(withSession.headers.get('x-cache'), 'HIT');
    const withAuth = await fetch(`${baseUrl}/`, { headers: { authorization: `Bearer ${token}` } });
    assert.notEqual(withAuth.headers.get('x-cache'), 'HIT');
  });

  it('gives a miss the same ETag, Last-Modified, encodings and 304s as a hit, HEAD included', async () => {
    const created = await api('/api/admin/articles', 'POST', {
      title: 'Revalidation on a miss',
      authors: ['The Ledger news desk'],
      tags: ['Energy'],
      status: 'published',
      html: '<p>Conditional requests after a purge.</p>',
    });
    const { article } = (await created.json()) as { article: { slug: string } };
    const path = `/${article.slug}/`;
    // HEAD first: a miss, answered without a body but with the validators.
    const head = await fetch(`${baseUrl}${path}`, { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(head.headers.get('x-cache'), 'MISS');
    const etag = head.headers.get('etag') ?? '';
    assert.match(etag, /^"[\w-]{22}(-gzip|-br)?"$/);
    const lastModified = head.headers.get('last-modified') ?? '';
    assert.ok(Number.isFinite(Date.parse(lastModified)), 'Last-Modified is an HTTP date');
    assert.equal(await head.text(), '');
    // The hit carries the same validators; both answer 304 to them.
    const hit = await fetch(`${baseUrl}${path}`);
    assert.equal(hit.headers.get('x-cache'), 'HIT');
    assert.equal(hit.headers.get('etag'), etag);
    assert.equal(hit.headers.get('last-modified'), lastModified);
    const conditions: Record<string, string>[] = [
      { 'if-none-match': etag },
      { 'if-modified-since': lastModified },
    ];
    for (const headers of conditions) {
      const conditional = await fetch(`${baseUrl}${path}`, { headers });
      assert.equal(conditional.status, 304, JSON.stringify(headers));
      assert.equal(await conditional.text(), '');
    }
    // An If-None-Match that does not match wins over a matching If-Modified-Since.
    const changed = await fetch(`${baseUrl}${path}`, {
      headers: { 'if-none-match': '"other"', 'if-modified-since': lastModified },
    });
    assert.equal(changed.status, 200);

    // After a purge the next view is a miss: compressed as the reader asked, revalidatable.
    await api('/api/admin/articles', 'POST', {
      title: 'Another story purges the home page',
      authors: ['The Ledger news desk'],
      tags: ['Energy'],
      status: 'published',
      html: '<p>x</p>',
    });
    const miss = await fetch(`${baseUrl}/`, { headers: { 'accept-encoding': 'br' } });
    assert.equal(miss.headers.get('x-cache'), 'MISS');
    assert.equal(miss.headers.get('content-encoding'), 'br');
    assert.equal(miss.headers.get('vary'), 'Accept-Encoding');
    assert.match(await miss.text(), /Another story purges the home page/);
    const revalidated = await fetch(`${baseUrl}/`, {
      headers: { 'accept-encoding': 'br', 'if-none-match': miss.headers.get('etag') ?? '' },
    });
    assert.equal(revalidated.status, 304);
    assert.equal(revalidated.headers.get('x-cache'), 'HIT');
  });

  it('serves cached pages to readers with non-session cookies; never to a session', async () => {
    const readerCookies = 'masthead_consent=1; masthead_prompt_views=3; masthead_member=free';
    await fetch(`${baseUrl}/tag/energy/`);
    const reader = await fetch(`${baseUrl}/tag/energy/?utm_source=newsletter`, {
      headers: { cookie: readerCookies },
    });
    assert.equal(reader.headers.get('x-cache'), 'HIT');
    const staff = await fetch(`${baseUrl}/tag/energy/`, {
      headers: { cookie: `${readerCookies}; masthead_session=abc` },
    });
    assert.notEqual(staff.headers.get('x-cache'), 'HIT');
    assert.equal(staff.headers.get('etag'), null, 'a session answer is not revalidated');
  });

  it('changes the ETag with a purge, and never stores a page rendered for a session', async () => {
    const created = await api('/api/admin/articles', 'POST', {
      title: 'Water restored in Mykolaiv',
      authors: ['The Ledger news desk'],
      tags: ['Energy'],
      status: 'published',
      html: '<p>The first pipes were repaired.</p>',
    });
    const { article } = (await created.json()) as { article: { id: number; slug: string } };
    const url = `${baseUrl}/${article.slug}/`;
    const miss = await fetch(url);
    assert.equal(miss.headers.get('x-cache'), 'MISS');
    const before = miss.headers.get('etag') ?? '';
    assert.equal((await fetch(url)).headers.get('etag'), before);

    await api(`/api/admin/articles/${article.id}`, 'PATCH', {
      html: '<p>Every pipe was repaired.</p>',
    });
    // The old validator no longer matches: the new page, with its own ETag.
    const changed = await fetch(url, { headers: { 'if-none-match': before } });
    assert.equal(changed.status, 200);
    assert.equal(changed.headers.get('x-cache'), 'MISS');
    const after = changed.headers.get('etag') ?? '';
    assert.match(after, /^"[\w-]{22}(-gzip|-br)?"$/);
    assert.notEqual(after, before);
    assert.match(await changed.text(), /Every pipe was repaired/);
    const revalidated = await fetch(url, { method: 'HEAD', headers: { 'if-none-match': after } });
    assert.equal(revalidated.status, 304);
    assert.equal(revalidated.headers.get('x-cache'), 'HIT');

    await api(`/api/admin/articles/${article.id}`, 'PATCH', { title: 'Water restored' });
    const staff = await fetch(url, {
      headers: { cookie: 'masthead_consent=1; masthead_session=abc' },
    });
    assert.equal(staff.status, 200);
    assert.equal(staff.headers.get('cache-control'), 'private, no-store');
    assert.equal(staff.headers.get('etag'), null);
    assert.equal(
      (await fetch(url)).headers.get('x-cache'),
      'MISS',
      'the page rendered for the session was not stored',
    );
    assert.equal((await fetch(url)).headers.get('x-cache'), 'HIT');
    const staffAgain = await fetch(url, { headers: { Cookie: 'masthead_session=abc' } });
    assert.notEqual(staffAgain.headers.get('x-cache'), 'HIT', 'nor served from the cache');
  });

  it('answers browser-shaped requests from the cache: any header case, reader cookies, 304s', async () => {
    const { request } = await import('node:http');
    await fetch(`${baseUrl}/tag/energy/`);
    const get = (headers: Record<string, string>) =>
      new Promise<{ status: number; headers: Record<string, unknown>; bytes: number }>(
        (resolve, reject) => {
          const req = request(`${baseUrl}/tag/energy/`, { headers }, (res) => {
            let bytes = 0;
            res.on('data', (chunk: Buffer) => (bytes += chunk.length));
            res.on('end', () =>
              resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes }),
            );
          });
          req.on('error', reject);
          req.end();
        },
      );
    const browser = {
      Accept: 'text/html,application/xhtml+xml',
      'Accept-Language': 'uk,en;q=0.8',
      'User-Agent': 'Mozilla/5.0 (X11; Linux x86_64)',
      'ACCEPT-ENCODING': 'gzip, deflate, br',
      Cookie: 'masthead_consent=analytics; masthead_prompt_views=4; utm=newsletter',
    };
    const hit = await get(browser);
    assert.equal(hit.status, 200);
    assert.equal(hit.headers['x-cache'], 'HIT');
    assert.equal(hit.headers['content-encoding'], 'br');
    const etag = String(hit.headers.etag);
    const lastModified = String(hit.headers['last-modified']);
    const byTag = await get({ ...browser, 'IF-NONE-MATCH': `W/${etag}` });
    assert.equal(byTag.status, 304);
    assert.equal(byTag.bytes, 0);
    const byDate = await get({ ...browser, 'If-Modified-Since': lastModified });
    assert.equal(byDate.status, 304);
    const older = await get({ ...browser, 'If-Modified-Since': 'Thu, 01 Jan 2015 00:00:00 GMT' });
    assert.equal(older.status, 200);
    const session = await get({ ...browser, COOKIE: 'masthead_session=abc' });
    assert.notEqual(session.headers['x-cache'], 'HIT');
    const bearer = await get({ ...browser, Authorization: `Bearer ${token}` });
    assert.notEqual(bearer.headers['x-cache'], 'HIT');
  });

  it('answers /healthz without caching it', async () => {
    const health = await fetch(`${baseUrl}/healthz`);
    assert.equal(health.status, 200);
    assert.deepEqual(await health.json(), { status: 'ok', database: 'ok', storage: 'ok' });
    assert.notEqual((await fetch(`${baseUrl}/healthz`)).headers.get('x-cache'), 'HIT');
  });
});
