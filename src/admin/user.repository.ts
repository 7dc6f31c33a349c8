import type { Executor } from '../platform/db/database.js';
import type { StaffRole, UserRow } from './admin.table.js';

/** Finds a staff user by (normalized) email. */
export function findUserByEmail(executor: Executor, email: string): Promise<UserRow | undefined> {
  return executor.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

/** Finds a staff user by id. */
export function findUserById(executor: Executor, id: number): Promise<UserRow | undefined> {
  return executor.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Inserts a staff user. */
export function insertUser(
  executor: Executor,
  values: { email: string; name: string; password_hash: string; role: StaffRole; now: string },
): Promise<UserRow> {
  const { now, ...rest } = values;
  return executor
    .insertInto('users')
    .values({ ...rest, created_at: now, updated_at: now, disabled_at: null })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Lists staff users by name. */
export function listUsers(executor: Executor): Promise<UserRow[]> {
  return executor.selectFrom('users').selectAll().orderBy('name').execute();
}

/** Updates a staff user's fields. */
export function updateUser(
  executor: Executor,
  id: number,
  values: Partial<Pick<UserRow, 'name' | 'role' | 'password_hash' | 'disabled_at'>> & {
    updated_at: string;
  },
): Promise<UserRow | undefined> {
  return executor
    .updateTable('users')
    .set(values)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

/** Ends every session of a user (password changed, account disabled), except `keepId`. */
export async function deleteUserSessions(
  executor: Executor,
  userId: number,
  keepId?: string,
): Promise<void> {
  await executor
    .deleteFrom('sessions')
    .where('user_id', '=', userId)
    .$if(keepId !== undefined, (q) => q.where('id', '!=', keepId ?? ''))
    .execute();
}

/**
 * How many enabled admins there are. With `lock` (PostgreSQL) their rows stay locked until the
 * transaction ends, so two admins demoting each other at once cannot leave none. (SQLite runs
 * one write transaction at a time, and FOR UPDATE is not SQLite syntax.)
 */
export async function countActiveAdmins(executor: Executor, lock = false): Promise<number> {
  const rows = await executor
    .selectFrom('users')
    .select('id')
    .where('role', '=', 'admin')
    .where('disabled_at', 'is', null)
    .$if(lock, (q) => q.forUpdate())
    .execute();
  return rows.length;
}
