import type { AppServices } from '../../platform/app-services.js';
import type { Logger } from '../../platform/logger.js';
import type { ProviderName } from '../revenue.table.js';

export type ProcessDeps = Pick<AppServices, 'database' | 'payments' | 'now' | 'logger'>;

/** Applies a recorded event (work in progress: marks it processed). */
export async function processPaymentEvent(
  deps: ProcessDeps,
  key: { provider: ProviderName; eventId: string },
  logger: Logger,
): Promise<void> {
  logger.debug({ key }, 'payment event');
  await deps.database.db
    .updateTable('payment_events')
    .set({ processed_at: deps.now().toISOString() })
    .where('provider', '=', key.provider)
    .where('event_id', '=', key.eventId)
    .execute();
}
