// Admin API sessions and credentials: sign-in and sign-out, the sign-in rate limit, CSRF on
// cookie-authenticated writes, and bearer tokens. Articles are in admin-articles-api.test.ts,
// the role matrix in admin-roles.test.ts.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEachDialect } from '../platform/db/test-databases.js';
import { buildToken, buildUser } from '../test-support/test-app.js';
import { revokeApiToken } from './api-token.service.js';
import { setUpAdminApi } from './test-fixtures/admin-api-harness.js';

describeEachDialect('admin API', (getDatabase) => {
  const t = setUpAdminApi(getDatabase);
  const { json, signIn } = t;

  it('signs in and out, and answers wrong passwords and unknown emails identically', async () => {
    const { email } = await buildUser(getDatabase(), 'editor');
    const wrong = await json('POST', '/api/admin/session', {
      email,
      password: 'not the password at all',
    });
    const unknown = await json('POST', '/api/admin/session', {
      email: 'nobody@news.test',
      password: 'not the password at all',
    });
    assert.equal(wrong.statusCode, 401);
    assert.equal(unknown.statusCode, 401);
    assert.deepEqual(wrong.json(), unknown.json());
    const { headers } = await signIn('editor');
    const whoami = await t.app.inject({
      method: 'GET',
      url: '/api/admin/whoami',
      headers: { cookie: headers.cookie },
    });
    assert.equal(whoami.statusCode, 200);
    assert.equal((whoami.json() as { role: string }).role, 'editor');
    const out = await t.app.inject({ method: 'DELETE', url: '/api/admin/session', headers });
    assert.equal(out.statusCode, 204);
    assert.ok(
      out.cookies.some(
        (c) =>
          c.name === 'masthead_staff' &&
          (c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now())),
      ),
    );
    const after = await t.app.inject({
      method: 'GET',
      url: '/api/admin/whoami',
      headers: { cookie: headers.cookie },
    });
    assert.equal(after.statusCode, 401);
  });

  it('rate-limits sign-in attempts per account with 429 and Retry-After', async () => {
    const { email } = await buildUser(getDatabase(), 'author');
    let last = await json('POST', '/api/admin/session', { email, password: 'wrong password 0' });
    for (let i = 1; i <= 10; i += 1)
      last = await json('POST', '/api/admin/session', { email, password: `wrong password ${i}` });
    assert.equal(last.statusCode, 429);
    assert.ok(Number(last.headers['retry-after']) > 0);
    assert.match((last.json() as { message: string }).message, /Too many sign-in attempts/);
  });

  it('requires the CSRF token on cookie-authenticated writes, but not on bearer requests', async () => {
    const { headers } = await signIn('editor');
    const noToken = await json(
      'POST',
      '/api/admin/tags',
      { name: 'No token' },
      { cookie: headers.cookie },
    );
    assert.equal(noToken.statusCode, 403);
    assert.match((noToken.json() as { message: string }).message, /CSRF/);
    const badToken = await json(
      'POST',
      '/api/admin/tags',
      { name: 'Bad token' },
      { ...headers, 'x-csrf-token': 'forged' },
    );
    assert.equal(badToken.statusCode, 403);
    const crossSite = await json(
      'POST',
      '/api/admin/tags',
      { name: 'Cross site' },
      { ...headers, origin: 'https://evil.example' },
    );
    assert.equal(crossSite.statusCode, 403);
    const ok = await json('POST', '/api/admin/tags', { name: 'With token' }, headers);
    assert.equal(ok.statusCode, 201);
    const token = await buildToken(getDatabase(), 'editor');
    const bearer = await json(
      'POST',
      '/api/admin/tags',
      { name: 'By bearer' },
      { authorization: `Bearer ${token}` },
    );
    assert.equal(bearer.statusCode, 201);
  });

  it('refuses missing, malformed and revoked tokens', async () => {
    assert.equal(
      (await t.app.inject({ method: 'GET', url: '/api/admin/articles' })).statusCode,
      401,
    );
    assert.equal(
      (
        await t.app.inject({
          method: 'GET',
          url: '/api/admin/articles',
          headers: { authorization: 'Bearer nope' },
        })
      ).statusCode,
      401,
    );
    const token = await buildToken(getDatabase(), 'admin');
    const row = await getDatabase()
      .db.selectFrom('api_tokens')
      .select('id')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    assert.equal(
      (
        await t.app.inject({
          method: 'GET',
          url: '/api/admin/articles',
          headers: { authorization: `Bearer ${token}` },
        })
      ).statusCode,
      200,
    );
    await revokeApiToken(getDatabase().db, row.id, new Date());
    assert.equal(
      (
        await t.app.inject({
          method: 'GET',
          url: '/api/admin/articles',
          headers: { authorization: `Bearer ${token}` },
        })
      ).statusCode,
      401,
    );
  });
});
