import type { Executor } from '../../platform/db/database.js';
import type { Logger } from '../../platform/logger.js';
import type { ProviderName } from '../revenue.table.js';
import type { ProcessDeps } from './event-handler.js';
import { eventHandlers } from './event-handlers.js';

// Applies a recorded payment event. The event only says *which* object changed: the handler
// re-fetches that object from the provider (outside any transaction), then applies the
// provider's current state in one transaction and marks the event processed. So order does
// not matter (an "updated" before its "created" applies the same final state), a late event
// applies today's state, and a replay finds everything already in place.

export type { ProcessDeps } from './event-handler.js';

/** Processes one event from payment_events (no-op when already processed). */
export async function processPaymentEvent(
  deps: ProcessDeps,
  key: { provider: ProviderName; eventId: string },
  logger: Logger,
): Promise<'processed' | 'already-processed' | 'ignored' | 'missing'> {
  const { db } = deps.database;
  const event = await db
    .selectFrom('payment_events')
    .select(['type', 'object_id', 'processed_at'])
    .where('provider', '=', key.provider)
    .where('event_id', '=', key.eventId)
    .executeTakeFirst();
  if (!event) return 'missing';
  if (event.processed_at !== null) return 'already-processed';
  const markProcessed = (executor: Executor) =>
    executor
      .updateTable('payment_events')
      .set({ processed_at: deps.now().toISOString() })
      .where('provider', '=', key.provider)
      .where('event_id', '=', key.eventId)
      .where('processed_at', 'is', null)
      .execute();
  const handler = Object.hasOwn(eventHandlers, event.type) ? eventHandlers[event.type] : undefined;
  if (!handler || deps.payments.name !== key.provider) {
    // Recorded for the audit trail; nothing we act on (or a provider no longer configured).
    if (handler) logger.warn({ key }, 'payment event from a provider that is not configured');
    await markProcessed(db);
    return 'ignored';
  }
  const state = await handler.fetch(deps, event.object_id);
  await db.transaction().execute(async (trx) => {
    await handler.apply(trx, deps, state, event.type);
    await markProcessed(trx);
  });
  return 'processed';
}
