import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { MastheadServices } from '../jobs.js';
import { jobDefinitions } from '../worker-jobs.js';
import { openDatabase } from '../platform/db/database.js';
import { describeEachDialect } from '../platform/db/test-databases.js';
import { startWorker } from '../platform/jobs/worker.js';
import { buildTestApp, type TestApp } from '../test-support/test-app.js';
import { createSmtpBulkTransport } from './bulk-transport.js';
import { setBulkTransportOverride } from './bulk-transport-registry.js';
import { countDeliveries } from './delivery.repository.js';
import { createIssue, startSend } from './issue.service.js';
import { type BehavingSink, startBehavingSink } from './test-fixtures/behaving-smtp-sink.js';
import { buildNewsletter, buildSubscribers } from './test-fixtures/newsletter-factories.js';

describeEachDialect(
  'two workers share one send through the jobs system',
  (getDatabase, dialect) => {
    let sink: BehavingSink;
    let t: TestApp;
    before(async () => {
      sink = await startBehavingSink({ delayMs: 10 });
      t = await buildTestApp(getDatabase());
    });
    after(async () => {
      setBulkTransportOverride(undefined);
      await t.close();
      await sink.close();
    });

    it('sends every recipient exactly once with two workers (separate connections) claiming batches', async () => {
      const { db } = getDatabase();
      const newsletter = await buildNewsletter(db);
      const emails = Array.from({ length: 120 }, (_, i) => `w-${i}@example.org`);
      await buildSubscribers(db, newsletter.id, emails);
      const issue = await createIssue(
        db,
        { newsletter_id: newsletter.id, subject: 'Two workers', preheader: '', html: '<p>Hi</p>' },
        new Date(),
      );
      const transport = createSmtpBulkTransport(sink.url, { maxConnections: 4 });
      setBulkTransportOverride(transport);
      // A second database handle: the second worker talks to the database on its own connections,
      // as a worker in another process would (on SQLite, the same file).
      const second = openDatabase(getDatabase().url, { poolSize: 3 });
      const services = [t.services, { ...t.services, database: second }];
      const workers = services.map((deps) =>
        startWorker<MastheadServices>({
          database: deps.database,
          definitions: jobDefinitions,
          deps,
          logger: deps.logger,
          pollIntervalMs: 20,
          concurrency: 1,
        }),
      );
      try {
        await db
          .transaction()
          .execute((trx) => startSend(trx, issue.id, { now: new Date(), lanes: 2 }));
        for (let i = 0; i < 600; i += 1) {
          const row = await db
            .selectFrom('newsletter_issues')
            .select('status')
            .where('id', '=', issue.id)
            .executeTakeFirstOrThrow();
          if (row.status === 'sent') break;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      } finally {
        await Promise.all(workers.map((w) => w.stop()));
        await second.destroy();
        await transport.close();
      }
      const counts = await countDeliveries(db, issue.id);
      assert.equal(counts.sent, emails.length, JSON.stringify(counts));
      for (const email of emails) assert.equal(sink.counts.get(email), 1, email);
      const holders = await db
        .selectFrom('newsletter_deliveries')
        .select('claimed_by')
        .distinct()
        .where('issue_id', '=', issue.id)
        .execute();
      // Which worker got which batch depends on scheduling, so it is reported, not asserted.
      if (process.env.NEWSLETTER_TEST_DEBUG)
        console.log(`[${dialect}] lanes that sent: ${holders.length}`);
    });
  },
);
