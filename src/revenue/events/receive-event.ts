import type { DatabaseHandle } from '../../platform/db/database.js';
import { enqueueJob } from '../../platform/jobs/job-queue.js';
import type { PaymentProvider, ProviderEvent } from '../payment-provider.js';
import { processEventJob } from './process-event.job.js';

// The one intake for payment events, whatever the provider: Stripe's webhook route calls it
// after verifying the signature, and the sandbox calls it for the events it "sends". The
// event is recorded under its (provider, id) primary key and its processing job enqueued in
// the same transaction, so the 2xx can go out at once; a redelivery (Stripe retries after a
// timeout, a crash before the answer) finds the row and changes nothing.

export type ReceiveOutcome = 'recorded' | 'duplicate';

/** Records a verified event once and enqueues `revenue.process-event` for it. */
export async function receiveProviderEvent(
  deps: { database: DatabaseHandle; now: () => Date },
  provider: Pick<PaymentProvider, 'name'>,
  event: ProviderEvent,
): Promise<ReceiveOutcome> {
  const receivedAt = deps.now().toISOString();
  return deps.database.db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('payment_events')
      .values({
        provider: provider.name,
        event_id: event.id,
        type: event.type,
        object_id: event.objectId,
        payload: JSON.stringify(event.raw),
        event_created_at: event.created,
        received_at: receivedAt,
        processed_at: null,
      })
      .onConflict((oc) => oc.columns(['provider', 'event_id']).doNothing())
      .returning('event_id')
      .executeTakeFirst();
    if (!inserted) return 'duplicate';
    await enqueueJob(
      trx,
      processEventJob,
      { provider: provider.name, eventId: event.id },
      { idempotencyKey: `${provider.name}:${event.id}` },
    );
    return 'recorded';
  });
}
