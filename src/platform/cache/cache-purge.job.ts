import { z } from 'zod';
import { defineJob } from '../jobs/job-definition.js';
import type { CachePurger } from './cache-purger.js';

/** Purges surrogate keys on every node; enqueued in the same transaction as a content change. */
export const cachePurgeJob = defineJob({
  name: 'cache.purge',
  version: 1,
  payload: z.object({ keys: z.array(z.string().max(200)).max(10_000) }),
  handler: async (payload, deps: { purger: CachePurger }) => {
    await deps.purger.purge(payload.keys);
  },
});
