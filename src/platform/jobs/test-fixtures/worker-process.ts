// A worker process for the multi-process tests: runs `test.record` jobs, each recording
// (job id, worker) under a unique constraint; `test.sleep` jobs sleep to be killed mid-job.
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { z } from 'zod';
import { openDatabase } from '../../db/database.js';
import { createLogger } from '../../logger.js';
import { defineJob } from '../job-definition.js';
import { startWorker } from '../worker.js';

const [url, workerId, leaseMs] = process.argv.slice(2);
const database = openDatabase(url ?? '', { poolSize: 4 });

export const recordJob = defineJob({
  name: 'test.record',
  version: 1,
  payload: z.object({ n: z.number() }),
  handler: async (_payload, _deps: unknown, context) => {
    await sleep(2);
    await sql`insert into job_runs (job_id, worker) values (${context.jobId}, ${workerId})`.execute(
      database.db,
    );
  },
});

export const sleepJob = defineJob({
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

startWorker({
  database,
  definitions: [recordJob, sleepJob],
  deps: {},
  logger: createLogger('silent'),
  workerId,
  concurrency: 4,
  pollIntervalMs: 20,
  leaseMs: Number(leaseMs ?? 30_000),
});
process.stdout.write('ready\n');
