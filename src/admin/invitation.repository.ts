import type { Executor } from '../platform/db/database.js';
import type { InvitationRow, StaffRole } from './admin.table.js';

/** Stores an invitation (its token only as a hash). */
export function insertInvitation(
  executor: Executor,
  values: {
    email: string;
    role: StaffRole;
    name: string;
    token_hash: string;
    invited_by: number | null;
    created_at: string;
    expires_at: string;
  },
): Promise<InvitationRow> {
  return executor
    .insertInto('invitations')
    .values({ ...values, accepted_at: null, revoked_at: null })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Invitations not yet accepted, revoked or expired, newest first. */
export function listPendingInvitations(executor: Executor, now: string): Promise<InvitationRow[]> {
  return executor
    .selectFrom('invitations')
    .selectAll()
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** The pending invitation with this token hash, if it is still usable. */
export function findPendingInvitationByHash(
  executor: Executor,
  tokenHash: string,
  now: string,
): Promise<InvitationRow | undefined> {
  return executor
    .selectFrom('invitations')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
}

/** Revokes pending invitations, by id or for an address; returns how many changed. */
export async function revokeInvitations(
  executor: Executor,
  where: { id: number } | { email: string },
  now: string,
): Promise<number> {
  const result = await executor
    .updateTable('invitations')
    .set({ revoked_at: now })
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .$if('id' in where, (q) => q.where('id', '=', (where as { id: number }).id))
    .$if('email' in where, (q) => q.where('email', '=', (where as { email: string }).email))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Marks a pending invitation accepted; false when it was used, revoked or expired meanwhile. */
export async function claimInvitation(
  executor: Executor,
  id: number,
  now: string,
): Promise<boolean> {
  const result = await executor
    .updateTable('invitations')
    .set({ accepted_at: now })
    .where('id', '=', id)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
