import type { FastifyInstance } from 'fastify';
import type { AppServices } from '../platform/app-services.js';
import { notFound } from '../platform/errors.js';
import { requireRole } from '../platform/http/staff-access.js';
import { parseId, parseInput } from '../platform/http/validate.js';
import {
  alertWithStats,
  breakingAlertInput,
  recentAlerts,
  sendBreakingAlert,
} from './push-alert.service.js';
import { countFollowers, countSubscriptions } from './push-subscription.repository.js';

/** Admin API for alerts (editor and up; registered inside staffScope: session + CSRF or token). */
export function registerPushAdminRoutes(app: FastifyInstance, services: AppServices): void {
  const { db } = services.database;

  app.get('/api/admin/push/alerts', async (request) => {
    requireRole(request, 'editor');
    const [alerts, breaking, subscriptions] = await Promise.all([
      recentAlerts(db),
      countFollowers(db, 'breaking'),
      countSubscriptions(db),
    ]);
    return { alerts, subscribers: { breaking, subscriptions } };
  });

  app.get('/api/admin/push/alerts/:id', async (request) => {
    requireRole(request, 'editor');
    const alert = await alertWithStats(db, parseId((request.params as { id: string }).id, 'Alert'));
    if (!alert) throw notFound('Alert');
    return { alert };
  });

  app.post('/api/admin/push/alerts', async (request, reply) => {
    const actor = requireRole(request, 'editor');
    const input = parseInput(breakingAlertInput, request.body);
    const row = await db
      .transaction()
      .execute((tx) => sendBreakingAlert(tx, { now: services.now }, input, actor.userId));
    const alert = await alertWithStats(db, row.id);
    return reply.status(201).send({ alert });
  });
}
