import { z } from 'zod';
import type { Executor } from '../platform/db/database.js';
import { defineJob } from '../platform/jobs/job-definition.js';
import { enqueueJob } from '../platform/jobs/job-queue.js';
import { collectMediaGarbage, type MediaGcDeps } from './media-gc.service.js';

const dayMs = 24 * 3600 * 1000;

/** Garbage collection of media files no library entry names (media-gc.service.ts), daily. */
export const mediaGcJob = defineJob({
  name: 'media.gc',
  version: 1,
  payload: z.object({}),
  maxAttempts: 2,
  handler: async (_payload, deps: MediaGcDeps, context) => {
    const result = await collectMediaGarbage(deps);
    context.logger.info(
      { filesDeleted: result.filesDeleted.length, bytesFreed: result.bytesFreed },
      'media garbage collected',
    );
    await scheduleMediaGc(deps.database.db, new Date(deps.now().getTime() + dayMs));
  },
});

/** Enqueues a run at `runAt` (one per day: the key is the date). */
export async function scheduleMediaGc(executor: Executor, runAt: Date): Promise<void> {
  await enqueueJob(
    executor,
    mediaGcJob,
    {},
    { runAt, idempotencyKey: `media-gc:${runAt.toISOString().slice(0, 10)}` },
  );
}
