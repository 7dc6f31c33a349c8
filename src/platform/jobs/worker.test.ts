import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { it } from 'node:test';
import { sql } from 'kysely';
import { z } from 'zod';
import { nowIso } from '../db/database.js';
import { describeEachDialect, testDialects } from '../db/test-databases.js';
import { createLogger } from '../logger.js';
import { backoffMs, defineJob } from './job-definition.js';
import { enqueueJob } from './job-queue.js';
import { claimJobs, completeJob } from './job.repository.js';
import { startWorker } from './worker.js';

const logger = createLogger('silent');
const fixture = new URL('./test-fixtures/worker-process.ts', import.meta.url).pathname;

describeEachDialect('durable jobs', (getDatabase) => {
  const ran: number[] = [];
  const ok = defineJob({
    name: 'test.ok',
    version: 1,
    payload: z.object({ n: z.number() }),
    handler: async (payload: { n: number }) => {
      ran.push(payload.n);
    },
  });
  const failing = defineJob({
    name: 'test.fail',
    version: 1,
    payload: z.object({}),
    maxAttempts: 3,
    handler: async () => {
      throw new Error('the printer is on fire');
    },
  });

  it('a job enqueued in a rolled-back transaction does not exist', async () => {
    const { db } = getDatabase();
    await assert.rejects(
      db.transaction().execute(async (tx) => {
        await enqueueJob(tx, ok, { n: 1 });
        throw new Error('rollback');
      }),
    );
    const count = await db
      .selectFrom('jobs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 0);
  });

  it('runs due jobs once, validates payloads and honours idempotency keys', async () => {
    const database = getDatabase();
    const first = await enqueueJob(database.db, ok, { n: 1 }, { idempotencyKey: 'k1' });
    const duplicate = await enqueueJob(database.db, ok, { n: 1 }, { idempotencyKey: 'k1' });
    assert.ok(first);
    assert.equal(duplicate, undefined);
    await enqueueJob(database.db, ok, { n: 2 }, { runAt: new Date(Date.now() + 3600_000) });
    await assert.rejects(enqueueJob(database.db, ok, { n: 'x' } as unknown as { n: number }));
    const worker = startWorker({ database, definitions: [ok], deps: {}, logger, autoStart: false });
    assert.equal(await worker.runOnce(), 1, 'only the due job runs');
    assert.equal(await worker.runOnce(), 0);
    assert.deepEqual(ran, [1]);
    assert.ok(
      await enqueueJob(database.db, ok, { n: 3 }, { idempotencyKey: 'k1' }),
      'a finished job frees its key',
    );
    await worker.runOnce();
    await worker.stop();
  });

  it('retries with backoff, then dead-letters keeping the error', async () => {
    const database = getDatabase();
    let clock = Date.now() + 1000;
    const id = await enqueueJob(database.db, failing, {});
    const worker = startWorker({
      database,
      definitions: [failing],
      deps: {},
      logger,
      autoStart: false,
      now: () => new Date(clock),
    });
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      assert.equal(await worker.runOnce(), 1, `attempt ${attempt}`);
      assert.equal(await worker.runOnce(), 0, 'not due again before the backoff');
      clock += 3600_000 + 1;
    }
    const job = await database.db
      .selectFrom('jobs')
      .selectAll()
      .where('id', '=', id ?? 0)
      .executeTakeFirstOrThrow();
    assert.equal(job.status, 'dead');
    assert.equal(job.attempts, 3);
    assert.match(job.last_error ?? '', /the printer is on fire/);
    await worker.stop();
    assert.ok(backoffMs(1, () => 0.5) < backoffMs(4, () => 0.5));
    assert.equal(
      backoffMs(30, () => 0.5),
      3600_000,
    );
  });

  it('dead-letters unknown job names and mismatched payload versions at once', async () => {
    const database = getDatabase();
    const stamp = nowIso();
    await database.db
      .insertInto('jobs')
      .values({
        name: 'test.ok',
        payload: JSON.stringify({ v: 99, data: { n: 1 } }),
        status: 'queued',
        run_at: stamp,
        attempts: 0,
        max_attempts: 5,
        created_at: stamp,
        updated_at: stamp,
      })
      .execute();
    const worker = startWorker({ database, definitions: [ok], deps: {}, logger, autoStart: false });
    await worker.runOnce();
    const dead = await database.db
      .selectFrom('jobs')
      .selectAll()
      .where('status', '=', 'dead')
      .where('name', '=', 'test.ok')
      .executeTakeFirstOrThrow();
    assert.match(dead.last_error ?? '', /version 99/);
    await worker.stop();
  });

  it('a job whose lease ran out is claimed again, and the stale worker cannot complete it', async () => {
    const database = getDatabase();
    const id = (await enqueueJob(database.db, ok, { n: 9 })) ?? 0;
    const now = new Date();
    const [claimed] = await claimJobs(database.db, database.dialect, {
      workerId: 'dead-worker',
      names: ['test.ok'],
      limit: 1,
      leaseMs: 1000,
      now,
    });
    assert.equal(claimed?.id, id);
    const again = await claimJobs(database.db, database.dialect, {
      workerId: 'new-worker',
      names: ['test.ok'],
      limit: 1,
      leaseMs: 1000,
      now: new Date(now.getTime() + 500),
    });
    assert.equal(again.length, 0, 'the lease still holds');
    const [taken] = await claimJobs(database.db, database.dialect, {
      workerId: 'new-worker',
      names: ['test.ok'],
      limit: 1,
      leaseMs: 1000,
      now: new Date(now.getTime() + 1500),
    });
    assert.equal(taken?.id, id);
    assert.equal(taken?.attempts, 2);
    assert.equal(await completeJob(database.db, id, 'dead-worker', new Date()), false);
    assert.equal(await completeJob(database.db, id, 'new-worker', new Date()), true);
  });
});

function startWorkerProcess(url: string, workerId: string, leaseMs: number): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', fixture, url, workerId, String(leaseMs)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((resolve, reject) => {
    child.stdout?.once('data', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`worker exited with ${code}`)));
  });
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await sleep(50);
  }
}

if (testDialects.includes('postgres')) {
  describeEachDialect('jobs across worker processes', (getDatabase, dialect) => {
    if (dialect !== 'postgres') return;
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

    it('two worker processes on PostgreSQL never run the same job', async () => {
      const database = getDatabase();
      await sql`create table job_runs (job_id integer not null unique, worker text not null)`.execute(
        database.db,
      );
      await database.db.transaction().execute(async (tx) => {
        for (let n = 0; n < 200; n += 1) await enqueueJob(tx, recordJob, { n });
      });
      const workers = await Promise.all([
        startWorkerProcess(database.url, 'w1', 30_000),
        startWorkerProcess(database.url, 'w2', 30_000),
      ]);
      try {
        await waitUntil(async () => {
          const row = await sql<{
            n: number;
          }>`select count(*)::int as n from jobs where status = 'done'`.execute(database.db);
          return row.rows[0]?.n === 200;
        }, 30_000);
        const runs = await sql<{
          worker: string;
          n: number;
        }>`select worker, count(*)::int as n from job_runs group by worker`.execute(database.db);
        const total = runs.rows.reduce((sum, r) => sum + r.n, 0);
        assert.equal(total, 200, 'every job ran exactly once (job_runs.job_id is unique)');
        assert.equal(runs.rows.length, 2, `both workers took part: ${JSON.stringify(runs.rows)}`);
      } finally {
        for (const worker of workers) worker.kill('SIGKILL');
      }
    });

    it('a job whose worker was killed is picked up again after its lease', async () => {
      const database = getDatabase();
      await sql`delete from job_runs`.execute(database.db);
      const id = (await enqueueJob(database.db, sleepJob, { ms: 60_000 })) ?? 0;
      const doomed = await startWorkerProcess(database.url, 'doomed', 1500);
      await waitUntil(
        async () =>
          (
            await sql<{
              n: number;
            }>`select count(*)::int as n from job_runs where job_id = ${id}`.execute(database.db)
          ).rows[0]?.n === 1,
        10_000,
      );
      doomed.kill('SIGKILL');
      await sql`update jobs set payload = ${JSON.stringify({ v: 1, data: { ms: 1 } })} where id = ${id}`.execute(
        database.db,
      );
      const rescuer = await startWorkerProcess(database.url, 'rescuer', 1500);
      try {
        await waitUntil(async () => {
          const job = await database.db
            .selectFrom('jobs')
            .select(['status', 'locked_by', 'attempts'])
            .where('id', '=', id)
            .executeTakeFirstOrThrow();
          return job.status === 'done';
        }, 15_000);
        const job = await database.db
          .selectFrom('jobs')
          .select(['attempts'])
          .where('id', '=', id)
          .executeTakeFirstOrThrow();
        assert.equal(job.attempts, 2, 'claimed once by the killed worker, once by the rescuer');
      } finally {
        rescuer.kill('SIGKILL');
      }
    });
  });
}
