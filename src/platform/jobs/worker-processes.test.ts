// Several worker processes on one database: each job runs exactly once, and a job whose
// worker was killed (SIGKILL) is picked up again once its lease runs out.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { it } from 'node:test';
import { sql } from 'kysely';
import { z } from 'zod';
import { describeEachDialect, testDialects } from '../db/test-databases.js';
import { defineJob } from './job-definition.js';
import { enqueueJob } from './job-queue.js';
import { countJobsByStatus } from './job.repository.js';
import { findJob, waitUntil } from './test-fixtures/worker-fixtures.js';

const fixture = new URL('./test-fixtures/worker-process.ts', import.meta.url).pathname;

function startWorkerProcess(url: string, workerId: string, leaseMs: number): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', fixture, url, workerId, String(leaseMs)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.once('line', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`worker exited with ${code}`)));
  });
}

if (!testDialects.includes('postgres')) {
  it(
    'jobs across worker processes on PostgreSQL',
    {
      skip: 'set MASTHEAD_TEST_POSTGRES_URL to run',
    },
    () => undefined,
  );
}

// SQLite too: `masthead serve --no-worker` and `masthead worker` may share one database file.
describeEachDialect('jobs across worker processes', (getDatabase) => {
  const recordJob = defineJob({
    name: 'test.record',
    version: 1,
    payload: z.object({ n: z.number() }),
    handler: async () => undefined,
  });
  const sleepJob = defineJob({
    name: 'test.sleep',
    version: 1,
    payload: z.object({ ms: z.number() }),
    handler: async () => undefined,
  });

  it('two worker processes run every job exactly once, both taking part', async () => {
    const database = getDatabase();
    await sql`create table job_runs (job_id integer not null unique, worker text not null)`.execute(
      database.db,
    );
    const workers = await Promise.all([
      startWorkerProcess(database.url, 'w1', 30_000),
      startWorkerProcess(database.url, 'w2', 30_000),
    ]);
    try {
      await database.db.transaction().execute(async (tx) => {
        for (let n = 0; n < 200; n += 1) await enqueueJob(tx, recordJob, { n });
      });
      await waitUntil(async () => (await countJobsByStatus(database.db)).done === 200, 30_000);
      const runs = await sql<{
        worker: string;
        n: number;
      }>`select worker, count(*) as n from job_runs group by worker`.execute(database.db);
      const total = runs.rows.reduce((sum, r) => sum + Number(r.n), 0);
      assert.equal(total, 200, 'every job ran exactly once (job_runs.job_id is unique)');
      assert.equal(runs.rows.length, 2, `both workers took part: ${JSON.stringify(runs.rows)}`);
      const counts = await countJobsByStatus(database.db);
      assert.deepEqual(counts, { queued: 0, running: 0, done: 200, dead: 0 });
    } finally {
      for (const worker of workers) worker.kill('SIGKILL');
    }
  });

  it('a job whose worker was killed is picked up again after its lease', async () => {
    const database = getDatabase();
    await sql`delete from job_runs`.execute(database.db);
    const id = (await enqueueJob(database.db, sleepJob, { ms: 60_000 })) ?? 0;
    const doomed = await startWorkerProcess(database.url, 'doomed', 1000);
    await waitUntil(async () => {
      const runs = await sql<{
        n: number;
      }>`select count(*) as n from job_runs where job_id = ${id}`.execute(database.db);
      return Number(runs.rows[0]?.n) === 1;
    }, 10_000);
    doomed.kill('SIGKILL');
    await new Promise((resolve) => doomed.once('exit', resolve));
    assert.equal((await findJob(database.db, id)).locked_by, 'doomed');
    // The next run finishes at once (the payload is ours to shape in a test).
    await database.db
      .updateTable('jobs')
      .set({ payload: JSON.stringify({ v: 1, data: { ms: 1 } }) })
      .where('id', '=', id)
      .execute();
    const rescuer = await startWorkerProcess(database.url, 'rescuer', 1000);
    try {
      await waitUntil(async () => (await findJob(database.db, id)).status === 'done', 10_000);
      const job = await findJob(database.db, id);
      assert.equal(job.attempts, 2, 'claimed once by the killed worker, once by the rescuer');
    } finally {
      rescuer.kill('SIGKILL');
    }
  });
});
