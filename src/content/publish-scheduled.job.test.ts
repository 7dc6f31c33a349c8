import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { after, it } from 'node:test';
import { startAppWorker } from '../jobs.js';
import { createPageCache } from '../platform/cache/page-cache.js';
import { describeEachDialect } from '../platform/db/test-databases.js';
import { createLogger } from '../platform/logger.js';
import { createMailTransport } from '../platform/mail/mail-transport.js';
import { createSettingsCache } from '../platform/settings/site-settings.js';
import { loadConfig } from '../config.js';
import { scheduleArticle } from './article.service.js';
import { buildArticle } from '../test-support/test-app.js';

const admin = { role: 'admin' as const, userId: null, tokenId: null };

describeEachDialect('scheduled publishing', (getDatabase) => {
  it('publishes an article that fell due while no worker was running, once, on the next start', async () => {
    const database = getDatabase();
    let clock = new Date('2030-01-01T10:00:00Z');
    const deps = { now: () => clock, timeZone: 'Europe/Kyiv', internalHosts: [] };
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
    const services = {
      config: loadConfig({ LOG_LEVEL: 'silent' }),
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
      now: () => clock,
    };
    const worker = await startAppWorker(services);
    after(() => worker.stop());
    const deadline = Date.now() + 10_000;
    for (;;) {
      const row = await database.db
        .selectFrom('articles')
        .select(['status', 'version'])
        .where('id', '=', draft.id)
        .executeTakeFirstOrThrow();
      const pending = await database.db
        .selectFrom('jobs')
        .select('id')
        .where('status', 'in', ['queued', 'running'])
        .execute();
      // Both the catch-up job and the article's own job run; the second must change nothing.
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
      .execute();
    assert.deepEqual(pending, []);
  });

  it('refuses a time in the past or an unreadable one', async () => {
    const database = getDatabase();
    const deps = {
      now: () => new Date('2030-01-01T10:00:00Z'),
      timeZone: 'Europe/Kyiv',
      internalHosts: [],
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
