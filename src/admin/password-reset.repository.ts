import type { Executor } from '../platform/db/database.js';
import type { PasswordResetRow } from './admin.table.js';

/** Stores a reset token's hash for a user. */
export function insertPasswordReset(
  executor: Executor,
  values: { user_id: number; token_hash: string; created_at: string; expires_at: string },
): Promise<PasswordResetRow> {
  return executor
    .insertInto('password_resets')
    .values({ ...values, used_at: null })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Finds a reset by token hash. */
export function findPasswordReset(
  executor: Executor,
  tokenHash: string,
): Promise<PasswordResetRow | undefined> {
  return executor
    .selectFrom('password_resets')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/**
 * Marks a live reset used; returns false when it was already used or has expired. A single
 * conditional UPDATE, so two simultaneous confirmations cannot both succeed.
 */
export async function claimPasswordReset(
  executor: Executor,
  id: number,
  now: string,
): Promise<boolean> {
  const result = await executor
    .updateTable('password_resets')
    .set({ used_at: now })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Spends every other open reset of a user (a new password makes older links useless). */
export async function closePasswordResets(
  executor: Executor,
  userId: number,
  now: string,
): Promise<void> {
  await executor
    .updateTable('password_resets')
    .set({ used_at: now })
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .execute();
}
