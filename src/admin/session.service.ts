import { randomBytes } from 'node:crypto';
import type { Executor } from '../platform/db/database.js';
import { nowIso } from '../platform/db/database.js';
import type { SessionRow, UserRow } from './admin.table.js';
import { hashSecret } from './api-token.service.js';

export const sessionLifetimeMs = 14 * 24 * 3600_000;

/** Starts a session; returns the cookie value (only its hash is stored) and the CSRF token. */
export async function createSession(
  executor: Executor,
  user: UserRow,
  meta: { ip: string; userAgent: string; now: Date },
): Promise<{ cookieValue: string; csrfToken: string; expiresAt: Date }> {
  const cookieValue = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(meta.now.getTime() + sessionLifetimeMs);
  await executor
    .insertInto('sessions')
    .values({
      id: hashSecret(cookieValue),
      user_id: user.id,
      csrf_token: csrfToken,
      created_at: nowIso(meta.now),
      expires_at: nowIso(expiresAt),
      last_seen_at: nowIso(meta.now),
      ip: meta.ip.slice(0, 64),
      user_agent: meta.userAgent.slice(0, 300),
    })
    .execute();
  return { cookieValue, csrfToken, expiresAt };
}

/** The live session and its user for a cookie value; slides the expiry at most hourly. */
export async function findSession(
  executor: Executor,
  cookieValue: string,
  now: Date,
): Promise<{ session: SessionRow; user: UserRow } | undefined> {
  if (cookieValue.length < 20 || cookieValue.length > 100) return undefined;
  const session = await executor
    .selectFrom('sessions')
    .selectAll()
    .where('id', '=', hashSecret(cookieValue))
    .executeTakeFirst();
  if (!session || session.expires_at <= nowIso(now)) return undefined;
  const user = await executor
    .selectFrom('users')
    .selectAll()
    .where('id', '=', session.user_id)
    .executeTakeFirst();
  if (!user || user.disabled_at) return undefined;
  if (now.getTime() - Date.parse(session.last_seen_at) > 3600_000) {
    await executor
      .updateTable('sessions')
      .set({
        last_seen_at: nowIso(now),
        expires_at: nowIso(new Date(now.getTime() + sessionLifetimeMs)),
      })
      .where('id', '=', session.id)
      .execute();
  }
  return { session, user };
}

/** Ends a session. */
export async function deleteSession(executor: Executor, cookieValue: string): Promise<void> {
  await executor.deleteFrom('sessions').where('id', '=', hashSecret(cookieValue)).execute();
}
