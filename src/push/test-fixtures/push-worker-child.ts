import { loadConfig } from '../../config.js';
import { type MastheadServices, openAppServices } from '../../jobs.js';
import { startWorker } from '../../platform/jobs/worker.js';
import { jobDefinitions } from '../../worker-jobs.js';

// A real job worker in its own process, for the crash test and the benchmark:
// `push-worker-child.ts DATABASE_URL PUSH_SERVICE_ORIGIN DATA_DIR`. It runs every job (so the
// push jobs among them) with a one-second lease, prints "ready", and runs until killed.

const [databaseUrl, pushOrigin, dataDir] = process.argv.slice(2);
if (!databaseUrl || !pushOrigin || !dataDir)
  throw new Error('usage: push-worker-child DATABASE_URL PUSH_SERVICE_ORIGIN DATA_DIR');
const config = loadConfig({
  DATABASE_URL: databaseUrl,
  PUSH_SERVICES: pushOrigin,
  PUSH_RATE_PER_SECOND: process.env.PUSH_RATE_PER_SECOND ?? '0',
  DATA_DIR: dataDir,
  LOG_LEVEL: 'silent',
});
const services = await openAppServices(config, 'push-worker-child');
const worker = startWorker<MastheadServices>({
  database: services.database,
  definitions: jobDefinitions,
  deps: services,
  logger: services.logger,
  leaseMs: 1000,
  pollIntervalMs: 20,
  concurrency: Number(process.env.WORKER_CONCURRENCY ?? 4),
});
await worker.ready;
process.stdout.write('ready\n');
process.on('SIGTERM', () => {
  void worker
    .stop()
    .then(() => services.close())
    .then(() => process.exit(0));
});
