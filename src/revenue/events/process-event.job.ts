import { z } from 'zod';
import type { RevenueServices } from '../payment-provider.js';
import { defineJob } from '../../platform/jobs/job-definition.js';
import { processPaymentEvent } from './event-processing.js';

// Applies one recorded payment event (see receive-event.ts). Retried with backoff when the
// provider cannot be reached or the object an event needs is not there yet.

export const processEventJob = defineJob({
  name: 'revenue.process-event',
  version: 1,
  payload: z.object({
    provider: z.enum(['stripe', 'sandbox']),
    eventId: z.string().min(1).max(255),
  }),
  maxAttempts: 10,
  async handler(
    payload,
    deps: Pick<RevenueServices, 'database' | 'payments' | 'now' | 'logger'>,
    context,
  ) {
    await processPaymentEvent(deps, payload, context.logger);
  },
});
