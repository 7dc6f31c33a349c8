import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RevenueServices } from '../payment-provider.js';
import type { MemberStatus } from '../revenue.table.js';
import { loadMemberSession, sessionLifetimeMs } from './member-auth.service.js';
import type { SessionWithMember } from './member-auth.repository.js';

// The two member cookies. The session cookie is the secret (HttpOnly). The hint cookie holds
// only the membership status (free | paying | lapsed, no personal data), so pages that are
// cached and identical for everyone can adapt in the browser (support prompts hide for paying
// members). Neither is named `masthead_session` (the staff cookie that bypasses the page cache).

export const memberSessionCookie = 'masthead_member_session';
export const memberHintCookie = 'masthead_member';

function cookieOptions(services: RevenueServices) {
  return {
    path: '/',
    sameSite: 'lax' as const,
    secure: services.config.baseUrl.startsWith('https:'),
  };
}

/** Sets the session and hint cookies after a sign-in. */
export function setMemberCookies(
  services: RevenueServices,
  reply: FastifyReply,
  sessionToken: string,
  status: MemberStatus,
): void {
  const maxAge = Math.floor(sessionLifetimeMs / 1000);
  void reply
    .setCookie(memberSessionCookie, sessionToken, {
      ...cookieOptions(services),
      httpOnly: true,
      maxAge,
    })
    .setCookie(memberHintCookie, status, { ...cookieOptions(services), httpOnly: false, maxAge });
}

/** Brings the hint cookie in line with the member's current status (it changes with payments). */
export function refreshHintCookie(
  services: RevenueServices,
  request: FastifyRequest,
  reply: FastifyReply,
  status: MemberStatus,
): void {
  if (request.cookies[memberHintCookie] === status) return;
  void reply.setCookie(memberHintCookie, status, {
    ...cookieOptions(services),
    httpOnly: false,
    maxAge: Math.floor(sessionLifetimeMs / 1000),
  });
}

export function clearMemberCookies(services: RevenueServices, reply: FastifyReply): void {
  void reply
    .clearCookie(memberSessionCookie, cookieOptions(services))
    .clearCookie(memberHintCookie, cookieOptions(services));
}

export interface CurrentMember {
  session: SessionWithMember;
  /** The raw session token from the cookie (the CSRF token is derived from it). */
  token: string;
}

/** The signed-in member of this request, if any. */
export async function currentMember(
  services: RevenueServices,
  request: FastifyRequest,
): Promise<CurrentMember | undefined> {
  const token = request.cookies[memberSessionCookie];
  if (token === undefined) return undefined;
  const session = await loadMemberSession(services.database.db, token, services.now());
  return session ? { session, token } : undefined;
}
