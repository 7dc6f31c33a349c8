import type { Executor } from '../platform/db/database.js';
import { nowIso } from '../platform/db/database.js';
import { AppError, conflict, notFound } from '../platform/errors.js';
import type { StaffRole, UserRow } from './admin.table.js';
import { verifyPassword } from './password.js';
import {
  countActiveAdmins,
  deleteUserSessions,
  findUserById,
  updateUser,
} from './user.repository.js';

export interface StaffUserPatch {
  name?: string;
  role?: StaffRole;
  disabled?: boolean;
}

/**
 * An admin changes a staff user. Disabling ends the user's sessions. Nobody disables or
 * demotes themselves, and the last enabled admin stays an enabled admin, so the newsroom can
 * never lock itself out. Run it in a transaction.
 */
export async function updateStaffUser(
  executor: Executor,
  lockRows: boolean,
  actorUserId: number | null,
  id: number,
  patch: StaffUserPatch,
  now: Date,
): Promise<UserRow> {
  const user = await findUserById(executor, id);
  if (!user) throw notFound('Staff user');
  const demoting = patch.role !== undefined && patch.role !== 'admin' && user.role === 'admin';
  const disabling = patch.disabled === true && !user.disabled_at;
  if (actorUserId === id && (demoting || disabling))
    throw conflict(
      demoting
        ? 'You cannot remove your own admin role. Ask another admin to do it.'
        : 'You cannot disable your own account. Ask another admin to do it.',
      'self_lockout',
    );
  if (user.role === 'admin' && !user.disabled_at && (demoting || disabling)) {
    if ((await countActiveAdmins(executor, lockRows)) <= 1)
      throw conflict(
        'This is the last active admin. Make someone else an admin first, so the newsroom is never left without one.',
        'last_admin',
      );
  }
  const updated = await updateUser(executor, id, {
    ...(patch.name !== undefined ? { name: patch.name } : {}),
    ...(patch.role !== undefined ? { role: patch.role } : {}),
    ...(patch.disabled !== undefined
      ? { disabled_at: patch.disabled ? (user.disabled_at ?? nowIso(now)) : null }
      : {}),
    updated_at: nowIso(now),
  });
  if (!updated) throw notFound('Staff user');
  if (disabling) await deleteUserSessions(executor, id);
  return updated;
}

/**
 * A signed-in user changes their own name or password. Changing the password needs the
 * current one, and ends every other session of theirs (the one in use stays).
 */
export async function updateOwnAccount(
  executor: Executor,
  user: UserRow,
  input: { name?: string; newPasswordHash?: string; currentPassword?: string },
  meta: { now: Date; sessionId: string | undefined },
): Promise<UserRow> {
  if (input.newPasswordHash !== undefined) {
    if (
      !input.currentPassword ||
      !(await verifyPassword(user.password_hash, input.currentPassword))
    )
      throw new AppError(
        422,
        'validation_failed',
        'Your current password is not right, so the password was not changed.',
        { current_password: ['is not right'] },
      );
  }
  const updated = await updateUser(executor, user.id, {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.newPasswordHash !== undefined ? { password_hash: input.newPasswordHash } : {}),
    updated_at: nowIso(meta.now),
  });
  if (!updated) throw notFound('Staff user');
  if (input.newPasswordHash !== undefined)
    await deleteUserSessions(executor, user.id, meta.sessionId);
  return updated;
}
