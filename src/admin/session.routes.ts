import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppServices } from '../platform/app-services.js';
import { AppError, validationError } from '../platform/errors.js';
import { fieldErrors } from '../platform/http/validate.js';
import { hitAll } from '../platform/limits/rate-limits.js';
import { requireActor, sessionCookie, staffHintCookie } from './authenticate.js';
import { deleteSession } from './session.service.js';
import { presentUser, signInUser, staffCookieOptions } from './sign-in.js';
import { checkSignInTotp } from './totp.service.js';
import { isTotpEnabled } from './totp.repository.js';
import { authenticateUser, normalizeEmail } from './user.service.js';

const signInSchema = z
  .object({
    email: z.string().max(320),
    password: z.string().max(1000),
    totp: z.string().max(20).optional(),
  })
  .strict();

/** POST/DELETE /api/admin/session and GET /api/admin/whoami. */
export function registerSessionRoutes(
  app: FastifyInstance,
  services: AppServices,
  authenticate: (request: FastifyRequest, reply: FastifyReply) => Promise<void>,
): void {
  // Counted once for every node (ADR 0019): 10 wrong passwords per IP and account, 50 per IP.
  const { limits } = services;
  const perAccount = limits.define({
    name: 'staff-sign-in.account',
    limit: 10,
    windowMs: 15 * 60_000,
  });
  const perIp = limits.define({ name: 'staff-sign-in.ip', limit: 50, windowMs: 15 * 60_000 });
  // Codes are six digits: besides the per-IP limits, an account takes at most 10 codes per
  // quarter hour from all IPs together, so spreading guesses over many addresses does not help.
  const codesPerUser = limits.define({
    name: 'staff-sign-in.totp',
    limit: 10,
    windowMs: 15 * 60_000,
  });
  const cookieOptions = staffCookieOptions(services);

  app.post('/api/admin/session', async (request, reply) => {
    const parsed = signInSchema.safeParse(request.body);
    if (!parsed.success)
      throw validationError(fieldErrors(parsed.error), 'Send your email and password.');
    const email = normalizeEmail(parsed.data.email);
    const wait = await hitAll([
      [perIp, request.ip],
      [perAccount, `${request.ip}|${email}`],
    ]);
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
    // The second factor is asked for only after a right password, and each wrong code counts
    // against the same per-account limit as a wrong password.
    if (parsed.data.totp) {
      const { allowed, retryAfterSeconds: codeWait } = await codesPerUser.hit(String(user.id));
      if (!allowed) {
        void reply.header('retry-after', String(codeWait));
        throw new AppError(
          429,
          'rate_limited',
          `Too many two-factor codes tried. Try again in ${Math.ceil(codeWait / 60)} minute(s).`,
        );
      }
    }
    const totp = await checkSignInTotp(
      services.database.db,
      user.id,
      parsed.data.totp,
      services.now(),
    );
    if (totp === 'required')
      throw new AppError(
        401,
        'totp_required',
        'Enter the 6-digit code from your authenticator app.',
      );
    if (totp === 'invalid')
      throw new AppError(
        401,
        'invalid_totp',
        'That code is not right or was already used. Enter the current 6-digit code.',
      );
    await Promise.all([
      perAccount.reset(`${request.ip}|${email}`),
      codesPerUser.reset(String(user.id)),
    ]);
    return signInUser(services, request, reply, user);
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
    const user = request.staffUser;
    return {
      user: user ? presentUser(user, await isTotpEnabled(services.database.db, user.id)) : null,
      role: actor.role,
      tokenId: actor.tokenId,
      csrfToken: request.staffSession?.csrf_token ?? null,
    };
  });
}
