import { z } from 'zod';
import type { AppServices } from '../platform/app-services.js';
import type { Executor } from '../platform/db/database.js';
import { defineJob } from '../platform/jobs/job-definition.js';
import { enqueueJob } from '../platform/jobs/job-queue.js';
import { toZonedIso } from '../platform/time-zone.js';
import { shiftDay } from './analytics-report.js';
import { readAnalyticsSettings } from './analytics-settings.js';
import { deleteOldSalts } from './visitor-hash.js';

const hourMs = 3600 * 1000;

export type AnalyticsPruneDeps = Pick<AppServices, 'database' | 'settings' | 'now'>;

/**
 * Deletes what analytics must not keep: raw events older than the settings' `rawDays` (the
 * daily aggregates stay), who-was-counted rows of past days and salts of past days (so a day's
 * visitor hashes can no longer be recomputed). Deletes in slices so a large backlog never
 * holds one long transaction.
 */
export async function pruneAnalytics(deps: AnalyticsPruneDeps) {
  const { db } = deps.database;
  const now = deps.now();
  const { timeZone } = await deps.settings.get();
  const { rawDays } = await readAnalyticsSettings(db);
  const today = toZonedIso(now, timeZone).slice(0, 10);
  const keepFrom = shiftDay(today, -rawDays);
  let events = 0;
  for (;;) {
    const slice = db
      .selectFrom('analytics_events')
      .select('id')
      .where('day', '<', keepFrom)
      .limit(5000);
    const result = await db
      .deleteFrom('analytics_events')
      .where('id', 'in', slice)
      .executeTakeFirst();
    const n = Number(result.numDeletedRows);
    events += n;
    if (n < 5000) break;
  }
  // Yesterday's rows stay a day: events from just before midnight may still be arriving.
  const visitors = await db
    .deleteFrom('analytics_visitor_days')
    .where('day', '<', shiftDay(today, -1))
    .executeTakeFirst();
  const salts = await deleteOldSalts(db, now.toISOString().slice(0, 10));
  return { events, visitorDays: Number(visitors.numDeletedRows), salts };
}

/** Runs hourly (salts must go soon after their day ends). */
export const analyticsPruneJob = defineJob({
  name: 'analytics.prune',
  version: 1,
  payload: z.object({}),
  maxAttempts: 3,
  handler: async (_payload, deps: AnalyticsPruneDeps, context) => {
    const result = await pruneAnalytics(deps);
    context.logger.info(result, 'analytics pruned');
    await scheduleAnalyticsPrune(deps.database.db, new Date(deps.now().getTime() + hourMs));
  },
});

/** Enqueues a run at `runAt` (one per hour: the key is the hour). */
export async function scheduleAnalyticsPrune(executor: Executor, runAt: Date): Promise<void> {
  await enqueueJob(
    executor,
    analyticsPruneJob,
    {},
    { runAt, idempotencyKey: `analytics-prune:${runAt.toISOString().slice(0, 13)}` },
  );
}
