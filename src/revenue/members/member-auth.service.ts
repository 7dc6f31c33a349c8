import type { Executor } from '../../platform/db/database.js';
import { nowIso } from '../../platform/db/database.js';
import { findOrCreateMember, type Member } from '../member.repository.js';
import {
  claimSignInToken,
  countSignInTokensSince,
  deleteExpiredSignInTokens,
  deleteMemberSession,
  findActiveSession,
  findSignInToken,
  insertMemberSession,
  insertSignInToken,
  markMemberSignedIn,
  type SessionWithMember,
  type SignInTokenRow,
  touchMemberSession,
} from './member-auth.repository.js';
import { type MemberMailDeps, sendSignInMail } from './member-mail.js';
import { recordMemberSignup, type SignupAttribution } from './member-signup.repository.js';
import { createSecretToken, hashSecretToken, isSecretTokenShape } from './member-tokens.js';

// Sign-in by emailed link. Asking for a link never tells whether the address had an account:
// an unknown address gets a free account (a reader may sign up to manage newsletters or to
// support us), created unconfirmed — `last_sign_in_at` stays null until the link is used.
// The GET behind the link only shows a button (mail scanners open links); the POST spends it.

export const signInLinkLifetimeMs = 15 * 60_000;
export const sessionLifetimeMs = 30 * 24 * 3600_000;
/** Links mailed to one address per hour, counted in the database (so across every node). */
export const linksPerAddressPerHour = 5;

/** A same-site path to land on after signing in; anything else becomes /account/. */
export function safeRedirectPath(value: unknown): string {
  return typeof value === 'string' &&
    /^\/(?![/\\])[^\s]*$/.test(value) &&
    value.length <= 300 &&
    !value.startsWith('/account/sign-in')
    ? value
    : '/account/';
}

/**
 * Makes a link for the address and mails it. Returns what happened — for tests and logs only,
 * never for the HTTP answer.
 */
export async function requestSignInLink(
  executor: Executor,
  deps: MemberMailDeps & { baseUrl: string; now: Date },
  input: { email: string; redirectTo: string; attribution?: SignupAttribution | undefined },
): Promise<'sent' | 'throttled'> {
  const stamp = nowIso(deps.now);
  const member = await findOrCreateMember(executor, input.email, stamp);
  // A registration is where the account is first signed into: the first prompt that brought
  // a reader who never signed in is kept (a soft wall's link carries it).
  if (input.attribution && member.last_sign_in_at === null)
    await recordMemberSignup(executor, member.id, input.attribution, stamp);
  const since = nowIso(new Date(deps.now.getTime() - 3600_000));
  if ((await countSignInTokensSince(executor, member.id, since)) >= linksPerAddressPerHour)
    return 'throttled';
  // Old links are kept a day for a clear "already used / expired" answer, then dropped.
  await deleteExpiredSignInTokens(executor, nowIso(new Date(deps.now.getTime() - 24 * 3600_000)));
  const { token, tokenHash } = createSecretToken();
  await insertSignInToken(executor, {
    member_id: member.id,
    token_hash: tokenHash,
    redirect_to: safeRedirectPath(input.redirectTo),
    created_at: stamp,
    expires_at: nowIso(new Date(deps.now.getTime() + signInLinkLifetimeMs)),
  });
  const url = `${deps.baseUrl}/account/sign-in/confirm?token=${encodeURIComponent(token)}`;
  await sendSignInMail(deps, member.email, url);
  return 'sent';
}

export type SignInCheck =
  | { kind: 'ready'; row: SignInTokenRow }
  | { kind: 'used' }
  | { kind: 'expired' }
  | { kind: 'invalid' };

/** What a sign-in token stands for, without changing anything (the GET). */
export async function checkSignInToken(
  executor: Executor,
  token: unknown,
  now: Date,
): Promise<SignInCheck> {
  if (!isSecretTokenShape(token)) return { kind: 'invalid' };
  const row = await findSignInToken(executor, hashSecretToken(token));
  if (!row) return { kind: 'invalid' };
  if (row.used_at !== null) return { kind: 'used' };
  if (row.expires_at <= nowIso(now)) return { kind: 'expired' };
  return { kind: 'ready', row };
}

export type SignInResult =
  | { kind: 'signed_in'; member: Member; sessionToken: string; redirectTo: string }
  | { kind: 'used' | 'expired' | 'invalid' };

/** Spends a sign-in token (once) and opens a session. Run it in a transaction. */
export async function confirmSignIn(
  executor: Executor,
  token: unknown,
  now: Date,
): Promise<SignInResult> {
  const check = await checkSignInToken(executor, token, now);
  if (check.kind !== 'ready') return check;
  const stamp = nowIso(now);
  if (!(await claimSignInToken(executor, check.row.id, stamp))) {
    // Lost a race with another POST, or expired between the two statements.
    const again = await checkSignInToken(executor, token, now);
    return { kind: again.kind === 'ready' ? 'used' : again.kind };
  }
  const member = await executor
    .selectFrom('members')
    .selectAll()
    .where('id', '=', check.row.member_id)
    .executeTakeFirst();
  if (!member) return { kind: 'invalid' };
  const session = createSecretToken();
  await insertMemberSession(executor, {
    member_id: member.id,
    token_hash: session.tokenHash,
    created_at: stamp,
    expires_at: nowIso(new Date(now.getTime() + sessionLifetimeMs)),
  });
  await markMemberSignedIn(executor, member.id, stamp);
  return {
    kind: 'signed_in',
    member: { ...member, last_sign_in_at: stamp },
    sessionToken: session.token,
    redirectTo: safeRedirectPath(check.row.redirect_to),
  };
}

/** The member behind a session cookie, or undefined (missing, malformed, unknown, expired). */
export async function loadMemberSession(
  executor: Executor,
  sessionToken: unknown,
  now: Date,
): Promise<SessionWithMember | undefined> {
  if (!isSecretTokenShape(sessionToken)) return undefined;
  const stamp = nowIso(now);
  const session = await findActiveSession(executor, hashSecretToken(sessionToken), stamp);
  // last_seen_at is written at most hourly: reading the account page should not always write.
  if (session && Date.parse(session.last_seen_at) < now.getTime() - 3600_000)
    await touchMemberSession(executor, session.id, stamp);
  return session;
}

/** Ends the session (sign out). */
export async function endMemberSession(executor: Executor, sessionToken: unknown): Promise<void> {
  if (!isSecretTokenShape(sessionToken)) return;
  await deleteMemberSession(executor, hashSecretToken(sessionToken));
}
