import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createLocalBlobStore } from '../platform/storage/local-blob-store.js';
import { join } from 'node:path';
import { after, it } from 'node:test';
import { narrateJob } from '../audio/narrate.job.js';
import { mediaGcJob } from '../media/media-gc.job.js';
import { analyticsPruneJob } from '../analytics/analytics-prune.job.js';
import { briefingSlotJob } from '../audio/briefing.job.js';
import { audioGcJob } from '../audio/audio-gc.job.js';
import { revenueHousekeepingJob } from '../revenue/housekeeping.job.js';
import { startAppWorker } from '../worker-jobs.js';
import { createPageCache } from '../platform/cache/page-cache.js';
import { describeEachDialect } from '../platform/db/test-databases.js';
import { createMemoryLimitStore } from '../platform/limits/memory-limit-store.js';
import { createRateLimits } from '../platform/limits/rate-limits.js';
import { createLogger } from '../platform/logger.js';
import { createMailTransport } from '../platform/mail/mail-transport.js';
import { createSettingsCache } from '../platform/settings/site-settings.js';
import { loadConfig } from '../config.js';
import { createPaymentProvider } from '../revenue/payment-providers.js';
import { scheduleArticle } from './article-workflow.service.js';
import { publishScheduledJob } from './publish-scheduled.job.js';
import { buildArticle, testEvents } from '../test-support/test-app.js';

const admin = { role: 'admin' as const, userId: null, tokenId: null };

describeEachDialect('scheduled publishing', (getDatabase) => {
  it('publishes an article that fell due while no worker was running, once, on the next start', async () => {
    const database = getDatabase();
    let clock = new Date('2030-01-01T10:00:00Z');
    const deps = {
      now: () => clock,
      timeZone: 'Europe/Kyiv',
      internalHosts: [],
      events: testEvents(),
    };
    const draft = await buildArticle(database, { status: 'draft', title: 'Embargoed story' });
    await database.db
      .transaction()
      .execute((tx) => scheduleArticle(tx, deps, draft.id, admin, '2030-01-01T13:00'));
    const scheduled = await database.db
      .selectFrom('articles')
      .selectAll()
      .where('id', '=', draft.id)
      .executeTakeFirstOrThrow();
    assert.equal(scheduled.status, 'scheduled');
    assert.equal(scheduled.published_at, '2030-01-01T11:00:00.000Z', '13:00 in Kyiv is 11:00 UTC');
    const job = await database.db
      .selectFrom('jobs')
      .selectAll()
      .where('name', '=', 'content.publish-scheduled')
      .executeTakeFirstOrThrow();
    assert.equal(
      job.run_at,
      '2030-01-01T11:00:00.000Z',
      'the job was enqueued with the schedule, in the same transaction',
    );

    // The servers were down at 11:00; a worker starts at 12:30.
    clock = new Date('2030-01-01T12:30:00Z');
    const purged: string[] = [];
    // Publishing also enqueues the article's narration; if the worker gets to it before it
    // stops, its audio goes to a scratch folder, not the default DATA_DIR.
    const dataDir = await mkdtemp(join(tmpdir(), 'masthead-scheduled-'));
    after(() => rm(dataDir, { recursive: true, force: true }));
    const config = { ...loadConfig({ LOG_LEVEL: 'silent' }), dataDir };
    const services = {
      config,
      database,
      logger: createLogger('silent'),
      pageCache: createPageCache({ maxBytes: 1_000_000 }),
      purger: {
        nodeId: 'test',
        purge: async (keys: string[]) => void purged.push(...keys),
        start: async () => undefined,
        stop: async () => undefined,
      },
      settings: createSettingsCache(database.db),
      // Nothing here sends mail; the outbox transport only creates its folder on first send.
      mail: createMailTransport({ smtpUrl: undefined, dataDir: tmpdir(), mailFrom: 'a@news.test' }),
      storage: createLocalBlobStore(dataDir),
      limits: createRateLimits({ store: createMemoryLimitStore() }),
      events: testEvents(),
      payments: await createPaymentProvider({ config, database, now: () => clock }),
      now: () => clock,
    };
    // Stopping cancels a narration the worker may have started instead of waiting 10 s for it.
    const worker = await startAppWorker(services, { shutdownTimeoutMs: 500 });
    after(() => worker.stop());
    const deadline = Date.now() + 10_000;
    for (;;) {
      const row = await database.db
        .selectFrom('articles')
        .select(['status', 'version'])
        .where('id', '=', draft.id)
        .executeTakeFirstOrThrow();
      // This test is about publishing: it waits for the publication jobs, not for the
      // narration that publishing hands on (seconds of CPU that prove nothing here; the
      // narration tests cover it). Both the catch-up job and the article's own job run; the
      // second must change nothing.
      const pending = await database.db
        .selectFrom('jobs')
        .select(['id', 'name', 'status'])
        .where('status', 'in', ['queued', 'running'])
        .where('name', '=', publishScheduledJob.name)
        .execute();
      if (row.status === 'published' && pending.length === 0) break;
      if (Date.now() > deadline)
        throw new Error(
          `not done: ${row.status}, ${JSON.stringify(pending)}, ${JSON.stringify(await database.db.selectFrom('jobs').selectAll().execute())}`,
        );
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await worker.stop();
    const published = await database.db
      .selectFrom('articles')
      .selectAll()
      .where('id', '=', draft.id)
      .executeTakeFirstOrThrow();
    assert.equal(published.status, 'published');
    assert.equal(published.published_at, '2030-01-01T11:00:00.000Z', 'keeps its scheduled time');
    assert.equal(published.version, scheduled.version + 1, 'published exactly once');
    assert.ok(purged.includes(`article:${draft.id}`) && purged.includes('home'));
    const pending = await database.db
      .selectFrom('jobs')
      .selectAll()
      .where('status', 'in', ['queued', 'running'])
      // GC, revenue housekeeping and the next audio briefing slot are scheduled at start.
      .where('name', 'not in', [
        narrateJob.name,
        audioGcJob.name,
        mediaGcJob.name,
        revenueHousekeepingJob.name,
        analyticsPruneJob.name,
        briefingSlotJob.name,
      ])
      .execute();
    assert.deepEqual(pending, []);
    const narrations = await database.db
      .selectFrom('jobs')
      .select('payload')
      .where('name', '=', narrateJob.name)
      .execute();
    assert.equal(narrations.length, 1, 'publishing once enqueues one narration');
    assert.deepEqual(JSON.parse(String(narrations[0]?.payload)), {
      v: 1,
      data: { articleId: draft.id },
    });
  });

  it('refuses a time in the past or an unreadable one', async () => {
    const database = getDatabase();
    const deps = {
      now: () => new Date('2030-01-01T10:00:00Z'),
      timeZone: 'Europe/Kyiv',
      internalHosts: [],
      events: testEvents(),
    };
    const draft = await buildArticle(database, { status: 'draft' });
    await assert.rejects(
      scheduleArticle(database.db, deps, draft.id, admin, '2029-12-31T10:00'),
      /must be in the future/,
    );
    await assert.rejects(
      scheduleArticle(database.db, deps, draft.id, admin, 'next tuesday'),
      (error: Error & { status?: number }) => error.status === 422,
    );
  });
});
