import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppServices } from '../platform/app-services.js';
import { AppError, validationError } from '../platform/errors.js';
import { fieldErrors } from '../platform/http/validate.js';
import type { UserRow } from './admin.table.js';
import { requireActor, sessionCookie, staffHintCookie } from './authenticate.js';
import { createRateLimiter } from './login-rate-limit.js';
import { createSession, deleteSession, sessionLifetimeMs } from './session.service.js';
import { authenticateUser, normalizeEmail } from './user.service.js';

const signInSchema = z
  .object({ email: z.string().max(320), password: z.string().max(1000) })
  .strict();

/** The user as the admin app sees it (no hash, no internals). */
export function presentUser(user: UserRow) {
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

/** POST/DELETE /api/admin/session and GET /api/admin/whoami. */
export function registerSessionRoutes(
  app: FastifyInstance,
  services: AppServices,
  authenticate: (request: FastifyRequest, reply: FastifyReply) => Promise<void>,
): void {
  const perAccount = createRateLimiter({ limit: 10, windowMs: 15 * 60_000 });
  const perIp = createRateLimiter({ limit: 50, windowMs: 15 * 60_000 });
  const secure = services.config.baseUrl.startsWith('https:');
  const cookieOptions = { path: '/', sameSite: 'lax' as const, secure };

  app.post('/api/admin/session', async (request, reply) => {
    const parsed = signInSchema.safeParse(request.body);
    if (!parsed.success)
      throw validationError(fieldErrors(parsed.error), 'Send your email and password.');
    const email = normalizeEmail(parsed.data.email);
    const wait = Math.max(perIp.hit(request.ip), perAccount.hit(`${request.ip}|${email}`));
    if (wait > 0) {
      void reply.header('retry-after', String(wait));
      throw new AppError(
        429,
        'rate_limited',
        `Too many sign-in attempts. Try again in ${Math.ceil(wait / 60)} minute(s).`,
      );
    }
    const user = await authenticateUser(services.database.db, email, parsed.data.password);
    if (!user) throw new AppError(401, 'invalid_credentials', 'Email or password is incorrect.');
    perAccount.reset(`${request.ip}|${email}`);
    const session = await createSession(services.database.db, user, {
      ip: request.ip,
      userAgent: request.headers['user-agent'] ?? '',
      now: services.now(),
    });
    const maxAge = Math.floor(sessionLifetimeMs / 1000);
    void reply
      .setCookie(sessionCookie, session.cookieValue, { ...cookieOptions, httpOnly: true, maxAge })
      // Not secret: it only tells the public site's script to draw "Edit post" links.
      .setCookie(staffHintCookie, '1', { ...cookieOptions, httpOnly: false, maxAge });
    return { user: presentUser(user), csrfToken: session.csrfToken };
  });

  app.delete('/api/admin/session', { preHandler: authenticate }, async (request, reply) => {
    requireActor(request);
    const cookie = request.cookies[sessionCookie];
    if (cookie) await deleteSession(services.database.db, cookie);
    void reply
      .clearCookie(sessionCookie, cookieOptions)
      .clearCookie(staffHintCookie, cookieOptions);
    return reply.status(204).send();
  });

  app.get('/api/admin/whoami', { preHandler: authenticate }, async (request) => {
    const actor = requireActor(request);
    return {
      user: request.staffUser ? presentUser(request.staffUser) : null,
      role: actor.role,
      tokenId: actor.tokenId,
      csrfToken: request.staffSession?.csrf_token ?? null,
    };
  });
}
