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

  it('answers /healthz without caching it', async () => {
    const health = await fetch(`${baseUrl}/healthz`);
    assert.equal(health.status, 200);
    assert.deepEqual(await health.json(), { status: 'ok', database: 'ok' });
    assert.notEqual((await fetch(`${baseUrl}/healthz`)).headers.get('x-cache'), 'HIT');
  });
});
