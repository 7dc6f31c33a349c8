import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeEachDialect } from '../platform/db/test-databases.js';
import { createLogger } from '../platform/logger.js';
import { createSettingsCache } from '../platform/settings/site-settings.js';
import { createSmtpBulkTransport } from './bulk-transport.js';
import { createIssue, sendProgress, startSend } from './issue.service.js';
import { runSendLane } from './send-engine.js';
import { type BehavingSink, startBehavingSink } from './test-fixtures/behaving-smtp-sink.js';
import { buildNewsletter, buildSubscribers } from './test-fixtures/newsletter-factories.js';

describeEachDialect('newsletter send with an hourly limit', (getDatabase) => {
  let sink: BehavingSink;
  before(async () => {
    sink = await startBehavingSink();
  });
  after(async () => {
    await sink.close();
  });

  it('stops at the hour quota, shows "waiting (hourly limit)", and resumes when the hour has passed', async () => {
    const database = getDatabase();
    const { db } = database;
    // Other tests' sends share the database; the clock starts a day later so their sent_at
    // values are outside the window.
    let clock = new Date(Date.now() + 86_400_000);
    const newsletter = await buildNewsletter(db);
    const emails = Array.from({ length: 5 }, (_, i) => `hourly-${i}@example.org`);
    await buildSubscribers(db, newsletter.id, emails);
    const issue = await createIssue(
      db,
      { newsletter_id: newsletter.id, subject: 'Quota', preheader: '', html: '<p>Hi.</p>' },
      clock,
    );
    await startSend(db, issue.id, { now: clock });
    const transport = createSmtpBulkTransport(sink.url, {
      maxConnections: 2,
      rateLimitPerHour: 3,
    });
    const deps = {
      database,
      config: { baseUrl: 'https://news.test', mailFrom: 'News <news@news.test>' },
      settings: createSettingsCache(db, 0),
      logger: createLogger('silent'),
      now: () => clock,
      transport,
    };
    try {
      const first = await runSendLane(deps, issue.id);
      assert.equal(first.state, 'waiting');
      const sentFirst = emails.filter((e) => sink.counts.get(e) === 1).length;
      assert.equal(
        sentFirst,
        3,
        `three messages in the first hour: ${JSON.stringify(await sendProgress(db, issue.id))}`,
      );
      const progress = await sendProgress(db, issue.id);
      assert.equal(progress.waiting, 'hourly_limit');
      assert.equal(progress.status, 'sending');
      assert.ok(
        first.state === 'waiting' && Date.parse(first.retryAt) >= clock.getTime() + 3_599_000,
        'resumes an hour after the first message',
      );
      // Half an hour on: still waiting.
      clock = new Date(clock.getTime() + 1_800_000);
      assert.equal((await runSendLane(deps, issue.id)).state, 'waiting');
      // The hour has passed: the rest go out.
      clock = new Date(clock.getTime() + 1_800_001);
      assert.equal((await runSendLane(deps, issue.id)).state, 'finished');
      for (const email of emails) assert.equal(sink.counts.get(email), 1, email);
      const done = await sendProgress(db, issue.id);
      assert.equal(done.sent, 5);
      assert.equal(done.waiting, null);
    } finally {
      await transport.close();
    }
  });
});
