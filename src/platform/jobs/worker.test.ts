// The worker's core: enqueueing inside transactions, claiming, leases and heartbeats,
// concurrency, shutdown and NOTIFY wake-ups. Retries and dead letters are in
// worker-retry.test.ts, several worker processes in worker-processes.test.ts.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, it } from 'node:test';
import { z } from 'zod';
import { describeEachDialect } from '../db/test-databases.js';
import { defineJob } from './job-definition.js';
import { enqueueJob } from './job-queue.js';
import {
  claimJobs,
  completeJob,
  countJobsByStatus,
  extendLease,
  failJob,
} from './job.repository.js';
import { defineRecordingJob, findJob, logger, waitUntil } from './test-fixtures/worker-fixtures.js';
import { startWorker as startWorkerNow } from './worker.js';

describeEachDialect('durable jobs', (getDatabase, dialect) => {
  const ran: number[] = [];
  const ok = defineRecordingJob(ran);
  // Every worker a test starts is stopped after it, even when an assertion failed midway:
  // a worker left running keeps the test process alive and the whole suite waiting.
  const runningWorkers: Array<ReturnType<typeof startWorkerNow>> = [];
  const startWorker = (options: Parameters<typeof startWorkerNow>[0]) => {
    const worker = startWorkerNow(options);
    runningWorkers.push(worker);
    return worker;
  };
  afterEach(async () => {
    await Promise.all(runningWorkers.splice(0).map((worker) => worker.stop()));
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
      // Generous next to the heartbeat (a third of it), so a busy CI machine's event-loop
      // delays do not let the lease run out while the job is healthy.
      leaseMs: 900,
      pollIntervalMs: 10,
    });
    const id = (await enqueueJob(database.db, slow, { ms: 1500 })) ?? 0;
    await waitUntil(async () => (await findJob(database.db, id)).status === 'running', 5000);
    for (let i = 0; i < 4; i += 1) {
      await sleep(300);
      const stolen = await claimJobs(database.db, database.dialect, {
        workerId: 'thief',
        limit: 1,
        leaseMs: 900,
        now: new Date(),
      });
      assert.equal(stolen.length, 0, 'the lease was extended');
    }
    await waitUntil(async () => (await findJob(database.db, id)).status === 'done', 5000);
    assert.equal((await findJob(database.db, id)).attempts, 1);
    assert.equal(sawAbort, false);

    // Another worker took the job over (say this one was paused past its lease).
    const second = (await enqueueJob(database.db, slow, { ms: 5000 })) ?? 0;
    await waitUntil(async () => (await findJob(database.db, second)).status === 'running', 5000);
    await database.db
      .updateTable('jobs')
      .set({ locked_by: 'thief' })
      .where('id', '=', second)
      .execute();
    await waitUntil(async () => sawAbort, 4000);
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
    await waitUntil(async () => (await findJob(database.db, quick)).status === 'running', 5000);
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
    await waitUntil(async () => (await findJob(database.db, stubborn)).status === 'running', 5000);
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
      await waitUntil(async () => ran.length === 2, 10_000);
      assert.ok(Date.now() - started < 10_000, 'woken long before the one-minute poll');
      await worker.stop();
    });
  }
});
