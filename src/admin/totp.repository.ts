import type { Executor } from '../platform/db/database.js';
import type { UserTotpRow } from './admin.table.js';

/** The TOTP row of a user, if any. */
export function findUserTotp(executor: Executor, userId: number): Promise<UserTotpRow | undefined> {
  return executor
    .selectFrom('user_totp')
    .selectAll()
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

/** True when the user has an active TOTP secret. */
export async function isTotpEnabled(executor: Executor, userId: number): Promise<boolean> {
  const row = await findUserTotp(executor, userId);
  return Boolean(row?.secret && row.enabled_at);
}

/** Ids of users with TOTP enabled, for listings. */
export async function listTotpEnabledUserIds(executor: Executor): Promise<Set<number>> {
  const rows = await executor
    .selectFrom('user_totp')
    .select('user_id')
    .where('enabled_at', 'is not', null)
    .where('secret', 'is not', null)
    .execute();
  return new Set(rows.map((r) => r.user_id));
}

/** Stores a new pending secret (the active one, if any, stays until a code confirms). */
export async function savePendingSecret(
  executor: Executor,
  userId: number,
  secret: string,
  now: string,
): Promise<void> {
  await executor
    .insertInto('user_totp')
    .values({
      user_id: userId,
      secret: null,
      pending_secret: secret,
      enabled_at: null,
      last_used_step: null,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc.column('user_id').doUpdateSet({ pending_secret: secret, updated_at: now }),
    )
    .execute();
}

/** Updates a user's TOTP row. */
export async function updateUserTotp(
  executor: Executor,
  userId: number,
  values: Partial<Omit<UserTotpRow, 'user_id'>>,
): Promise<void> {
  await executor.updateTable('user_totp').set(values).where('user_id', '=', userId).execute();
}

/**
 * Records `step` as used unless a step at or after it was already used. Returns false for a
 * replay. One conditional UPDATE, so two simultaneous sign-ins with one code cannot both pass.
 */
export async function claimTotpStep(
  executor: Executor,
  userId: number,
  step: number,
  now: string,
): Promise<boolean> {
  const result = await executor
    .updateTable('user_totp')
    .set({ last_used_step: step, updated_at: now })
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb('last_used_step', 'is', null), eb('last_used_step', '<', step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
