import type { Executor } from '../platform/db/database.js';
import { nowIso } from '../platform/db/database.js';
import { AppError } from '../platform/errors.js';
import { accountTokenHash, createAccountToken } from './account-token.js';
import {
  claimPasswordReset,
  closePasswordResets,
  findPasswordReset,
  insertPasswordReset,
} from './password-reset.repository.js';
import { type StaffMailDeps, sendPasswordResetMail } from './staff-mail.js';
import {
  deleteUserSessions,
  findUserByEmail,
  findUserById,
  updateUser,
} from './user.repository.js';
import { normalizeEmail } from './user.service.js';

export const passwordResetLifetimeMs = 3600_000;

/**
 * Emails a reset link when `email` belongs to an enabled account; does nothing otherwise.
 * Returns whether a message was sent — for tests and logs only, never for the HTTP answer.
 */
export async function requestPasswordReset(
  executor: Executor,
  deps: StaffMailDeps & { baseUrl: string; now: Date },
  email: string,
): Promise<boolean> {
  const user = await findUserByEmail(executor, normalizeEmail(email));
  if (!user || user.disabled_at) return false;
  const { token, tokenHash } = createAccountToken();
  await insertPasswordReset(executor, {
    user_id: user.id,
    token_hash: tokenHash,
    created_at: nowIso(deps.now),
    expires_at: nowIso(new Date(deps.now.getTime() + passwordResetLifetimeMs)),
  });
  const url = `${deps.baseUrl}/admin/reset-password?token=${encodeURIComponent(token)}`;
  await sendPasswordResetMail(deps, user.email, url);
  return true;
}

const badToken = () =>
  new AppError(
    400,
    'invalid_token',
    'This password-reset link is invalid, already used or expired. Ask for a new one.',
  );

/**
 * Sets a new password from a reset token: the token is spent, other open reset links are
 * closed and every session of the user ends. Run it in a transaction; hash the password
 * before opening it (argon2 takes a while, and a SQLite write lock should not wait on it).
 */
export async function confirmPasswordReset(
  executor: Executor,
  input: { token: string; passwordHash: string; now: Date },
): Promise<number> {
  const hash = accountTokenHash(input.token);
  const reset = hash ? await findPasswordReset(executor, hash) : undefined;
  if (!reset) throw badToken();
  const now = nowIso(input.now);
  const user = await findUserById(executor, reset.user_id);
  if (!user || user.disabled_at || !(await claimPasswordReset(executor, reset.id, now)))
    throw badToken();
  await updateUser(executor, user.id, {
    password_hash: input.passwordHash,
    updated_at: now,
  });
  await closePasswordResets(executor, user.id, now);
  await deleteUserSessions(executor, user.id);
  return user.id;
}
