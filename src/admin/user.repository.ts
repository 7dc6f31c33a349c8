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
