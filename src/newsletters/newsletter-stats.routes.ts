import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { requireRole } from '../platform/http/staff-access.js';
import type { AppServices } from '../platform/app-services.js';
import { parseId, parseInput } from '../platform/http/validate.js';
import { issueStats, subscriberGrowth } from './newsletter-stats.service.js';

const growthQuery = z.object({
  newsletter_id: z.coerce.number().int().positive().optional(),
  bucket: z.enum(['day', 'week']).default('day'),
  /** How far back: 1–366 days, or 1–104 weeks. */
  periods: z.coerce.number().int().min(1).max(366).optional(),
});

/** Admin API: one issue's results, and subscriber growth and churn (editor and up). */
export function registerNewsletterStatsRoutes(app: FastifyInstance, services: AppServices): void {
  const { db } = services.database;

  app.get('/api/admin/newsletter-issues/:id/stats', async (request) => {
    requireRole(request, 'editor');
    return issueStats(db, parseId((request.params as { id: string }).id, 'Issue'));
  });

  app.get('/api/admin/newsletter-growth', async (request) => {
    requireRole(request, 'editor');
    const query = parseInput(growthQuery, request.query);
    const periods = Math.min(
      query.periods ?? (query.bucket === 'day' ? 30 : 12),
      query.bucket === 'day' ? 366 : 104,
    );
    const now = services.now();
    // The end of today (UTC), or of this ISO week, so there are exactly `periods` buckets.
    const weekday = (now.getUTCDay() + 6) % 7;
    const to = new Date(
      Date.UTC(
        now.getUTCFullYear(),
        now.getUTCMonth(),
        now.getUTCDate() + (query.bucket === 'week' ? 7 - weekday : 1),
      ),
    );
    const from = new Date(to.getTime() - periods * (query.bucket === 'day' ? 1 : 7) * 86_400_000);
    return {
      bucket: query.bucket,
      newsletter_id: query.newsletter_id ?? null,
      points: await subscriberGrowth(db, {
        ...(query.newsletter_id ? { newsletterId: query.newsletter_id } : {}),
        from,
        to,
        bucket: query.bucket,
      }),
    };
  });
}
