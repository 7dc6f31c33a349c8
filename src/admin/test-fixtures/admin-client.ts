import assert from 'node:assert/strict';
import type { DatabaseHandle } from '../../platform/db/database.js';
import { buildUser, type TestApp } from '../../test-support/test-app.js';

// Small helpers for admin API tests: JSON requests and signing in through the real route.

export type Role = 'contributor' | 'author' | 'editor' | 'admin';

export interface SignedIn {
  userId: number;
  email: string;
  password: string;
  headers: Record<string, string>;
}

/** A JSON request through `app.inject`. */
export function requestJson(
  t: TestApp,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  return t.app.inject({
    method,
    url,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
  });
}

/** Signs in with email and password (and a TOTP code when given); asserts 200. */
export async function signInWith(
  t: TestApp,
  credentials: { email: string; password: string; totp?: string },
): Promise<Record<string, string>> {
  const response = await requestJson(t, 'POST', '/api/admin/session', credentials);
  assert.equal(response.statusCode, 200, response.body);
  const cookie = response.cookies.find((c) => c.name === 'masthead_session');
  assert.ok(cookie, 'a session cookie was set');
  const { csrfToken } = response.json() as { csrfToken: string };
  return { cookie: `masthead_session=${cookie.value}`, 'x-csrf-token': csrfToken };
}

/** A new staff user of `role`, signed in through the API. */
export async function signInNewUser(
  t: TestApp,
  database: DatabaseHandle,
  role: Role,
): Promise<SignedIn> {
  const { user, email, password } = await buildUser(database, role);
  return { userId: user.id, email, password, headers: await signInWith(t, { email, password }) };
}
