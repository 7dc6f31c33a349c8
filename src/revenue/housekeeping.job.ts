import { z } from 'zod';
import type { Executor } from '../platform/db/database.js';
import { defineJob } from '../platform/jobs/job-definition.js';
import { enqueueJob } from '../platform/jobs/job-queue.js';
import { type RevenueHousekeepingDeps, runRevenueHousekeeping } from './housekeeping.service.js';

const dayMs = 24 * 3600 * 1000;

/**
 * Reader-revenue housekeeping (see housekeeping.service.ts), once a day: each run enqueues
 * the next. Everything lives in the database, so any one worker may run it.
 */
export const revenueHousekeepingJob = defineJob({
  name: 'revenue.housekeeping',
  version: 1,
  payload: z.object({}),
  maxAttempts: 2,
  handler: async (_payload, deps: RevenueHousekeepingDeps, context) => {
    const result = await runRevenueHousekeeping(deps);
    context.logger.info({ ...result }, 'reader revenue housekeeping done');
    await scheduleRevenueHousekeeping(deps.database.db, new Date(deps.now().getTime() + dayMs));
  },
});

/** Enqueues a housekeeping run at `runAt` (one per day: the key is the date). */
export async function scheduleRevenueHousekeeping(executor: Executor, runAt: Date): Promise<void> {
  await enqueueJob(
    executor,
    revenueHousekeepingJob,
    {},
    { runAt, idempotencyKey: `revenue-housekeeping:${runAt.toISOString().slice(0, 10)}` },
  );
}
