import { z } from 'zod';
import type { Executor } from '../platform/db/database.js';
import { defineJob } from '../platform/jobs/job-definition.js';
import { enqueueJob } from '../platform/jobs/job-queue.js';
import { setNarrationStatus } from './narration.repository.js';
import { type NarrationDeps, narrateArticle } from './narration.service.js';

/** Narrates one article (see narration.service.ts); retried with backoff on failure. */
export const narrateJob = defineJob({
  name: 'audio.narrate',
  version: 1,
  payload: z.object({ articleId: z.number().int().positive() }),
  maxAttempts: 3,
  handler: async (payload, deps: NarrationDeps, context) => {
    const result = await narrateArticle(deps, payload.articleId, { signal: context.signal });
    if (result.status === 'ready')
      context.logger.info(
        {
          articleId: payload.articleId,
          file: result.file,
          durationMs: result.durationMs,
          synthesized: result.synthesized,
          paragraphs: result.paragraphs,
        },
        'narration ready',
      );
  },
});

/**
 * Enqueues the narration of a published article, in the caller's transaction: one job per
 * article version (the idempotency key), so saving twice quickly does not narrate twice.
 * Articles that are not published are left alone (their page and feed entry are gone).
 */
export async function enqueueNarration(
  executor: Executor,
  article: { id: number; status: string; version: number },
  options: { force?: boolean } = {},
): Promise<void> {
  if (article.status !== 'published') return;
  const id = await enqueueJob(
    executor,
    narrateJob,
    { articleId: article.id },
    {
      idempotencyKey: `narrate:${article.id}:${article.version}${options.force ? `:${Date.now()}` : ''}`,
    },
  );
  if (id !== undefined) await setNarrationStatus(executor, article.id, 'queued');
}
