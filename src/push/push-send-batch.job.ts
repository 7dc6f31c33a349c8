import { z } from 'zod';
import type { AppServices } from '../platform/app-services.js';
import { defineJob } from '../platform/jobs/job-definition.js';
import { enqueueJob } from '../platform/jobs/job-queue.js';
import { ensurePushKeys } from './push-keys.js';
import { runPushBatch } from './push-send-engine.js';
import { processPushSender } from './push-sender-registry.js';
import { processSendPacer } from './send-pacer.js';

/** Sends one batch of an alert; re-enqueues itself for the batch's retries (429/5xx). */
export const sendBatchJob = defineJob({
  name: 'push.send-batch',
  version: 1,
  payload: z.object({
    alertId: z.number().int().positive(),
    batch: z.number().int().min(0),
  }),
  maxAttempts: 10,
  async handler({ alertId, batch }, deps: AppServices, context) {
    const { db } = deps.database;
    const keys = await ensurePushKeys(db, { encryptionKey: deps.config.push.encryptionKey });
    const result = await runPushBatch(
      {
        database: deps.database,
        baseUrl: deps.config.baseUrl,
        logger: context.logger,
        now: deps.now,
        keys,
        sender: processPushSender(keys, deps.config),
        pacer: processSendPacer(deps.config.push.ratePerSecond),
        services: deps.config.push.services,
      },
      alertId,
      batch,
      { signal: context.signal },
    );
    if (result.state === 'interrupted')
      throw new Error('send interrupted; the batch is given back');
    if (result.state === 'waiting')
      await enqueueJob(
        db,
        sendBatchJob,
        { alertId, batch },
        {
          runAt: new Date(result.retryAt),
          idempotencyKey: `push-batch:${alertId}:${batch}:${result.retryAt}`,
        },
      );
  },
});
