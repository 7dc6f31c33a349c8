import type { Selectable } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { MemberSessionTable, MemberSignInTokenTable, MemberTable } from '../revenue.table.js';

// Members' emailed sign-in links and their browser sessions. Only sha256 hashes of the
// secrets are stored; the tokens themselves live in the email and the cookie.

export type SignInTokenRow = Selectable<MemberSignInTokenTable>;
export type MemberSessionRow = Selectable<MemberSessionTable>;

export async function insertSignInToken(
  executor: Executor,
  row: {
    member_id: number;
    token_hash: string;
    redirect_to: string;
    created_at: string;
    expires_at: string;
  },
): Promise<void> {
  await executor
    .insertInto('member_sign_in_tokens')
    .values({ ...row, used_at: null })
    .execute();
}

export function findSignInToken(
  executor: Executor,
  tokenHash: string,
): Promise<SignInTokenRow | undefined> {
  return executor
    .selectFrom('member_sign_in_tokens')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/** How many links were made for the member since `since` (the per-address mail limit). */
export async function countSignInTokensSince(
  executor: Executor,
  memberId: number,
  since: string,
): Promise<number> {
  const row = await executor
    .selectFrom('member_sign_in_tokens')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('member_id', '=', memberId)
    .where('created_at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Spends a link: true only for the one caller that marked it used while it was unused and
 * unexpired (a single UPDATE, so two concurrent POSTs cannot both sign in).
 */
export async function claimSignInToken(
  executor: Executor,
  id: number,
  now: string,
): Promise<boolean> {
  const result = await executor
    .updateTable('member_sign_in_tokens')
    .set({ used_at: now })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Drops links that expired before `before` (kept a while for the "already used" answer). */
export async function deleteExpiredSignInTokens(executor: Executor, before: string): Promise<void> {
  await executor.deleteFrom('member_sign_in_tokens').where('expires_at', '<', before).execute();
}

export async function insertMemberSession(
  executor: Executor,
  row: { member_id: number; token_hash: string; created_at: string; expires_at: string },
): Promise<void> {
  await executor
    .insertInto('member_sessions')
    .values({ ...row, last_seen_at: row.created_at })
    .execute();
}

export type SessionWithMember = MemberSessionRow & {
  member: Selectable<MemberTable>;
};

/** The unexpired session with this hash, with its member. */
export async function findActiveSession(
  executor: Executor,
  tokenHash: string,
  now: string,
): Promise<SessionWithMember | undefined> {
  const session = await executor
    .selectFrom('member_sessions')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  if (!session) return undefined;
  const member = await executor
    .selectFrom('members')
    .selectAll()
    .where('id', '=', session.member_id)
    .executeTakeFirst();
  return member ? { ...session, member } : undefined;
}

export async function touchMemberSession(
  executor: Executor,
  id: number,
  now: string,
): Promise<void> {
  await executor
    .updateTable('member_sessions')
    .set({ last_seen_at: now })
    .where('id', '=', id)
    .execute();
}

export async function deleteMemberSession(executor: Executor, tokenHash: string): Promise<void> {
  await executor.deleteFrom('member_sessions').where('token_hash', '=', tokenHash).execute();
}

export async function markMemberSignedIn(
  executor: Executor,
  memberId: number,
  now: string,
): Promise<void> {
  await executor
    .updateTable('members')
    .set({ last_sign_in_at: now })
    .where('id', '=', memberId)
    .execute();
}
