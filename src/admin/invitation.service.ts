import { z } from 'zod';
import type { Executor } from '../platform/db/database.js';
import { nowIso } from '../platform/db/database.js';
import { AppError, conflict } from '../platform/errors.js';
import { accountTokenHash, createAccountToken } from './account-token.js';
import type { InvitationRow, StaffRole, UserRow } from './admin.table.js';
import {
  claimInvitation,
  findPendingInvitationByHash,
  insertInvitation,
  revokeInvitations,
} from './invitation.repository.js';
import { findUserByEmail, insertUser } from './user.repository.js';

export const invitationLifetimeMs = 7 * 24 * 3600_000;

export const invitationEmailSchema = z.email({ message: 'must be a valid email address' });

/** The invitation as the admin app sees it (never the token or its hash). */
export function presentInvitation(invitation: InvitationRow) {
  return {
    id: invitation.id,
    email: invitation.email,
    role: invitation.role,
    name: invitation.name,
    expires_at: invitation.expires_at,
    created_at: invitation.created_at,
  };
}

/**
 * Creates an invitation and returns it with the plain token (for the email only). An earlier
 * pending invitation to the same address is revoked, so only the newest link works.
 * Run it in a transaction.
 */
export async function createInvitation(
  executor: Executor,
  input: { email: string; role: StaffRole; name: string; invitedBy: number | null; now: Date },
): Promise<{ invitation: InvitationRow; token: string }> {
  if (await findUserByEmail(executor, input.email))
    throw conflict(`A staff account for ${input.email} already exists.`, 'email_taken');
  const now = nowIso(input.now);
  await revokeInvitations(executor, { email: input.email }, now);
  const { token, tokenHash } = createAccountToken();
  const invitation = await insertInvitation(executor, {
    email: input.email,
    role: input.role,
    name: input.name,
    token_hash: tokenHash,
    invited_by: input.invitedBy,
    created_at: now,
    expires_at: nowIso(new Date(input.now.getTime() + invitationLifetimeMs)),
  });
  return { invitation, token };
}

const badToken = () =>
  new AppError(
    400,
    'invalid_token',
    'This invitation link is invalid, already used, revoked or expired. Ask an admin for a new one.',
  );

/** The usable invitation for a token, or 400. */
export async function findInvitationByToken(
  executor: Executor,
  token: string,
  now: Date,
): Promise<InvitationRow> {
  const hash = accountTokenHash(token);
  const invitation = hash
    ? await findPendingInvitationByHash(executor, hash, nowIso(now))
    : undefined;
  if (!invitation) throw badToken();
  return invitation;
}

/**
 * Accepts an invitation: spends it and creates the staff account with the invited role.
 * Run it in a transaction; `passwordHash` is computed before it opens.
 */
export async function acceptInvitation(
  executor: Executor,
  input: { token: string; name: string; passwordHash: string; now: Date },
): Promise<UserRow> {
  const invitation = await findInvitationByToken(executor, input.token, input.now);
  const now = nowIso(input.now);
  if (!(await claimInvitation(executor, invitation.id, now))) throw badToken();
  if (await findUserByEmail(executor, invitation.email))
    throw conflict(
      `A staff account for ${invitation.email} already exists. Sign in instead.`,
      'email_taken',
    );
  return insertUser(executor, {
    email: invitation.email,
    name: input.name,
    password_hash: input.passwordHash,
    role: invitation.role,
    now,
  });
}
