import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppServices } from '../platform/app-services.js';
import { AppError } from '../platform/errors.js';
import { parseId, parseInput } from '../platform/http/validate.js';
import { type UserRow, staffRoles } from './admin.table.js';
import { requireActor, requireRole } from './authenticate.js';
import { hashPassword } from './password.js';
import { enforceRateLimits, newPasswordSchema } from './password-reset.routes.js';
import { presentUser } from './sign-in.js';
import { updateOwnAccount, updateStaffUser } from './staff-user.service.js';
import { listTotpEnabledUserIds, isTotpEnabled } from './totp.repository.js';
import { disableTotp, enableTotp, setUpTotp } from './totp.service.js';
import { listUsers } from './user.repository.js';

const nameSchema = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(120, 'must be at most 120 characters');
const userPatchSchema = z
  .object({
    name: nameSchema.optional(),
    role: z.enum(staffRoles, { message: `must be one of ${staffRoles.join(', ')}` }).optional(),
    disabled: z.boolean().optional(),
  })
  .strict();
const mePatchSchema = z
  .object({
    name: nameSchema.optional(),
    password: newPasswordSchema.optional(),
    current_password: z.string().max(1000).optional(),
  })
  .strict();
const codeSchema = z.object({ code: z.string().trim().min(1, 'is required').max(20) }).strict();

/** A staff user in the admin's user list. */
function presentStaffUser(user: UserRow, totpEnabled: boolean) {
  return {
    ...presentUser(user, totpEnabled),
    disabled: user.disabled_at !== null,
    created_at: user.created_at,
  };
}

/** The signed-in person (API tokens have no account of their own). */
function requireStaffUser(request: FastifyRequest): UserRow {
  requireActor(request);
  if (!request.staffUser)
    throw new AppError(
      403,
      'forbidden',
      'This needs a signed-in staff member; API tokens have no account of their own.',
    );
  return request.staffUser;
}

/** Staff users (admins), the signed-in user's own account, and their two-factor setup. */
export function registerStaffUserRoutes(scope: FastifyInstance, services: AppServices): void {
  const { db } = services.database;
  const codesPerUser = services.limits.define({
    name: 'staff-account.codes',
    limit: 10,
    windowMs: 15 * 60_000,
  });
  const lockRows = services.database.dialect === 'postgres';

  scope.get('/api/admin/users', async (request) => {
    requireRole(request, 'admin');
    const [users, withTotp] = await Promise.all([listUsers(db), listTotpEnabledUserIds(db)]);
    return { users: users.map((user) => presentStaffUser(user, withTotp.has(user.id))) };
  });

  scope.patch('/api/admin/users/:id', async (request) => {
    const actor = requireRole(request, 'admin');
    const id = parseId((request.params as { id: string }).id, 'Staff user');
    const patch = parseInput(userPatchSchema, request.body);
    const user = await db
      .transaction()
      .execute((tx) => updateStaffUser(tx, lockRows, actor.userId, id, patch, services.now()));
    return { user: presentStaffUser(user, await isTotpEnabled(db, user.id)) };
  });

  scope.patch('/api/admin/me', async (request, reply) => {
    const me = requireStaffUser(request);
    const input = parseInput(mePatchSchema, request.body);
    if (input.password !== undefined)
      await enforceRateLimits(reply, [[codesPerUser, `password:${me.id}`]], 'password changes');
    const newPasswordHash =
      input.password === undefined ? undefined : await hashPassword(input.password);
    const user = await db.transaction().execute((tx) =>
      updateOwnAccount(
        tx,
        me,
        {
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(newPasswordHash !== undefined ? { newPasswordHash } : {}),
          ...(input.current_password !== undefined
            ? { currentPassword: input.current_password }
            : {}),
        },
        { now: services.now(), sessionId: request.staffSession?.id },
      ),
    );
    return { user: presentUser(user, await isTotpEnabled(db, user.id)) };
  });

  scope.post('/api/admin/me/totp/setup', async (request) => {
    const me = requireStaffUser(request);
    const settings = await services.settings.get();
    return setUpTotp(db, me, settings.name, services.now());
  });

  scope.post('/api/admin/me/totp/enable', async (request, reply) => {
    const me = requireStaffUser(request);
    const { code } = parseInput(codeSchema, request.body);
    await enforceRateLimits(reply, [[codesPerUser, `totp:${me.id}`]], 'two-factor codes');
    await enableTotp(db, me.id, code, services.now());
    return { user: presentUser(me, true) };
  });

  scope.post('/api/admin/me/totp/disable', async (request, reply) => {
    const me = requireStaffUser(request);
    const { code } = parseInput(codeSchema, request.body);
    await enforceRateLimits(reply, [[codesPerUser, `totp:${me.id}`]], 'two-factor codes');
    await disableTotp(db, me.id, code, services.now());
    return { user: presentUser(me, false) };
  });
}
