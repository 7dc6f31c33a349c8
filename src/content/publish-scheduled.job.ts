import { z } from 'zod';
import type { CachePurger } from '../platform/cache/cache-purger.js';
import type { DatabaseHandle } from '../platform/db/database.js';
import type { EventPublisher } from '../platform/events/domain-events.js';
import { defineJob } from '../platform/jobs/job-definition.js';
import { enqueueJob } from '../platform/jobs/job-queue.js';
import type { Executor } from '../platform/db/database.js';
import { publishDueArticles } from './article-publishing.js';

export interface PublishScheduledDeps {
  database: DatabaseHandle;
  purger: CachePurger;
  events: EventPublisher;
  now: () => Date;
}

/**
 * Publishes scheduled articles whose time has come. One job per scheduling (run at the
 * publication time); the handler publishes everything due, so a job that ran late, after the
 * server was down, catches up, and the status check makes a second run a no-op.
 */
export const publishScheduledJob = defineJob({
  name: 'content.publish-scheduled',
  version: 1,
  payload: z.object({ articleId: z.number().int().positive().optional() }),
  handler: async (_payload, deps: PublishScheduledDeps, context) => {
    // Each publication is announced (article.published): narration, search and WebSub react.
    const changes = await deps.database.db
      .transaction()
      .execute((tx) => publishDueArticles(tx, deps.events, deps.now()));
    const keys = [...new Set(changes.flatMap((change) => change.purgeKeys))];
    await deps.purger.purge(keys);
    if (changes.length > 0)
      context.logger.info(
        { articles: changes.map((c) => c.article.id) },
        'published scheduled articles',
      );
  },
});

/** Enqueues the publication of an article at its scheduled time (in the caller's transaction). */
export function enqueueScheduledPublication(
  executor: Executor,
  articleId: number,
  publishAt: string,
): Promise<number | undefined> {
  return enqueueJob(
    executor,
    publishScheduledJob,
    { articleId },
    { runAt: new Date(publishAt), idempotencyKey: `publish:${articleId}:${publishAt}` },
  );
}
