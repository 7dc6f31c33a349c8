import type { MastheadServices } from '../jobs.js';
import { jobDefinitions } from '../worker-jobs.js';
import { startWorker } from '../platform/jobs/worker.js';

/** Runs every queued job that is due (and the jobs they enqueue) until none is left, as the worker would. */
export async function runQueuedJobs(services: MastheadServices): Promise<void> {
  const worker = startWorker<MastheadServices>({
    database: services.database,
    definitions: jobDefinitions,
    deps: services,
    logger: services.logger,
    autoStart: false,
  });
  while ((await worker.runOnce()) > 0);
  await worker.stop();
}
