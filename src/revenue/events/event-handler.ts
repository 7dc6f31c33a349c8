import type { RevenueServices } from '../payment-provider.js';
import type { Executor } from '../../platform/db/database.js';

// What a payment event handler is and what it is given: shared by the handlers
// (event-handlers.ts) and the code that runs them (event-processing.ts), so neither imports
// the other's types.

export type ProcessDeps = Pick<RevenueServices, 'database' | 'payments' | 'now' | 'logger'>;

/**
 * One handler per event type we act on: `fetch` re-reads the provider's current state (no
 * transaction open while the network is used), `apply` writes it in the caller's transaction.
 */
export interface EventHandler<State> {
  fetch(deps: ProcessDeps, objectId: string): Promise<State>;
  apply(trx: Executor, deps: ProcessDeps, state: State, type: string): Promise<void>;
}
