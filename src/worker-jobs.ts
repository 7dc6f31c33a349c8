import { cachePurgeJob } from './platform/cache/cache-purge.job.js';
import { publishScheduledJob } from './content/publish-scheduled.job.js';
import { livePublishJob } from './content/live/live-publish.job.js';
import { sendIssueJob } from './newsletters/send-issue.job.js';
import { digestJob, scheduleAllDigests } from './newsletters/digest.job.js';
import { websubPingJob } from './site/distribution/websub-ping.job.js';
import { oembedFetchJob } from './site/oembed-fetch.job.js';
import { confirmationEmailJob, welcomeEmailJob } from './newsletters/subscription-mail.job.js';
import { narrateJob } from './audio/narrate.job.js';
import { liveSummaryJob } from './audio/live-summary.job.js';
import { briefingJob, briefingSlotJob, scheduleBriefings } from './audio/briefing.job.js';
import { audioGcJob, scheduleAudioGc } from './audio/audio-gc.job.js';
import { mediaGcJob, scheduleMediaGc } from './media/media-gc.job.js';
import { analyticsPruneJob, scheduleAnalyticsPrune } from './analytics/analytics-prune.job.js';
import { processEventJob } from './revenue/events/process-event.job.js';
import { revenueEmailJob } from './revenue/emails/revenue-email.job.js';
import { revenueHousekeepingJob, scheduleRevenueHousekeeping } from './revenue/housekeeping.job.js';
import { startAlertJob } from './push/push-start-alert.job.js';
import { sendBatchJob } from './push/push-send-batch.job.js';
import { replyEmailJob } from './comments/reply-email.job.js';
import { enqueueJob } from './platform/jobs/job-queue.js';
import { startWorker, type Worker, type WorkerOptions } from './platform/jobs/worker.js';
import type { MastheadServices } from './jobs.js';

// Every job and the worker that runs them. Kept apart from jobs.ts so a web process — which
// only enqueues jobs by name — does not load every job's handler to serve its first page;
// `serve` imports this when it starts its worker, after the site is listening.

/**
 * Every job this codebase knows; a worker runs all of them. Each handler declares the narrow
 * slice of the services it needs; the worker passes the process's services as deps.
 */
export const jobDefinitions = [
  cachePurgeJob,
  publishScheduledJob,
  livePublishJob,
  confirmationEmailJob,
  welcomeEmailJob,
  sendIssueJob,
  digestJob,
  narrateJob,
  liveSummaryJob,
  briefingSlotJob,
  briefingJob,
  audioGcJob,
  mediaGcJob,
  websubPingJob,
  oembedFetchJob,
  processEventJob,
  revenueEmailJob,
  revenueHousekeepingJob,
  startAlertJob,
  sendBatchJob,
  analyticsPruneJob,
  replyEmailJob,
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
  await enqueueJob(
    services.database.db,
    livePublishJob,
    {},
    { idempotencyKey: 'live-publish:startup' },
  );
  // Every automatic digest has its next slot queued (idempotent per newsletter and slot).
  await scheduleAllDigests(services);
  // The daily audio briefing: its next slot, and today's now if its slot passed without one.
  await scheduleBriefings(services);
  // Narration audio garbage collection: ten minutes after start, then daily (audio-gc.job.ts).
  await scheduleAudioGc(services.database.db, new Date(services.now().getTime() + 600_000));
  // Media files no library entry names (failed uploads): twenty minutes after start, then daily.
  await scheduleMediaGc(services.database.db, new Date(services.now().getTime() + 1_200_000));
  // Reader-revenue housekeeping: fifteen minutes after start, then daily (housekeeping.job.ts).
  await scheduleRevenueHousekeeping(
    services.database.db,
    new Date(services.now().getTime() + 900_000),
  );
  // Analytics: raw events past their keeping, old salts and visitor rows; 25 minutes after
  // start, then hourly (analytics-prune.job.ts).
  await scheduleAnalyticsPrune(
    services.database.db,
    new Date(services.now().getTime() + 1_500_000),
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
