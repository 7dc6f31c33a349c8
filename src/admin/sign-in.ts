import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppServices } from '../platform/app-services.js';
import type { UserRow } from './admin.table.js';
import { sessionCookie, staffHintCookie } from './authenticate.js';
import { createSession, sessionLifetimeMs } from './session.service.js';
import { isTotpEnabled } from './totp.repository.js';

/** Cookie options shared by sign-in and sign-out (Secure when the site is served over https). */
export function staffCookieOptions(services: AppServices) {
  return {
    path: '/',
    sameSite: 'lax' as const,
    secure: services.config.baseUrl.startsWith('https:'),
  };
}

/** The user as the admin app sees it: no hash, no TOTP secret, only whether 2FA is on. */
export function presentUser(user: UserRow, totpEnabled: boolean) {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    totp_enabled: totpEnabled,
  };
}

/**
 * Starts a session for a user whose credentials were checked, sets the session cookie and the
 * staff hint cookie, and returns the sign-in body `{user, csrfToken}`. Used by password sign-in
 * and by accepting an invitation, so both sign people in exactly the same way.
 */
export async function signInUser(
  services: AppServices,
  request: FastifyRequest,
  reply: FastifyReply,
  user: UserRow,
) {
  const session = await createSession(services.database.db, user, {
    ip: request.ip,
    userAgent: request.headers['user-agent'] ?? '',
    now: services.now(),
  });
  const cookieOptions = staffCookieOptions(services);
  const maxAge = Math.floor(sessionLifetimeMs / 1000);
  void reply
    .setCookie(sessionCookie, session.cookieValue, { ...cookieOptions, httpOnly: true, maxAge })
    // Not secret: it only tells the public site's script to draw "Edit post" links.
    .setCookie(staffHintCookie, '1', { ...cookieOptions, httpOnly: false, maxAge });
  const totpEnabled = await isTotpEnabled(services.database.db, user.id);
  return { user: presentUser(user, totpEnabled), csrfToken: session.csrfToken };
}
