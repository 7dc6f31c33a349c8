import { z } from 'zod';
import type { Executor } from '../platform/db/database.js';
import { defineJob } from '../platform/jobs/job-definition.js';
import { enqueueJob } from '../platform/jobs/job-queue.js';
import { listUnfinishedJobs } from './live-summary.repository.js';
import { type LiveSummaryDeps, summarizeKeyEvents } from './live-summary.service.js';

/** Makes a live coverage's key-events summary (see live-summary.service.ts). */
export const liveSummaryJob = defineJob({
  name: 'audio.live-summary',
  version: 1,
  payload: z.object({ articleId: z.number().int().positive() }),
  maxAttempts: 3,
  handler: async (payload, deps: LiveSummaryDeps, context) => {
    const result = await summarizeKeyEvents(deps, payload.articleId, { signal: context.signal });
    if (result.status !== 'skipped')
      context.logger.info({ articleId: payload.articleId, ...result }, 'live summary');
  },
});

/** How long a summary waits after the first change, so a burst of edits makes one job. */
export const liveSummaryDelayMs = 30_000;

/**
 * Enqueues a coverage's summary in the caller's transaction, `liveSummaryDelayMs` after the
 * first of a burst of changes: while a summary job is queued, it will read this change too,
 * so nothing is added. While one is running (it may have read the key events already), the
 * follow-up goes under a second key, so the change is summarized after it.
 */
export async function enqueueLiveSummary(
  executor: Executor,
  articleId: number,
  now: Date,
): Promise<number | undefined> {
  const keys = [`live-summary:${articleId}`, `live-summary:${articleId}:next`];
  const unfinished = await listUnfinishedJobs(executor, keys);
  if (unfinished.some((job) => job.status === 'queued')) return undefined;
  const running = new Set(unfinished.map((job) => job.idempotency_key));
  const key = keys.find((k) => !running.has(k));
  // Both running: the later one re-reads the key events when it is done (summarizeKeyEvents).
  if (key === undefined) return undefined;
  return enqueueJob(
    executor,
    liveSummaryJob,
    { articleId },
    { runAt: new Date(now.getTime() + liveSummaryDelayMs), idempotencyKey: key },
  );
}
