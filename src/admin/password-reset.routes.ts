import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppServices } from '../platform/app-services.js';
import { AppError } from '../platform/errors.js';
import { parseInput } from '../platform/http/validate.js';
import { hitAll, type RateLimiter } from '../platform/limits/rate-limits.js';
import { hashPassword } from './password.js';
import { passwordProblem } from './password-policy.js';
import { confirmPasswordReset, requestPasswordReset } from './password-reset.service.js';
import { normalizeEmail } from './user.service.js';

const requestSchema = z
  .object({ email: z.string().trim().min(1, 'is required').max(320) })
  .strict();
export const newPasswordSchema = z.string().superRefine((password, ctx) => {
  const problem = passwordProblem(password);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
const confirmSchema = z
  .object({ token: z.string().max(200), password: newPasswordSchema })
  .strict();

const accepted = {
  message: 'If an account exists for that address, we have sent it a link to reset the password.',
};

/** Throws 429 (with Retry-After) when any of the limiters is over its limit for its key. */
export async function enforceRateLimits(
  reply: FastifyReply,
  checks: Array<[RateLimiter, string]>,
  what: string,
): Promise<void> {
  const wait = await hitAll(checks);
  if (wait <= 0) return;
  void reply.header('retry-after', String(wait));
  throw new AppError(
    429,
    'rate_limited',
    `Too many ${what}. Try again in ${Math.ceil(wait / 60)} minute(s).`,
  );
}

/** Public: ask for a reset link, and set a new password with one. */
export function registerPasswordResetRoutes(app: FastifyInstance, services: AppServices): void {
  const { limits } = services;
  const requestsPerIp = limits.define({
    name: 'password-reset.ip',
    limit: 20,
    windowMs: 15 * 60_000,
  });
  const requestsPerAddress = limits.define({
    name: 'password-reset.address',
    limit: 3,
    windowMs: 60 * 60_000,
  });
  const confirmsPerIp = limits.define({
    name: 'password-reset.confirm-ip',
    limit: 20,
    windowMs: 15 * 60_000,
  });

  app.post('/api/admin/password-reset', async (request: FastifyRequest, reply) => {
    const { email } = parseInput(requestSchema, request.body);
    const address = normalizeEmail(email);
    await enforceRateLimits(
      reply,
      [
        [requestsPerIp, request.ip],
        [requestsPerAddress, address],
      ],
      'password-reset requests',
    );
    // The answer goes out before the lookup and the email, so neither its content nor its
    // timing tells whether the address has an account.
    const now = services.now();
    setImmediate(() => {
      void services.settings
        .get()
        .then((settings) =>
          requestPasswordReset(
            services.database.db,
            {
              mail: services.mail,
              mailFrom: services.config.mailFrom,
              settings,
              baseUrl: services.config.baseUrl,
              now,
            },
            address,
          ),
        )
        .catch((error: unknown) =>
          services.logger.error({ err: error }, 'sending a password-reset email failed'),
        );
    });
    return reply.status(202).send(accepted);
  });

  app.post('/api/admin/password-reset/confirm', async (request, reply) => {
    await enforceRateLimits(reply, [[confirmsPerIp, request.ip]], 'password-reset attempts');
    const input = parseInput(confirmSchema, request.body);
    const passwordHash = await hashPassword(input.password);
    await services.database.db
      .transaction()
      .execute((tx) =>
        confirmPasswordReset(tx, { token: input.token, passwordHash, now: services.now() }),
      );
    return { message: 'Your password has been changed. Sign in with the new password.' };
  });
}
