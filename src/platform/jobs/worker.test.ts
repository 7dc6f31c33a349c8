import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { beforeEach, it } from 'node:test';
import { sql } from 'kysely';
import { z } from 'zod';
import { type Executor, nowIso } from '../db/database.js';
import { describeEachDialect, testDialects } from '../db/test-databases.js';
import { createLogger } from '../logger.js';
import { backoffMs, defineJob } from './job-definition.js';
import { enqueueJob } from './job-queue.js';
import {
  claimJobs,
  completeJob,
  countJobsByStatus,
  extendLease,
  failJob,
  listJobs,
  retryDeadJob,
} from './job.repository.js';
import type { JobRow } from './job.table.js';
import { startWorker } from './worker.js';

const logger = createLogger('silent');
const fixture = new URL('./test-fixtures/worker-process.ts', import.meta.url).pathname;

function buildJobRow(overrides: Partial<Omit<JobRow, 'id'>> = {}) {
  const stamp = nowIso();
  return {
    name: 'test.ok',
    payload: JSON.stringify({ v: 1, data: { n: 1 } }),
    status: 'queued' as const,
    run_at: stamp,
    attempts: 0,
    max_attempts: 5,
    created_at: stamp,
    updated_at: stamp,
    ...overrides,
  };
}

async function findJob(executor: Executor, id: number): Promise<JobRow> {
  return executor.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await sleep(20);
  }
}

describeEachDialect('durable jobs', (getDatabase, dialect) => {
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

  beforeEach(async () => {
    ran.length = 0;
    await getDatabase().db.deleteFrom('jobs').execute();
  });

  it('a job enqueued in a rolled-back transaction does not exist; a committed one does', async () => {
    const { db } = getDatabase();
    await assert.rejects(
      db.transaction().execute(async (tx) => {
        await enqueueJob(tx, ok, { n: 1 });
        throw new Error('rollback');
      }),
    );
    assert.deepEqual(await countJobsByStatus(db), { queued: 0, running: 0, done: 0, dead: 0 });
    const id = await db.transaction().execute((tx) => enqueueJob(tx, ok, { n: 2 }));
    const job = await findJob(db, id ?? 0);
    assert.deepEqual(JSON.parse(job.payload), { v: 1, data: { n: 2 } });
    assert.equal(job.status, 'queued');
  });

  it('runs due jobs once, validates payloads and honours idempotency keys', async () => {
    const database = getDatabase();
    const first = await enqueueJob(database.db, ok, { n: 1 }, { idempotencyKey: 'k1' });
    const duplicate = await enqueueJob(database.db, ok, { n: 1 }, { idempotencyKey: 'k1' });
    assert.ok(first);
    assert.equal(duplicate, undefined);
    const inTransaction = await database.db
      .transaction()
      .execute((tx) => enqueueJob(tx, ok, { n: 1 }, { idempotencyKey: 'k1' }));
    assert.equal(inTransaction, undefined, 'a duplicate does not break the caller transaction');
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
    assert.deepEqual(ran, [1, 3]);
    await worker.stop();
  });

  it('retries with backoff, then dead-letters keeping the error', async () => {
    const database = getDatabase();
    let clock = Date.now() + 1000;
    const id = (await enqueueJob(database.db, failing, {})) ?? 0;
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
      const job = await findJob(database.db, id);
      if (attempt < 3) {
        assert.equal(job.status, 'queued');
        const delay = Date.parse(job.run_at) - clock;
        assert.ok(delay >= 0.75 * 1000 * 2 ** attempt && delay <= 1.25 * 1000 * 2 ** attempt);
      }
      clock += 3600_000 + 1;
    }
    const job = await findJob(database.db, id);
    assert.equal(job.status, 'dead');
    assert.equal(job.attempts, 3);
    assert.ok(job.finished_at);
    assert.match(job.last_error ?? '', /the printer is on fire/);
    await worker.stop();
    assert.ok(backoffMs(1, () => 0.5) < backoffMs(4, () => 0.5));
    assert.equal(
      backoffMs(30, () => 0.5),
      3600_000,
    );
  });

  it('dead-letters unknown names, mismatched versions and invalid payloads at once', async () => {
    const database = getDatabase();
    const [unknown, oldVersion, invalid] = await database.db
      .insertInto('jobs')
      .values([
        buildJobRow({ name: 'test.nobody-knows' }),
        buildJobRow({ payload: JSON.stringify({ v: 99, data: { n: 1 } }) }),
        buildJobRow({ payload: JSON.stringify({ v: 1, data: { n: 'one' } }) }),
      ])
      .returning('id')
      .execute();
    const worker = startWorker({ database, definitions: [ok], deps: {}, logger, autoStart: false });
    assert.equal(await worker.runOnce(), 3);
    const unknownJob = await findJob(database.db, unknown?.id ?? 0);
    assert.equal(unknownJob.status, 'dead');
    assert.match(unknownJob.last_error ?? '', /Unknown job "test\.nobody-knows"/);
    const versionJob = await findJob(database.db, oldVersion?.id ?? 0);
    assert.equal(versionJob.status, 'dead');
    assert.match(versionJob.last_error ?? '', /version 99 does not match "test\.ok" version 1/);
    const invalidJob = await findJob(database.db, invalid?.id ?? 0);
    assert.equal(invalidJob.status, 'dead');
    assert.match(invalidJob.last_error ?? '', /Invalid payload.*expected number/s);
    assert.deepEqual(ran, [], 'no handler ran');
    await worker.stop();
  });

  it('a dead job can be retried, listed and counted', async () => {
    const database = getDatabase();
    const id = (await enqueueJob(database.db, failing, {}, { maxAttempts: 1 })) ?? 0;
    const worker = startWorker({
      database,
      definitions: [failing],
      deps: {},
      logger,
      autoStart: false,
    });
    await worker.runOnce();
    assert.equal((await countJobsByStatus(database.db)).dead, 1);
    assert.deepEqual(
      (await listJobs(database.db, { status: 'dead', limit: 10 })).map((job) => job.id),
      [id],
    );
    assert.equal(await retryDeadJob(database.db, id), true);
    const job = await findJob(database.db, id);
    assert.equal(job.status, 'queued');
    assert.equal(job.attempts, 0);
    assert.equal(await retryDeadJob(database.db, id), false, 'only dead jobs');
    await worker.stop();
  });

  it('a dead job is not retried while another job holds its idempotency key', async () => {
    const database = getDatabase();
    const [dead] = await database.db
      .insertInto('jobs')
      .values(buildJobRow({ status: 'dead', idempotency_key: 'same' }))
      .returning('id')
      .execute();
    await enqueueJob(database.db, ok, { n: 1 }, { idempotencyKey: 'same' });
    assert.equal(await retryDeadJob(database.db, dead?.id ?? 0), false);
  });

  it('a job whose lease ran out is claimed again, and the stale worker cannot touch it', async () => {
    const database = getDatabase();
    const id = (await enqueueJob(database.db, ok, { n: 9 })) ?? 0;
    const now = new Date();
    const claim = (workerId: string, offsetMs: number) =>
      claimJobs(database.db, database.dialect, {
        workerId,
        names: ['test.ok'],
        limit: 1,
        leaseMs: 1000,
        now: new Date(now.getTime() + offsetMs),
      });
    const [claimed] = await claim('dead-worker', 0);
    assert.equal(claimed?.id, id);
    assert.equal(claimed?.locked_by, 'dead-worker');
    assert.equal((await claim('new-worker', 500)).length, 0, 'the lease still holds');
    const [taken] = await claim('new-worker', 1500);
    assert.equal(taken?.id, id);
    assert.equal(taken?.attempts, 2);
    assert.equal(await completeJob(database.db, id, 'dead-worker', new Date()), false);
    assert.equal(
      await failJob(database.db, taken ?? claimed, 'dead-worker', 'late', new Date(), new Date()),
      undefined,
    );
    assert.equal(await extendLease(database.db, id, 'dead-worker', new Date()), false);
    assert.equal((await findJob(database.db, id)).locked_by, 'new-worker');
    assert.equal(await completeJob(database.db, id, 'new-worker', new Date()), true);
    assert.equal((await findJob(database.db, id)).status, 'done');
  });

  it('a job that keeps killing its worker is dead-lettered instead of claimed forever', async () => {
    const database = getDatabase();
    const past = nowIso(new Date(Date.now() - 1000));
    const [row] = await database.db
      .insertInto('jobs')
      .values(
        buildJobRow({
          status: 'running',
          attempts: 5,
          max_attempts: 5,
          locked_by: 'crashed',
          locked_until: past,
        }),
      )
      .returning('id')
      .execute();
    const worker = startWorker({ database, definitions: [ok], deps: {}, logger, autoStart: false });
    assert.equal(await worker.runOnce(), 1);
    const job = await findJob(database.db, row?.id ?? 0);
    assert.equal(job.status, 'dead');
    assert.match(job.last_error ?? '', /stopped without finishing/);
    assert.deepEqual(ran, []);
    await worker.stop();
  });

  it('heartbeats keep a long job leased; a lost lease aborts its signal', async () => {
    const database = getDatabase();
    let sawAbort = false;
    const slow = defineJob({
      name: 'test.slow',
      version: 1,
      payload: z.object({ ms: z.number() }),
      handler: async (payload: { ms: number }, _deps: unknown, context) => {
        await sleep(payload.ms, undefined, { signal: context.signal }).catch(() => {
          sawAbort = true;
        });
      },
    });
    const worker = startWorker({
      database,
      definitions: [slow],
      deps: {},
      logger,
      leaseMs: 150,
      pollIntervalMs: 10,
    });
    const id = (await enqueueJob(database.db, slow, { ms: 600 })) ?? 0;
    await waitUntil(async () => (await findJob(database.db, id)).status === 'running', 2000);
    for (let i = 0; i < 4; i += 1) {
      await sleep(100);
      const stolen = await claimJobs(database.db, database.dialect, {
        workerId: 'thief',
        limit: 1,
        leaseMs: 150,
        now: new Date(),
      });
      assert.equal(stolen.length, 0, 'the lease was extended');
    }
    await waitUntil(async () => (await findJob(database.db, id)).status === 'done', 2000);
    assert.equal((await findJob(database.db, id)).attempts, 1);
    assert.equal(sawAbort, false);

    // Another worker took the job over (say this one was paused past its lease).
    const second = (await enqueueJob(database.db, slow, { ms: 5000 })) ?? 0;
    await waitUntil(async () => (await findJob(database.db, second)).status === 'running', 2000);
    await database.db
      .updateTable('jobs')
      .set({ locked_by: 'thief' })
      .where('id', '=', second)
      .execute();
    await waitUntil(async () => sawAbort, 2000);
    await sleep(50);
    const job = await findJob(database.db, second);
    assert.equal(job.status, 'running', 'the new owner decides the job state');
    assert.equal(job.locked_by, 'thief');
    await worker.stop();
  });

  it('runs at most `concurrency` jobs at a time', async () => {
    const database = getDatabase();
    let active = 0;
    let peak = 0;
    const busy = defineJob({
      name: 'test.busy',
      version: 1,
      payload: z.object({}),
      handler: async () => {
        active += 1;
        peak = Math.max(peak, active);
        await sleep(40);
        active -= 1;
      },
    });
    await database.db.transaction().execute(async (tx) => {
      for (let i = 0; i < 8; i += 1) await enqueueJob(tx, busy, {});
    });
    const worker = startWorker({
      database,
      definitions: [busy],
      deps: {},
      logger,
      concurrency: 3,
      pollIntervalMs: 10,
    });
    await waitUntil(async () => (await countJobsByStatus(database.db)).done === 8, 5000);
    assert.equal(peak, 3);
    await worker.stop();
  });

  it('stop() waits for running jobs, then cancels and requeues what outlives its timeout', async () => {
    const database = getDatabase();
    const patient = defineJob({
      name: 'test.patient',
      version: 1,
      payload: z.object({ ms: z.number() }),
      handler: async (payload: { ms: number }, _deps: unknown, context) => {
        await sleep(payload.ms, undefined, { signal: context.signal });
      },
    });
    const quick = (await enqueueJob(database.db, patient, { ms: 150 })) ?? 0;
    const worker = startWorker({
      database,
      definitions: [patient],
      deps: {},
      logger,
      pollIntervalMs: 10,
      shutdownTimeoutMs: 1000,
    });
    await waitUntil(async () => (await findJob(database.db, quick)).status === 'running', 2000);
    await worker.stop();
    assert.equal((await findJob(database.db, quick)).status, 'done', 'stop waited for it');

    const stubborn = (await enqueueJob(database.db, patient, { ms: 60_000 })) ?? 0;
    const second = startWorker({
      database,
      definitions: [patient],
      deps: {},
      logger,
      pollIntervalMs: 10,
      shutdownTimeoutMs: 100,
    });
    await waitUntil(async () => (await findJob(database.db, stubborn)).status === 'running', 2000);
    const started = Date.now();
    await second.stop();
    assert.ok(Date.now() - started < 2000);
    const job = await findJob(database.db, stubborn);
    assert.equal(job.status, 'queued', 'given back to the queue');
    assert.equal(job.attempts, 0, 'the cancelled attempt is not counted');
    assert.equal(job.locked_by, null);
  });

  if (dialect === 'postgres') {
    it('an idle worker wakes up on NOTIFY when a job is committed, not at its next poll', async () => {
      const database = getDatabase();
      const worker = startWorker({
        database,
        definitions: [ok],
        deps: {},
        logger,
        pollIntervalMs: 60_000,
      });
      await worker.ready;
      await sleep(50); // the first (empty) poll is over; the next one is a minute away
      const started = Date.now();
      await database.db.transaction().execute(async (tx) => {
        await enqueueJob(tx, ok, { n: 41 });
        await enqueueJob(tx, ok, { n: 42 });
      });
      await waitUntil(async () => ran.length === 2, 3000);
      assert.ok(Date.now() - started < 3000);
      await worker.stop();
    });
  }
});

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
