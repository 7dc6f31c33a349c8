import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeEachDialect } from '../platform/db/test-databases.js';
import { buildTestApp, buildToken, type TestApp } from '../test-support/test-app.js';
import { requestJson, signInNewUser, signInWith } from './test-fixtures/admin-client.js';

describeEachDialect('staff users, own account and role checks', (getDatabase) => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp(getDatabase());
  });
  after(() => t.close());

  const adminOnly: Array<['GET' | 'POST' | 'PATCH' | 'DELETE', string, unknown]> = [
    ['GET', '/api/admin/users', undefined],
    ['PATCH', '/api/admin/users/1', { name: 'X' }],
    ['GET', '/api/admin/invitations', undefined],
    ['POST', '/api/admin/invitations', { email: 'someone@news.test', role: 'admin' }],
    ['DELETE', '/api/admin/invitations/1', undefined],
    ['PATCH', '/api/admin/settings', { name: 'Taken over' }],
    ['GET', '/api/admin/outbox', undefined],
    ['GET', '/api/admin/outbox/20260101T000000000Z-000001-aaaaaaaaaaaa.eml', undefined],
  ];

  it('answers 403 to every admin-only route for editors, authors, contributors and their tokens', async () => {
    for (const role of ['editor', 'author', 'contributor'] as const) {
      const { headers } = await signInNewUser(t, getDatabase(), role);
      const token = await buildToken(getDatabase(), role);
      for (const [method, url, body] of adminOnly) {
        const bySession = await requestJson(t, method, url, body, headers);
        assert.equal(bySession.statusCode, 403, `${role} ${method} ${url}: ${bySession.body}`);
        const byToken = await requestJson(t, method, url, body, {
          authorization: `Bearer ${token}`,
        });
        assert.equal(byToken.statusCode, 403, `${role} token ${method} ${url}`);
      }
      assert.equal(
        (await requestJson(t, 'GET', '/api/admin/settings', undefined, headers)).statusCode,
        200,
      );
    }
    for (const [method, url, body] of adminOnly)
      assert.equal((await requestJson(t, method, url, body)).statusCode, 401, `anonymous ${url}`);
  });

  it('lists and edits staff; disabling ends sessions; the last admin and oneself are protected', async () => {
    // The first admin of this database.
    const first = await signInNewUser(t, getDatabase(), 'admin');
    const editor = await signInNewUser(t, getDatabase(), 'editor');

    const list = await requestJson(t, 'GET', '/api/admin/users', undefined, first.headers);
    const { users } = list.json() as { users: Array<Record<string, unknown>> };
    const row = users.find((u) => u.id === editor.userId);
    assert.deepEqual(Object.keys(row ?? {}).sort(), [
      'created_at',
      'disabled',
      'email',
      'id',
      'name',
      'role',
      'totp_enabled',
    ]);
    assert.equal(row?.disabled, false);
    assert.ok(!list.body.includes('password_hash') && !list.body.includes('argon2'));

    const self = await requestJson(
      t,
      'PATCH',
      `/api/admin/users/${first.userId}`,
      { role: 'editor' },
      first.headers,
    );
    assert.equal(self.statusCode, 409);
    assert.equal((self.json() as { error: string }).error, 'self_lockout');
    const selfDisable = await requestJson(
      t,
      'PATCH',
      `/api/admin/users/${first.userId}`,
      { disabled: true },
      first.headers,
    );
    assert.equal(selfDisable.statusCode, 409);

    // Promote the editor, who then disables the first admin: that admin's sessions end.
    const promoted = await requestJson(
      t,
      'PATCH',
      `/api/admin/users/${editor.userId}`,
      { role: 'admin', name: 'Deputy Editor' },
      first.headers,
    );
    assert.equal(promoted.statusCode, 200, promoted.body);
    assert.equal(
      (promoted.json() as { user: { role: string; name: string } }).user.name,
      'Deputy Editor',
    );
    const disabled = await requestJson(
      t,
      'PATCH',
      `/api/admin/users/${first.userId}`,
      { disabled: true },
      editor.headers,
    );
    assert.equal(disabled.statusCode, 200, disabled.body);
    assert.equal((disabled.json() as { user: { disabled: boolean } }).user.disabled, true);
    assert.equal(
      (await requestJson(t, 'GET', '/api/admin/whoami', undefined, first.headers)).statusCode,
      401,
    );
    const refused = await requestJson(t, 'POST', '/api/admin/session', {
      email: first.email,
      password: first.password,
    });
    assert.equal(refused.statusCode, 401, 'a disabled account cannot sign in');

    // Now the promoted editor is the last active admin: even an admin API token cannot demote them.
    const token = await buildToken(getDatabase(), 'admin');
    for (const patch of [{ role: 'author' }, { disabled: true }]) {
      const last = await requestJson(t, 'PATCH', `/api/admin/users/${editor.userId}`, patch, {
        authorization: `Bearer ${token}`,
      });
      assert.equal(last.statusCode, 409, last.body);
      assert.equal((last.json() as { error: string }).error, 'last_admin');
      assert.match((last.json() as { message: string }).message, /last active admin/);
    }

    const back = await requestJson(
      t,
      'PATCH',
      `/api/admin/users/${first.userId}`,
      { disabled: false },
      { authorization: `Bearer ${token}` },
    );
    assert.equal(back.statusCode, 200);
    await signInWith(t, { email: first.email, password: first.password });
    const missing = await requestJson(
      t,
      'PATCH',
      '/api/admin/users/99999',
      { name: 'Nobody' },
      editor.headers,
    );
    assert.equal(missing.statusCode, 404);
    const badRole = await requestJson(
      t,
      'PATCH',
      `/api/admin/users/${first.userId}`,
      { role: 'owner' },
      editor.headers,
    );
    assert.equal(badRole.statusCode, 422);
  });

  it('lets anyone change their own name, and their password only with the current one', async () => {
    const me = await signInNewUser(t, getDatabase(), 'contributor');
    const otherDevice = await signInWith(t, { email: me.email, password: me.password });

    const named = await requestJson(
      t,
      'PATCH',
      '/api/admin/me',
      { name: 'Renamed Reporter' },
      me.headers,
    );
    assert.equal(named.statusCode, 200, named.body);
    assert.equal((named.json() as { user: { name: string } }).user.name, 'Renamed Reporter');

    const noCurrent = await requestJson(
      t,
      'PATCH',
      '/api/admin/me',
      { password: 'a new long password' },
      me.headers,
    );
    assert.equal(noCurrent.statusCode, 422);
    const wrongCurrent = await requestJson(
      t,
      'PATCH',
      '/api/admin/me',
      { password: 'a new long password', current_password: 'not my password' },
      me.headers,
    );
    assert.equal(wrongCurrent.statusCode, 422);
    assert.match(
      (wrongCurrent.json() as { message: string }).message,
      /current password is not right/,
    );
    const short = await requestJson(
      t,
      'PATCH',
      '/api/admin/me',
      { password: 'short', current_password: me.password },
      me.headers,
    );
    assert.equal(short.statusCode, 422);

    const changed = await requestJson(
      t,
      'PATCH',
      '/api/admin/me',
      { password: 'a new long password', current_password: me.password },
      me.headers,
    );
    assert.equal(changed.statusCode, 200, changed.body);
    assert.equal(
      (await requestJson(t, 'GET', '/api/admin/whoami', undefined, me.headers)).statusCode,
      200,
      'this session stays',
    );
    assert.equal(
      (await requestJson(t, 'GET', '/api/admin/whoami', undefined, otherDevice)).statusCode,
      401,
      'others end',
    );
    await signInWith(t, { email: me.email, password: 'a new long password' });

    const token = await buildToken(getDatabase(), 'admin');
    const byToken = await requestJson(
      t,
      'PATCH',
      '/api/admin/me',
      { name: 'Robot' },
      { authorization: `Bearer ${token}` },
    );
    assert.equal(byToken.statusCode, 403, 'an API token has no account of its own');
  });
});
