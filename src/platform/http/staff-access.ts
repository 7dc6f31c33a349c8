import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, forbidden } from '../errors.js';

// Who is calling a staff route, and what their role lets them do. Authentication itself
// (sessions, API tokens, CSRF) belongs to admin/, which registers it in app.ts as the
// `authenticateStaff` decorator; every domain's staff routes receive it through `staffScope`
// and read the caller with `requireActor`/`requireRole`, so no domain imports admin/.

export type StaffRole = 'contributor' | 'author' | 'editor' | 'admin';

/** Who is acting: a signed-in staff user, or an API token (which has a role but no user). */
export interface Actor {
  role: StaffRole;
  userId: number | null;
  tokenId: number | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by `authenticateStaff` on staff routes. */
    actor?: Actor;
  }
  interface FastifyInstance {
    /** Resolves the caller (401/403 otherwise); registered by admin/ in app.ts. */
    authenticateStaff: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
  }
}

const rank: Record<StaffRole, number> = { contributor: 0, author: 1, editor: 2, admin: 3 };

/** True when the actor's role is at least `role`. */
export function hasRole(actor: Actor, role: StaffRole): boolean {
  return rank[actor.role] >= rank[role];
}

/** The caller, or 401. */
export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError(401, 'unauthorized', 'Please sign in.');
  return request.actor;
}

/** The caller when their role is at least `role`, or 403. */
export function requireRole(request: FastifyRequest, role: StaffRole): Actor {
  const actor = requireActor(request);
  if (!hasRole(actor, role)) throw forbidden(`This needs the ${role} role or higher.`);
  return actor;
}

/**
 * Registers routes behind staff authentication: every request is authenticated first, and
 * every answer is `no-store` (staff answers are personal: never kept by a browser or cache).
 */
export async function staffScope(
  app: FastifyInstance,
  register: (scope: FastifyInstance) => void | Promise<void>,
): Promise<void> {
  if (!app.hasDecorator('authenticateStaff'))
    throw new Error('staff authentication is not registered (admin/ registers it in app.ts)');
  await app.register(async (scope) => {
    scope.addHook('preHandler', app.authenticateStaff);
    scope.addHook('onSend', async (_request: FastifyRequest, reply: FastifyReply, payload) => {
      void reply.header('cache-control', 'no-store');
      return payload;
    });
    await register(scope);
  });
}
