import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { simpleParser } from 'mailparser';
import { describeEachDialect } from '../platform/db/test-databases.js';
import { createLogger } from '../platform/logger.js';
import { createSettingsCache } from '../platform/settings/site-settings.js';
import { createSmtpBulkTransport } from './bulk-transport.js';
import { countDeliveries } from './delivery.repository.js';
import { createIssue, startSend } from './issue.service.js';
import { runSendLane, type SendEngineDeps } from './send-engine.js';
import { headerLine } from '../platform/mail/test-fixtures/smtp-sink.js';
import { startBehavingSink, type BehavingSink } from './test-fixtures/behaving-smtp-sink.js';
import { buildNewsletter, buildSubscribers } from './test-fixtures/newsletter-factories.js';
import { suppressAddress } from './subscriber.repository.js';
import { buildTestApp } from '../test-support/test-app.js';

describeEachDialect('newsletter sending engine', (getDatabase) => {
  let sink: BehavingSink;
  before(async () => {
    sink = await startBehavingSink({ keepRaw: true });
  });
  after(async () => {
    await sink.close();
  });

  function engineDeps(socketTimeoutMs = 1500): SendEngineDeps {
    const database = getDatabase();
    return {
      database,
      config: { baseUrl: 'https://news.test', mailFrom: 'News <news@news.test>' },
      settings: createSettingsCache(database.db, 0),
      logger: createLogger('silent'),
      now: () => new Date(),
      transport: createSmtpBulkTransport(sink.url, { maxConnections: 2, socketTimeoutMs }),
    };
  }

  async function sendToEnd(deps: SendEngineDeps, issueId: number) {
    for (let round = 0; round < 20; round += 1) {
      const result = await runSendLane(deps, issueId, { batchSize: 3, retryBaseMs: 1 });
      if (result.state === 'finished') return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error('the send did not finish');
  }

  it('sends one personalized message per recipient with unsubscribe headers, retries 4xx, fails 5xx, flags drops and stalls as ambiguous', async () => {
    const { db } = getDatabase();
    const newsletter = await buildNewsletter(db);
    const emails = [
      'ok-1@example.org',
      'ok-2@example.org',
      'ok-3@example.org',
      'temp-1@example.org',
      'hard-1@example.org',
      'drop-1@example.org',
      'stall-1@example.org',
      'gone-1@example.org',
    ];
    await buildSubscribers(db, newsletter.id, emails, (e) =>
      e.startsWith('ok-1') ? 'Olena <Ko>' : '',
    );
    await suppressAddress(db, 'gone-1@example.org', 'complaint', 'test', new Date().toISOString());
    const issue = await createIssue(
      db,
      {
        newsletter_id: newsletter.id,
        subject: 'Morning briefing',
        preheader: 'Today in Kyiv',
        html: '<p>First story.</p><img src="/media/photo.jpg" alt="A photo"><p><a href="/some-story/">Read</a></p>',
      },
      new Date(),
    );
    await startSend(db, issue.id, { now: new Date() });
    const deps = engineDeps();
    try {
      await sendToEnd(deps, issue.id);
    } finally {
      await deps.transport.close();
    }
    const counts = await countDeliveries(db, issue.id);
    assert.deepEqual(
      {
        sent: counts.sent,
        failed: counts.failed,
        ambiguous: counts.ambiguous,
        suppressed: counts.suppressed,
        pending: counts.pending,
      },
      { sent: 4, failed: 1, ambiguous: 2, suppressed: 1, pending: 0 },
    );
    assert.equal(counts.sent + counts.failed + counts.ambiguous + counts.suppressed, emails.length);
    for (const email of [
      'ok-1@example.org',
      'ok-2@example.org',
      'ok-3@example.org',
      'temp-1@example.org',
    ])
      assert.equal(sink.counts.get(email), 1, email);
    for (const email of ['hard-1@example.org', 'gone-1@example.org'])
      assert.equal(sink.counts.get(email), undefined);
    const hard = await db
      .selectFrom('suppressions')
      .selectAll()
      .where('email', '=', 'hard-1@example.org')
      .executeTakeFirst();
    assert.equal(hard?.reason, 'hard_bounce');
    const issueRow = await db
      .selectFrom('newsletter_issues')
      .selectAll()
      .where('id', '=', issue.id)
      .executeTakeFirstOrThrow();
    assert.equal(issueRow.status, 'sent');
    assert.equal(issueRow.recipients_total, emails.length);

    const parsed = await simpleParser(sink.raw.get('ok-1@example.org') ?? '');
    const listUnsubscribe = headerLine(parsed, 'list-unsubscribe');
    assert.match(
      listUnsubscribe,
      /^<https:\/\/news\.test\/newsletters\/unsubscribe\?token=m\.\d+\.\d+\.[\w-]+>, <mailto:unsubscribe\+m\.\d+\.\d+\.[\w-]+@news\.test>$/,
    );
    assert.equal(headerLine(parsed, 'list-unsubscribe-post'), 'List-Unsubscribe=One-Click');
    assert.match(parsed.text ?? '', /Hello Olena <Ko>,/);
    assert.match(parsed.text ?? '', /https:\/\/news\.test\/newsletters\/unsubscribe\?token=/);
    const html = String(parsed.html);
    assert.ok(html.includes('Hello Olena &lt;Ko&gt;,'), 'the name is escaped in HTML');
    assert.ok(html.includes('src="https://news.test/media/photo.jpg"'), 'image URLs are absolute');
    assert.ok(html.includes('href="https://news.test/some-story/"'), 'link URLs are absolute');
    assert.ok(html.includes('Today in Kyiv'), 'the preheader is there');

    // The header's one-click URL works against the app.
    const token = /token=([^>]+)>/.exec(listUnsubscribe)?.[1] ?? '';
    const t = await buildTestApp(getDatabase());
    try {
      const answer = await t.app.inject({
        method: 'POST',
        url: `/newsletters/unsubscribe?token=${token}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'List-Unsubscribe=One-Click',
      });
      assert.equal(answer.statusCode, 200);
    } finally {
      await t.close();
    }
    const subscription = await db
      .selectFrom('subscriptions')
      .innerJoin('subscribers', 'subscribers.id', 'subscriptions.subscriber_id')
      .select('subscriptions.status')
      .where('subscribers.email', '=', 'ok-1@example.org')
      .where('subscriptions.newsletter_id', '=', newsletter.id)
      .executeTakeFirstOrThrow();
    assert.equal(subscription.status, 'unsubscribed');
  });

  it('respects pause and never sends the suppression list', async () => {
    const { db } = getDatabase();
    const newsletter = await buildNewsletter(db);
    await buildSubscribers(db, newsletter.id, ['p-1@example.org', 'p-2@example.org']);
    const issue = await createIssue(
      db,
      { newsletter_id: newsletter.id, subject: 'Paused', preheader: '', article_ids: [] },
      new Date(),
    );
    await startSend(db, issue.id, { now: new Date() });
    await db
      .updateTable('newsletter_issues')
      .set({ status: 'paused' })
      .where('id', '=', issue.id)
      .execute();
    const deps = engineDeps();
    try {
      assert.deepEqual(await runSendLane(deps, issue.id), { state: 'paused' });
      assert.equal(sink.counts.get('p-1@example.org'), undefined);
      await db
        .updateTable('newsletter_issues')
        .set({ status: 'sending' })
        .where('id', '=', issue.id)
        .execute();
      await suppressAddress(db, 'p-2@example.org', 'unsubscribed', '', new Date().toISOString());
      await sendToEnd(deps, issue.id);
    } finally {
      await deps.transport.close();
    }
    assert.equal(sink.counts.get('p-1@example.org'), 1);
    assert.equal(sink.counts.get('p-2@example.org'), undefined);
    const counts = await countDeliveries(db, issue.id);
    assert.equal(counts.suppressed, 1);
  });
});
