import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeEachDialect } from '../platform/db/test-databases.js';
import { buildArticle, buildTestApp, signInAs, type TestApp } from '../test-support/test-app.js';
import { touchPresence } from './article-presence.repository.js';

describeEachDialect('article editing routes', (getDatabase) => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp(getDatabase());
  });
  after(() => t.close());

  const request = (
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    headers: Record<string, string>,
    body?: unknown,
  ) =>
    t.app.inject({
      method,
      url,
      headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    });

  it('shows who is editing an article, and forgets people who went quiet', async () => {
    const article = await buildArticle(getDatabase(), { status: 'draft' });
    const olena = await signInAs(t, 'editor', 'Olena');
    const taras = await signInAs(t, 'editor', 'Taras');
    assert.equal(
      (await request('POST', `/api/admin/articles/${article.id}/presence`, olena.headers))
        .statusCode,
      200,
    );
    const seen = await request('POST', `/api/admin/articles/${article.id}/presence`, taras.headers);
    const names = (seen.json() as { editing: { name: string }[] }).editing.map((e) => e.name);
    assert.equal(names.length, 2);
    assert.ok(names.some((n) => n.startsWith('Olena')) && names.some((n) => n.startsWith('Taras')));

    const list = await request('GET', '/api/admin/articles?status=draft', olena.headers);
    const row = (list.json() as { articles: { id: number; editing: unknown[] }[] }).articles.find(
      (a) => a.id === article.id,
    );
    assert.equal(row?.editing.length, 2);

    // Taras's last heartbeat was two minutes ago: he has left.
    await touchPresence(
      getDatabase().db,
      article.id,
      taras.user.id,
      new Date(Date.now() - 120_000),
    );
    const one = await request('GET', `/api/admin/articles/${article.id}`, olena.headers);
    const editing = (one.json() as { article: { editing: { user_id: number }[] } }).article.editing;
    assert.deepEqual(
      editing.map((e) => e.user_id),
      [olena.user.id],
    );

    const left = await request(
      'DELETE',
      `/api/admin/articles/${article.id}/presence`,
      olena.headers,
    );
    assert.equal(left.statusCode, 204);
    const none = await request('GET', `/api/admin/articles/${article.id}`, olena.headers);
    assert.deepEqual((none.json() as { article: { editing: unknown[] } }).article.editing, []);
  });

  it('shows one revision and restores it as a new version, refusing a stale version', async () => {
    const editor = await signInAs(t, 'editor');
    const created = await request('POST', '/api/admin/articles', editor.headers, {
      title: 'First headline',
      html: '<p>First text.</p>',
      authors: ['Desk'],
    });
    const { id } = (created.json() as { article: { id: number } }).article;
    const changed = await request('PATCH', `/api/admin/articles/${id}`, editor.headers, {
      version: 1,
      title: 'Second headline',
      html: '<p>Second text.</p>',
    });
    assert.equal(changed.statusCode, 200, changed.body);
    const history = await request('GET', `/api/admin/articles/${id}/revisions`, editor.headers);
    const revisions = (history.json() as { revisions: { id: number; version: number }[] })
      .revisions;
    const first = revisions.find((r) => r.version === 1);
    assert.ok(first);
    const detail = await request(
      'GET',
      `/api/admin/articles/${id}/revisions/${first.id}`,
      editor.headers,
    );
    assert.equal(
      (detail.json() as { revision: { snapshot: { title: string } } }).revision.snapshot.title,
      'First headline',
    );

    const stale = await request(
      'POST',
      `/api/admin/articles/${id}/revisions/${first.id}/restore`,
      editor.headers,
      { version: 1 },
    );
    assert.equal(stale.statusCode, 409);

    const restored = await request(
      'POST',
      `/api/admin/articles/${id}/revisions/${first.id}/restore`,
      editor.headers,
      { version: 2 },
    );
    assert.equal(restored.statusCode, 200, restored.body);
    const article = (restored.json() as { article: { title: string; version: number } }).article;
    assert.equal(article.title, 'First headline');
    assert.equal(article.version, 3);

    const missing = await request(
      'GET',
      `/api/admin/articles/${id}/revisions/999999`,
      editor.headers,
    );
    assert.equal(missing.statusCode, 404);
  });

  it('previews a draft exactly as the public page, noindex and uncached, for staff only', async () => {
    const draft = await buildArticle(getDatabase(), {
      status: 'draft',
      title: 'Draft <script>alert(1)</script> headline',
    });
    const anonymous = await t.app.inject({ method: 'GET', url: `/admin/preview/${draft.id}` });
    assert.equal(anonymous.statusCode, 401);
    assert.match(anonymous.body, /Please sign in/);

    const editor = await signInAs(t, 'editor');
    const preview = await t.app.inject({
      method: 'GET',
      url: `/admin/preview/${draft.id}`,
      headers: { cookie: editor.headers.cookie },
    });
    assert.equal(preview.statusCode, 200);
    assert.match(preview.body, /<meta name="robots" content="noindex">/);
    assert.equal(preview.headers['cache-control'], 'private, no-store');
    assert.ok(preview.body.includes('Draft &lt;script&gt;alert(1)&lt;/script&gt; headline'));
    assert.ok(!preview.body.includes('<script>alert(1)'));

    const publicPage = await t.app.inject({ method: 'GET', url: `/${draft.slug}/` });
    assert.equal(publicPage.statusCode, 404, 'a draft is not public');

    const contributor = await signInAs(t, 'contributor');
    const refused = await t.app.inject({
      method: 'GET',
      url: `/admin/preview/${draft.id}`,
      headers: { cookie: contributor.headers.cookie },
    });
    assert.equal(refused.statusCode, 403);

    const bad = await t.app.inject({
      method: 'GET',
      url: '/admin/preview/not-a-number',
      headers: { cookie: editor.headers.cookie },
    });
    assert.ok(bad.statusCode === 404 || bad.statusCode === 422);
  });
});
