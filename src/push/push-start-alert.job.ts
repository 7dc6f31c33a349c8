import { z } from 'zod';
import type { AppServices } from '../platform/app-services.js';
import { nowIso } from '../platform/db/database.js';
import { defineJob } from '../platform/jobs/job-definition.js';
import { enqueueJob } from '../platform/jobs/job-queue.js';
import { findAlert, markFinished, markFrozen } from './push-alert.repository.js';
import { freezeDeliveries, listBatches } from './push-delivery.repository.js';
import { sendBatchJob } from './push-send-batch.job.js';

/** Subscriptions per `push.send-batch` job: small enough to spread over workers, few jobs. */
export const pushBatchSize = 500;

/**
 * Freezes an alert's recipients and queues one send job per batch, in one transaction: after
 * it, the list is fixed (a later subscriber is not added, an interrupted freeze left nothing).
 */
export const startAlertJob = defineJob({
  name: 'push.start-alert',
  version: 1,
  payload: z.object({ alertId: z.number().int().positive() }),
  async handler({ alertId }, deps: Pick<AppServices, 'database' | 'now'>) {
    await deps.database.db.transaction().execute(async (tx) => {
      const alert = await findAlert(tx, alertId);
      if (!alert || alert.frozen_at !== null) return;
      const now = nowIso(deps.now());
      const recipients = await freezeDeliveries(tx, alert, { batchSize: pushBatchSize, now });
      await markFrozen(tx, alertId, { recipients, now });
      if (recipients === 0) await markFinished(tx, alertId, now);
      for (const batch of await listBatches(tx, alertId))
        await enqueueJob(
          tx,
          sendBatchJob,
          { alertId, batch },
          {
            idempotencyKey: `push-batch:${alertId}:${batch}`,
          },
        );
    });
  },
});
