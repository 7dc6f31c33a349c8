import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppServices } from '../platform/app-services.js';
import { nowIso } from '../platform/db/database.js';
import { AppError, notFound } from '../platform/errors.js';
import { parseId, parseInput } from '../platform/http/validate.js';
import { staffRoles } from './admin.table.js';
import { requireRole } from './authenticate.js';
import {
  acceptInvitation,
  createInvitation,
  findInvitationByToken,
  invitationEmailSchema,
  presentInvitation,
} from './invitation.service.js';
import { listPendingInvitations, revokeInvitations } from './invitation.repository.js';
import { hashPassword } from './password.js';
import { enforceRateLimits, newPasswordSchema } from './password-reset.routes.js';
import { signInUser } from './sign-in.js';
import { sendInvitationMail } from './staff-mail.js';
import { normalizeEmail } from './user.service.js';

const nameSchema = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(120, 'must be at most 120 characters');
const inviteSchema = z
  .object({
    email: z.string().trim().max(320).transform(normalizeEmail).pipe(invitationEmailSchema),
    role: z.enum(staffRoles, { message: `must be one of ${staffRoles.join(', ')}` }),
    name: z.string().trim().max(120, 'must be at most 120 characters').optional(),
  })
  .strict();
const acceptSchema = z
  .object({ token: z.string().max(200), name: nameSchema, password: newPasswordSchema })
  .strict();

/** Admin only, behind authentication: invite, list pending, revoke. */
export function registerInvitationRoutes(scope: FastifyInstance, services: AppServices): void {
  const { db } = services.database;
  const invitesPerUser = services.limits.define({
    name: 'invitations.sender',
    limit: 50,
    windowMs: 60 * 60_000,
  });

  scope.post('/api/admin/invitations', async (request, reply) => {
    const actor = requireRole(request, 'admin');
    const input = parseInput(inviteSchema, request.body);
    await enforceRateLimits(
      reply,
      [[invitesPerUser, `${actor.userId ?? 'token'}:${actor.tokenId ?? ''}`]],
      'invitations',
    );
    const { invitation, token } = await db.transaction().execute((tx) =>
      createInvitation(tx, {
        email: input.email,
        role: input.role,
        name: input.name ?? '',
        invitedBy: actor.userId,
        now: services.now(),
      }),
    );
    const url = `${services.config.baseUrl}/admin/accept-invitation?token=${encodeURIComponent(token)}`;
    try {
      await sendInvitationMail(
        {
          mail: services.mail,
          mailFrom: services.config.mailFrom,
          settings: await services.settings.get(),
        },
        { to: invitation.email, role: invitation.role, invitedBy: request.staffUser?.name },
        url,
      );
    } catch (error) {
      // An invitation nobody received is useless: take it back and say why.
      await revokeInvitations(db, { id: invitation.id }, nowIso(services.now()));
      request.log.error({ err: error }, 'sending an invitation email failed');
      throw new AppError(
        502,
        'mail_failed',
        'The invitation email could not be sent, so the invitation was withdrawn. Check the mail settings and try again.',
      );
    }
    return reply.status(201).send({ invitation: presentInvitation(invitation) });
  });

  scope.get('/api/admin/invitations', async (request) => {
    requireRole(request, 'admin');
    const rows = await listPendingInvitations(db, nowIso(services.now()));
    return { invitations: rows.map(presentInvitation) };
  });

  scope.delete('/api/admin/invitations/:id', async (request, reply) => {
    requireRole(request, 'admin');
    const id = parseId((request.params as { id: string }).id, 'Invitation');
    const changed = await revokeInvitations(db, { id }, nowIso(services.now()));
    if (changed === 0) throw notFound('Pending invitation');
    return reply.status(204).send();
  });
}

/** Public (the invited person has no account yet), rate-limited: look up and accept. */
export function registerInvitationAcceptRoutes(app: FastifyInstance, services: AppServices): void {
  const { db } = services.database;
  const acceptsPerIp = services.limits.define({
    name: 'invitations.accept-ip',
    limit: 20,
    windowMs: 15 * 60_000,
  });
  const lookupsPerIp = services.limits.define({
    name: 'invitations.lookup-ip',
    limit: 60,
    windowMs: 15 * 60_000,
  });

  app.get('/api/admin/invitations/lookup', async (request, reply) => {
    await enforceRateLimits(reply, [[lookupsPerIp, request.ip]], 'invitation look-ups');
    const token = (request.query as { token?: unknown }).token;
    const invitation = await findInvitationByToken(
      db,
      typeof token === 'string' ? token : '',
      services.now(),
    );
    void reply.header('cache-control', 'no-store');
    return { email: invitation.email, role: invitation.role, name: invitation.name };
  });

  app.post('/api/admin/invitations/accept', async (request, reply) => {
    await enforceRateLimits(reply, [[acceptsPerIp, request.ip]], 'invitation attempts');
    const input = parseInput(acceptSchema, request.body);
    const passwordHash = await hashPassword(input.password);
    const user = await db.transaction().execute((tx) =>
      acceptInvitation(tx, {
        token: input.token,
        name: input.name,
        passwordHash,
        now: services.now(),
      }),
    );
    return reply.status(201).send(await signInUser(services, request, reply, user));
  });
}
