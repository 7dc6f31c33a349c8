import { cachePurgeJob } from './platform/cache/cache-purge.job.js';
import { publishScheduledJob } from './content/publish-scheduled.job.js';
import { sendIssueJob } from './newsletters/send-issue.job.js';
import { digestJob, scheduleAllDigests } from './newsletters/digest.job.js';
import { websubPingJob } from './site/distribution/websub-ping.job.js';
import { oembedFetchJob } from './site/oembed-fetch.job.js';
import { confirmationEmailJob, welcomeEmailJob } from './newsletters/subscription-mail.job.js';
import { narrateJob } from './audio/narrate.job.js';
import { audioGcJob, scheduleAudioGc } from './audio/audio-gc.job.js';
import { processEventJob } from './revenue/events/process-event.job.js';
import { revenueEmailJob } from './revenue/emails/revenue-email.job.js';
import { revenueHousekeepingJob, scheduleRevenueHousekeeping } from './revenue/housekeeping.job.js';
import type { AppConfig } from './config.js';
import { subscribeNarration } from './audio/narration-subscriptions.js';
import { createEventBus, type EventBus } from './platform/events/domain-events.js';
import { enqueueJob } from './platform/jobs/job-queue.js';
import { startWorker, type Worker, type WorkerOptions } from './platform/jobs/worker.js';
import { openRuntime } from './platform/runtime.js';
import type { RevenueServices } from './revenue/payment-provider.js';
import { createPaymentProvider } from './revenue/payment-providers.js';
import { subscribeSearch } from './search/search-subscriptions.js';
import { subscribeSite } from './site/site-subscriptions.js';

// The composition of the background side (with app.ts for the web side): every job, every
// subscription to domain events, and the services bag with what each domain adds. The only
// place besides app.ts and main.ts that knows every domain.

/** Every service of a Masthead process: the platform's, plus what domains bring. */
export type MastheadServices = RevenueServices;

/**
 * Each domain's reactions to content events, in the order they run within a change's
 * transaction (search first: it is what a reader sees at once). Add a domain's here.
 */
export function subscribeDomains(bus: EventBus): EventBus {
  subscribeSearch(bus);
  subscribeNarration(bus);
  subscribeSite(bus);
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

/**
 * Every job this codebase knows; a worker runs all of them. Each handler declares the narrow
 * slice of the services it needs; the worker passes the process's services as deps.
 */
export const jobDefinitions = [
  cachePurgeJob,
  publishScheduledJob,
  confirmationEmailJob,
  welcomeEmailJob,
  sendIssueJob,
  digestJob,
  narrateJob,
  audioGcJob,
  websubPingJob,
  oembedFetchJob,
  processEventJob,
  revenueEmailJob,
  revenueHousekeepingJob,
];

/**
 * Starts the job worker for this process. A catch-up publication job is enqueued at start so
 * an article that fell due while every server was down is published at once.
 */
export async function startAppWorker(
  services: MastheadServices,
  options: Pick<WorkerOptions<MastheadServices>, 'shutdownTimeoutMs'> = {},
): Promise<Worker> {
  await enqueueJob(
    services.database.db,
    publishScheduledJob,
    {},
    { idempotencyKey: 'publish-scheduled:startup' },
  );
  // Every automatic digest has its next slot queued (idempotent per newsletter and slot).
  await scheduleAllDigests(services);
  // Narration audio garbage collection: ten minutes after start, then daily (audio-gc.job.ts).
  await scheduleAudioGc(services.database.db, new Date(services.now().getTime() + 600_000));
  // Reader-revenue housekeeping: fifteen minutes after start, then daily (housekeeping.job.ts).
  await scheduleRevenueHousekeeping(
    services.database.db,
    new Date(services.now().getTime() + 900_000),
  );
  return startWorker<MastheadServices>({
    database: services.database,
    definitions: jobDefinitions,
    deps: services,
    logger: services.logger.child({ component: 'worker' }),
    now: services.now,
    ...options,
  });
}
