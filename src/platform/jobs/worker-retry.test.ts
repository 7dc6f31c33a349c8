// Retries with backoff and the dead-letter queue: failing handlers, jobs no worker can run,
// jobs that keep killing their worker, and retrying dead jobs by hand.
import assert from 'node:assert/strict';
import { beforeEach, it } from 'node:test';
import { nowIso } from '../db/database.js';
import { describeEachDialect } from '../db/test-databases.js';
import { backoffMs } from './job-definition.js';
import { enqueueJob } from './job-queue.js';
import { countJobsByStatus, listJobs, retryDeadJob } from './job.repository.js';
import {
  buildJobRow,
  defineFailingJob,
  defineRecordingJob,
  findJob,
  logger,
} from './test-fixtures/worker-fixtures.js';
import { startWorker } from './worker.js';

describeEachDialect('durable jobs: retries and dead letters', (getDatabase) => {
  const ran: number[] = [];
  const ok = defineRecordingJob(ran);
  const failing = defineFailingJob();

  beforeEach(async () => {
    ran.length = 0;
    await getDatabase().db.deleteFrom('jobs').execute();
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
});
