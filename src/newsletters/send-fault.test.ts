import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeEachDialect } from '../platform/db/test-databases.js';
import { createLogger } from '../platform/logger.js';
import { createSettingsCache } from '../platform/settings/site-settings.js';
import { createSmtpBulkTransport } from './bulk-transport.js';
import { countDeliveries } from './delivery.repository.js';
import { createIssue, startSend } from './issue.service.js';
import { runSendLane } from './send-engine.js';
import { type BehavingSink, startBehavingSink } from './test-fixtures/behaving-smtp-sink.js';
import { bundleSendChild, runAndKill } from './test-fixtures/send-fault-harness.js';
import { buildNewsletter, buildSubscribers } from './test-fixtures/newsletter-factories.js';

// SQLite only: the test is about the engine's crash semantics, which are the same on both
// dialects; PostgreSQL concurrency has its own test (send-workers.test.ts). Each dialect costs
// ten process starts.
describeEachDialect('newsletter send killed with SIGKILL and resumed', (getDatabase, dialect) => {
  if (dialect !== 'sqlite') return;
  let sink: BehavingSink;
  before(async () => {
    sink = await startBehavingSink({ delayMs: 8 });
  });
  after(async () => {
    await sink.close();
  });

  it('mails every recipient exactly once except those flagged ambiguous, across 10 kills', async () => {
    const database = getDatabase();
    const { db } = database;
    const newsletter = await buildNewsletter(db);
    const emails = Array.from({ length: 150 }, (_, i) => `reader-${i}@example.org`);
    await buildSubscribers(db, newsletter.id, emails);
    const issue = await createIssue(
      db,
      { newsletter_id: newsletter.id, subject: 'Fault test', preheader: '', html: '<p>Hello.</p>' },
      new Date(),
    );
    await startSend(db, issue.id, { now: new Date() });

    const bundle = await bundleSendChild();
    const outcomes: string[] = [];
    try {
      for (let trial = 0; trial < 10; trial += 1) {
        // Random kill points: before the first claim, mid-batch, between batches, mid-SMTP.
        const afterMessages = trial === 0 ? 0 : 1 + Math.floor(Math.random() * 12);
        outcomes.push(
          await runAndKill(
            [...bundle.args, database.url, sink.url, String(issue.id)],
            sink,
            afterMessages,
          ),
        );
      }
    } finally {
      bundle.cleanup();
    }
    assert.ok(
      outcomes.filter((o) => o === 'killed').length >= 5,
      `runs were killed mid-send (${outcomes.join(', ')})`,
    );
    assert.ok(
      sink.total() > 0 && sink.total() < emails.length,
      'the kills left the send unfinished',
    );

    // Resume here: the dead children's claims are recovered and the send finishes.
    const transport = createSmtpBulkTransport(sink.url, { maxConnections: 3 });
    try {
      const deps = {
        database,
        config: { baseUrl: 'https://news.test', mailFrom: 'News <news@news.test>' },
        settings: createSettingsCache(db, 0),
        logger: createLogger('silent'),
        now: () => new Date(),
        transport,
      };
      for (let round = 0; round < 20; round += 1) {
        const result = await runSendLane(deps, issue.id, { batchSize: 10, retryBaseMs: 1 });
        if (result.state === 'finished') break;
      }
    } finally {
      await transport.close();
    }

    const counts = await countDeliveries(db, issue.id);
    assert.equal(counts.pending + counts.claimed + counts.sending, 0, JSON.stringify(counts));
    assert.equal(
      counts.sent + counts.failed + counts.ambiguous + counts.suppressed,
      emails.length,
      JSON.stringify(counts),
    );
    const rows = await db
      .selectFrom('newsletter_deliveries')
      .select(['email', 'status'])
      .where('issue_id', '=', issue.id)
      .execute();
    assert.equal(rows.length, emails.length);
    for (const row of rows) {
      const received = sink.counts.get(row.email) ?? 0;
      if (row.status === 'sent')
        assert.equal(received, 1, `${row.email} was sent: exactly one message`);
      else if (row.status === 'ambiguous')
        assert.ok(received <= 1, `${row.email} is ambiguous: at most one message`);
      else assert.equal(received, 0, `${row.email} is ${row.status}: no message`);
    }
    for (const [email, received] of sink.counts)
      assert.ok(received <= 1, `${email} got ${received} messages`);
    const issueRow = await db
      .selectFrom('newsletter_issues')
      .select(['status', 'recipients_total'])
      .where('id', '=', issue.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(issueRow, { status: 'sent', recipients_total: emails.length });
  });
});
