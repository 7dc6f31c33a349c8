// A worker process for the multi-process tests: runs `test.record` jobs, each recording
// (job id, worker) under a unique constraint; `test.sleep` jobs sleep, to be killed mid-job.
// Usage: node --import tsx worker-process.ts DATABASE_URL WORKER_ID LEASE_MS
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { z } from 'zod';
import { openDatabase } from '../../db/database.js';
import { createLogger } from '../../logger.js';
import { defineJob } from '../job-definition.js';
import { startWorker } from '../worker.js';

const [url, workerId, leaseMs] = process.argv.slice(2);
const database = openDatabase(url ?? '', { poolSize: 4 });

const recordJob = defineJob({
  name: 'test.record',
  version: 1,
  payload: z.object({ n: z.number() }),
  handler: async (_payload, _deps: unknown, context) => {
    await sleep(5);
    await sql`insert into job_runs (job_id, worker) values (${context.jobId}, ${workerId})`.execute(
      database.db,
    );
  },
});

const sleepJob = defineJob({
  name: 'test.sleep',
  version: 1,
  payload: z.object({ ms: z.number() }),
  handler: async (payload, _deps: unknown, context) => {
    await sql`insert into job_runs (job_id, worker) values (${context.jobId}, ${workerId}) on conflict do nothing`.execute(
      database.db,
    );
    await sleep(payload.ms, undefined, { signal: context.signal }).catch(() => undefined);
  },
});

const worker = startWorker({
  database,
  definitions: [recordJob, sleepJob],
  deps: {},
  logger: createLogger('silent'),
  workerId,
  concurrency: 4,
  pollIntervalMs: 20,
  leaseMs: Number(leaseMs ?? 30_000),
});
await worker.ready;
process.stdout.write('ready\n');
