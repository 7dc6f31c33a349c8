import { z } from 'zod';
import type { AppServices } from '../platform/app-services.js';
import { nowIso } from '../platform/db/database.js';
import { defineJob } from '../platform/jobs/job-definition.js';
import { enqueueJob } from '../platform/jobs/job-queue.js';
import { processBulkTransport } from './bulk-transport-registry.js';
import { runSendLane } from './send-engine.js';

/** One lane of an issue's send; re-enqueues itself while retries wait or others hold rows. */
export const sendIssueJob = defineJob({
  name: 'newsletters.send-issue',
  version: 1,
  payload: z.object({ issueId: z.number().int().positive(), lane: z.number().int().min(0).max(7) }),
  maxAttempts: 10,
  async handler({ issueId, lane }, deps: AppServices, context) {
    const result = await runSendLane(
      { ...deps, logger: context.logger, transport: processBulkTransport(deps) },
      issueId,
      { signal: context.signal },
    );
    if (result.state === 'interrupted') throw new Error('send interrupted; the lane is given back');
    const later =
      result.state === 'waiting'
        ? result.retryAt
        : result.state === 'others_running'
          ? nowIso(new Date(deps.now().getTime() + 30_000))
          : undefined;
    if (later) {
      await enqueueJob(
        deps.database.db,
        sendIssueJob,
        { issueId, lane },
        {
          runAt: new Date(later),
          idempotencyKey: `newsletter-send:${issueId}:${lane}:${later}`,
        },
      );
    }
  },
});
