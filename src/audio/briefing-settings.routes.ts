import type { FastifyInstance } from 'fastify';
import type { AppServices } from '../platform/app-services.js';
import { requireActor, requireRole } from '../platform/http/staff-access.js';
import { parseInput } from '../platform/http/validate.js';
import { localDateOf } from './briefing-schedule.js';
import {
  briefingSettingsSchema,
  readBriefingSettings,
  writeBriefingSettings,
} from './briefing-settings.js';
import { enqueueBriefingsFor, rescheduleBriefings } from './briefing.job.js';
import { listBriefings } from './briefing.repository.js';
import { briefingPurgeKeys } from './briefing.service.js';

/**
 * The daily briefing's settings (time, on/off, stories, intro and outro per language), its
 * latest briefings, and "make today's now" (editors).
 */
export function registerBriefingSettingsRoutes(
  scope: FastifyInstance,
  services: AppServices,
): void {
  const { db } = services.database;

  scope.get('/api/admin/audio/briefing', async (request) => {
    requireActor(request);
    const [settings, site] = await Promise.all([readBriefingSettings(db), services.settings.get()]);
    const briefings = await listBriefings(db, site.language, 14);
    return {
      settings,
      time_zone: site.timeZone,
      briefings: briefings.map((b) => ({
        language: b.language,
        local_date: b.local_date,
        file: b.file,
        duration_ms: b.duration_ms,
        article_ids: JSON.parse(b.article_ids) as number[],
        updated_at: b.updated_at,
      })),
    };
  });

  scope.put('/api/admin/audio/briefing', async (request) => {
    requireRole(request, 'editor');
    const settings = parseInput(briefingSettingsSchema, request.body);
    await db.transaction().execute(async (tx) => {
      await writeBriefingSettings(tx, settings);
      await rescheduleBriefings(tx, services.now());
    });
    // The home page shows the player only while the briefing is on.
    await services.purger.purge(briefingPurgeKeys);
    return { settings };
  });

  // Makes (or remakes, when the line-up changed) today's briefings at once.
  scope.post('/api/admin/audio/briefing/today', async (request, reply) => {
    requireRole(request, 'editor');
    const now = services.now();
    const today = localDateOf(now, (await services.settings.get()).timeZone);
    const languages = await enqueueBriefingsFor(db, today, now);
    return reply.status(202).send({ local_date: today, languages });
  });
}
