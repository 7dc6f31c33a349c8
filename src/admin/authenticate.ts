import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppServices } from '../platform/app-services.js';
import { AppError, forbidden } from '../platform/errors.js';
import type { SessionRow, UserRow } from './admin.table.js';
import { findApiToken } from './api-token.service.js';
import { findSession } from './session.service.js';

export const sessionCookie = 'masthead_session';
export const staffHintCookie = 'masthead_staff';

export { requireActor, requireRole } from '../platform/http/staff-access.js';

declare module 'fastify' {
  interface FastifyRequest {
    staffUser?: UserRow;
    staffSession?: SessionRow;
  }
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * A preHandler that resolves who is calling the admin API: a bearer API token, or a session
 * cookie — in which case writes must carry the session's CSRF token and come from our origin.
 */
export function createAuthenticator(services: AppServices) {
  const siteOrigin = new URL(services.config.baseUrl).origin;
  return async function authenticate(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
    const authorization = request.headers.authorization;
    if (authorization !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization);
      const token = match?.[1]
        ? await findApiToken(services.database.db, match[1], services.now())
        : undefined;
      if (!token)
        throw new AppError(401, 'unauthorized', 'The API token is missing, invalid or revoked.');
      request.actor = { role: token.role, userId: null, tokenId: token.id };
      return;
    }
    const cookie = request.cookies[sessionCookie];
    const found = cookie
      ? await findSession(services.database.db, cookie, services.now())
      : undefined;
    if (!found) throw new AppError(401, 'unauthorized', 'Please sign in.');
    if (!safeMethods.has(request.method)) {
      const origin = request.headers.origin;
      if (origin !== undefined && origin !== siteOrigin)
        throw forbidden('Cross-site request refused.');
      const csrf = request.headers['x-csrf-token'];
      if (typeof csrf !== 'string' || !sameSecret(csrf, found.session.csrf_token))
        throw forbidden('Missing or invalid CSRF token.');
    }
    request.actor = { role: found.user.role, userId: found.user.id, tokenId: null };
    request.staffUser = found.user;
    request.staffSession = found.session;
  };
}

/**
 * Makes staff authentication available to every domain's staff routes (`staffScope` in
 * platform/http/staff-access.ts) as the `authenticateStaff` decorator. Called once, in app.ts,
 * on the root instance, before any route is registered.
 */
export function registerStaffAuthentication(app: FastifyInstance, services: AppServices): void {
  app.decorate('authenticateStaff', createAuthenticator(services));
}
