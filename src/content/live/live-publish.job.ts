import { z } from 'zod';
import type { CachePurger } from '../../platform/cache/cache-purger.js';
import type { DatabaseHandle, Executor } from '../../platform/db/database.js';
import type { EventPublisher } from '../../platform/events/domain-events.js';
import { defineJob } from '../../platform/jobs/job-definition.js';
import { enqueueJob } from '../../platform/jobs/job-queue.js';
import { publishDueUpdates } from './live-publishing.js';

export interface LivePublishDeps {
  database: DatabaseHandle;
  purger: CachePurger;
  events: EventPublisher;
  now: () => Date;
}

/**
 * Publishes scheduled live updates whose time has come. One job per scheduling, run at the
 * time; it publishes everything due (a late run catches up), and the status check in the
 * UPDATE makes a second run change nothing.
 */
export const livePublishJob = defineJob({
  name: 'live.publish-scheduled',
  version: 1,
  payload: z.object({ updateId: z.number().int().positive().optional() }),
  handler: async (_payload, deps: LivePublishDeps, context) => {
    const changes = await deps.database.db
      .transaction()
      .execute((tx) => publishDueUpdates(tx, deps));
    await deps.purger.purge([...new Set(changes.flatMap((c) => c.purgeKeys))]);
    if (changes.length > 0)
      context.logger.info(
        { updates: changes.map((c) => c.value.id) },
        'published scheduled live updates',
      );
  },
});

/** Enqueues the publication of a live update at its time (in the caller's transaction). */
export function enqueueScheduledUpdate(
  executor: Executor,
  updateId: number,
  publishAt: string,
): Promise<number | undefined> {
  return enqueueJob(
    executor,
    livePublishJob,
    { updateId },
    { runAt: new Date(publishAt), idempotencyKey: `live-publish:${updateId}:${publishAt}` },
  );
}
