// Who may do what in the admin API: every role (and anonymous) against every route, and
// contributors seeing only their own articles.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEachDialect } from '../platform/db/test-databases.js';
import { buildArticle } from '../test-support/test-app.js';
import type { Role } from './test-fixtures/admin-client.js';
import { setUpAdminApi } from './test-fixtures/admin-api-harness.js';

describeEachDialect('admin API: roles', (getDatabase) => {
  const t = setUpAdminApi(getDatabase);
  const { json, signIn } = t;

  it('checks every role on every route (matrix)', async () => {
    const database = getDatabase();
    const sessions = {
      contributor: await signIn('contributor'),
      author: await signIn('author'),
      editor: await signIn('editor'),
      admin: await signIn('admin'),
    };
    const other = await buildArticle(database, { status: 'draft', title: 'Someone else’s draft' });
    const otherPublished = await buildArticle(database, { title: 'Someone else’s story' });
    type Expect = Record<Role | 'anonymous', number>;
    const cases: Array<{
      name: string;
      run: (headers: Record<string, string>, role: Role) => Promise<number>;
      expect: Expect;
    }> = [
      {
        name: 'list articles',
        run: async (h) =>
          (
            await t.app.inject({
              method: 'GET',
              url: '/api/admin/articles',
              headers: { cookie: h.cookie ?? '' },
            })
          ).statusCode,
        expect: { anonymous: 401, contributor: 200, author: 200, editor: 200, admin: 200 },
      },
      {
        name: 'create draft',
        run: async (h) =>
          (await json('POST', '/api/admin/articles', { title: 'Draft' }, h)).statusCode,
        expect: { anonymous: 401, contributor: 201, author: 201, editor: 201, admin: 201 },
      },
      {
        name: 'create published',
        run: async (h) =>
          (await json('POST', '/api/admin/articles', { title: 'Live', status: 'published' }, h))
            .statusCode,
        expect: { anonymous: 401, contributor: 403, author: 201, editor: 201, admin: 201 },
      },
      {
        name: 'edit own draft',
        run: async (h) => {
          const created = await json('POST', '/api/admin/articles', { title: 'Mine' }, h);
          if (created.statusCode !== 201) return created.statusCode;
          const { article } = created.json() as { article: { id: number } };
          return (
            await json('PATCH', `/api/admin/articles/${article.id}`, { title: 'Mine, edited' }, h)
          ).statusCode;
        },
        expect: { anonymous: 401, contributor: 200, author: 200, editor: 200, admin: 200 },
      },
      {
        name: 'publish own',
        run: async (h) => {
          const created = await json(
            'POST',
            '/api/admin/articles',
            { title: 'Mine to publish' },
            h,
          );
          if (created.statusCode !== 201) return created.statusCode;
          const { article } = created.json() as { article: { id: number } };
          return (await json('POST', `/api/admin/articles/${article.id}/publish`, {}, h))
            .statusCode;
        },
        expect: { anonymous: 401, contributor: 403, author: 200, editor: 200, admin: 200 },
      },
      {
        name: 'edit other’s',
        run: async (h) =>
          (await json('PATCH', `/api/admin/articles/${other.id}`, { excerpt: 'changed' }, h))
            .statusCode,
        expect: { anonymous: 401, contributor: 403, author: 403, editor: 200, admin: 200 },
      },
      {
        name: 'publish other’s',
        run: async (h) =>
          (await json('POST', `/api/admin/articles/${other.id}/publish`, {}, h)).statusCode,
        expect: { anonymous: 401, contributor: 403, author: 403, editor: 200, admin: 200 },
      },
      {
        name: 'unpublish other’s',
        run: async (h) =>
          (await json('POST', `/api/admin/articles/${otherPublished.id}/unpublish`, {}, h))
            .statusCode,
        expect: { anonymous: 401, contributor: 403, author: 403, editor: 200, admin: 200 },
      },
      {
        name: 'delete other’s',
        run: async (h, role) => {
          const target = await buildArticle(database, { title: `Delete me ${role}` });
          return (
            await t.app.inject({
              method: 'DELETE',
              url: `/api/admin/articles/${target.id}`,
              headers: h,
            })
          ).statusCode;
        },
        expect: { anonymous: 401, contributor: 403, author: 403, editor: 204, admin: 204 },
      },
      {
        name: 'create tag',
        run: async (h, role) =>
          (await json('POST', '/api/admin/tags', { name: `Tag ${role}` }, h)).statusCode,
        expect: { anonymous: 401, contributor: 403, author: 403, editor: 201, admin: 201 },
      },
      {
        name: 'create author',
        run: async (h, role) =>
          (await json('POST', '/api/admin/authors', { name: `Author ${role}`, kind: 'desk' }, h))
            .statusCode,
        expect: { anonymous: 401, contributor: 403, author: 403, editor: 201, admin: 201 },
      },
      {
        name: 'create collection',
        run: async (h, role) =>
          (
            await json(
              'POST',
              '/api/admin/collections',
              { name: `Picks ${role}`, article_ids: [otherPublished.id] },
              h,
            )
          ).statusCode,
        expect: { anonymous: 401, contributor: 403, author: 403, editor: 201, admin: 201 },
      },
      {
        name: 'list tags',
        run: async (h) =>
          (
            await t.app.inject({
              method: 'GET',
              url: '/api/admin/tags',
              headers: { cookie: h.cookie ?? '' },
            })
          ).statusCode,
        expect: { anonymous: 401, contributor: 200, author: 200, editor: 200, admin: 200 },
      },
    ];
    const failures: string[] = [];
    for (const testCase of cases) {
      for (const role of ['anonymous', 'contributor', 'author', 'editor', 'admin'] as const) {
        const headers = role === 'anonymous' ? {} : sessions[role].headers;
        const status = await testCase.run(headers, role === 'anonymous' ? 'contributor' : role);
        if (status !== testCase.expect[role])
          failures.push(
            `${testCase.name} as ${role}: expected ${testCase.expect[role]}, got ${status}`,
          );
      }
    }
    assert.deepEqual(failures, []);
  });

  it('contributors list only their own articles', async () => {
    const { headers, user } = await signIn('contributor');
    await json('POST', '/api/admin/articles', { title: 'Contributor piece' }, headers);
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/admin/articles?limit=100',
      headers: { cookie: headers.cookie },
    });
    const { articles } = list.json() as { articles: Array<{ title: string }> };
    assert.ok(articles.length >= 1);
    assert.ok(
      articles.every((a) => a.title.startsWith('Contributor piece')),
      `${user.email} saw ${articles.map((a) => a.title).join(', ')}`,
    );
  });
});
