import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import type { TestDatabase } from '../../platform/db/test-databases.js';
import { writeSiteSettings } from '../../platform/settings/site-settings.js';
import { buildTestApp, buildUser, type TestApp } from '../../test-support/test-app.js';
import type { Role } from './admin-client.js';

// Shared set-up for the admin API contract tests (sessions, articles, role matrix): one app
// per suite with a 64 KB body limit and the newsroom in Europe/Kyiv, plus request helpers.

/** Registers `before`/`after` hooks in the calling suite that build and close its app. */
export function setUpAdminApi(getDatabase: () => TestDatabase) {
  let t: TestApp | undefined;
  before(async () => {
    await writeSiteSettings(getDatabase().db, { timeZone: 'Europe/Kyiv' });
    t = await buildTestApp(getDatabase(), { bodyLimit: 64 * 1024 });
  });
  after(() => t?.close());

  const app = () => {
    if (!t) throw new Error('the admin test app is not ready');
    return t.app;
  };

  /** A request with a JSON body (and a JSON content type, whatever the method). */
  const json = (method: string, url: string, body: unknown, headers: Record<string, string> = {}) =>
    app().inject({
      method: method as 'POST',
      url,
      headers: { 'content-type': 'application/json', ...headers },
      payload: JSON.stringify(body),
    });

  /** Signs a new user of `role` in, checking the session and staff-hint cookies. */
  async function signIn(role: Role) {
    const { email, password, user } = await buildUser(getDatabase(), role);
    const response = await json('POST', '/api/admin/session', { email, password });
    assert.equal(response.statusCode, 200, response.body);
    const cookie = response.cookies.find((c) => c.name === 'masthead_session');
    const hint = response.cookies.find((c) => c.name === 'masthead_staff');
    assert.ok(cookie?.httpOnly, 'the session cookie is HttpOnly');
    assert.equal(cookie?.sameSite, 'Lax');
    assert.equal(hint?.value, '1');
    assert.ok(!hint?.httpOnly, 'the staff hint is readable by the page script');
    const { csrfToken } = response.json() as { csrfToken: string };
    return {
      user,
      headers: { cookie: `masthead_session=${cookie?.value}`, 'x-csrf-token': csrfToken },
    };
  }

  return {
    /** The suite's app; read it inside a test (it is built in `before`). */
    get app() {
      return app();
    },
    json,
    signIn,
  };
}
