import type { AppConfig } from './config.js';
import { subscribeAnalytics } from './analytics/attribution.js';
import { subscribeComments } from './comments/comment-subscriptions.js';
import { subscribeBriefing } from './audio/briefing-subscriptions.js';
import { subscribeLiveSummary } from './audio/live-summary-subscriptions.js';
import { subscribeNarration } from './audio/narration-subscriptions.js';
import { createEventBus, type EventBus } from './platform/events/domain-events.js';
import { openRuntime } from './platform/runtime.js';
import type { RevenueServices } from './revenue/payment-provider.js';
import { createPaymentProvider } from './revenue/payment-providers.js';
import { subscribePush } from './push/push-subscriptions.js';
import { subscribeSearch } from './search/search-subscriptions.js';
import { subscribeSite } from './site/site-subscriptions.js';

// The composition of a process's services (with app.ts for the web side and worker-jobs.ts
// for the jobs): every subscription to domain events, and the services bag with what each
// domain adds. With those two and main.ts, the only places that know every domain.

/** Every service of a Masthead process: the platform's, plus what domains bring. */
export type MastheadServices = RevenueServices;

/**
 * Each domain's reactions to content events, in the order they run within a change's
 * transaction (search first: it is what a reader sees at once). Add a domain's here.
 */
export function subscribeDomains(bus: EventBus): EventBus {
  subscribeSearch(bus);
  subscribeNarration(bus);
  subscribeLiveSummary(bus);
  subscribeBriefing(bus);
  subscribeSite(bus);
  subscribePush(bus);
  subscribeAnalytics(bus);
  subscribeComments(bus);
  return bus;
}

/** An event bus with every domain subscribed (for the CLI's imports and seed, and tests). */
export function createDomainEvents(options: { now?: () => Date } = {}): EventBus {
  return subscribeDomains(createEventBus(options));
}

/** Opens one process's services: the platform runtime, domain subscriptions, payments. */
export async function openAppServices(
  config: AppConfig,
  name = 'masthead',
): Promise<MastheadServices & { close(): Promise<void> }> {
  const runtime = await openRuntime(config, name);
  subscribeDomains(runtime.events);
  const payments = await createPaymentProvider({
    config,
    database: runtime.database,
    now: runtime.now,
  });
  return Object.assign(runtime, { payments });
}
