import { z } from 'zod';
import type { Executor } from '../platform/db/database.js';
import { defineJob } from '../platform/jobs/job-definition.js';
import { enqueueJob } from '../platform/jobs/job-queue.js';
import { type AudioGcDeps, collectAudioGarbage } from './audio-gc.service.js';

const dayMs = 24 * 3600 * 1000;

/**
 * Garbage collection of narration audio (see audio-gc.service.ts), once a day: each run
 * enqueues the next. It works on the blob store (DATA_DIR or the S3 bucket of STORAGE_URL):
 * with local storage every server that narrates should run a worker (the default) or
 * `masthead narrate gc` from cron.
 */
export const audioGcJob = defineJob({
  name: 'audio.gc',
  version: 1,
  payload: z.object({}),
  maxAttempts: 2,
  handler: async (_payload, deps: AudioGcDeps, context) => {
    const result = await collectAudioGarbage(deps);
    context.logger.info(
      {
        narrationsRemoved: result.narrationsRemoved,
        liveSummariesRemoved: result.liveSummariesRemoved,
        filesDeleted: result.filesDeleted.length,
        cacheEntriesDeleted: result.cacheEntriesDeleted,
        bytesFreed: result.bytesFreed,
      },
      'narration audio garbage collected',
    );
    await scheduleAudioGc(deps.database.db, new Date(deps.now().getTime() + dayMs));
  },
});

/** Enqueues a garbage collection run at `runAt` (one per day: the key is the date). */
export async function scheduleAudioGc(executor: Executor, runAt: Date): Promise<void> {
  await enqueueJob(
    executor,
    audioGcJob,
    {},
    { runAt, idempotencyKey: `audio-gc:${runAt.toISOString().slice(0, 10)}` },
  );
}
