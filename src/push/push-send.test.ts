import assert from 'node:assert/strict';
import { after, before, beforeEach, it } from 'node:test';
import { describeEachDialect } from '../platform/db/test-databases.js';
import { runQueuedJobs } from '../test-support/run-jobs.js';
import { buildTestApp, signInAs, type TestApp } from '../test-support/test-app.js';
import { countByStatus } from './push-delivery.repository.js';
import { runPushBatch } from './push-send-engine.js';
import {
  allowPushService,
  buildEngineDeps,
  resetPush,
  subscribeBrowser,
} from './test-fixtures/push-factories.js';
import { startPushService, type PushService } from './test-fixtures/push-service.js';

interface AlertJson {
  id: number;
  status: string;
  stats: { recipients: number; sent: number; failed: number; gone: number; clicked: number };
}

describeEachDialect('web push: sending alerts', (getDatabase) => {
  let t: TestApp;
  let service: PushService;
  let editor: Record<string, string>;
  before(async () => {
    t = await buildTestApp(getDatabase());
    service = await startPushService();
    allowPushService(t, service);
    editor = (await signInAs(t, 'editor')).headers;
  });
  after(async () => {
    await t.close();
    await service.close();
  });
  beforeEach(async () => {
    await resetPush(t.services.database.db);
    service.received.length = 0;
  });

  async function sendAlert(payload: Record<string, unknown>): Promise<AlertJson> {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/admin/push/alerts',
      headers: editor,
      payload,
    });
    assert.equal(response.statusCode, 201, response.body);
    return response.json<{ alert: AlertJson }>().alert;
  }

  async function readAlert(id: number): Promise<AlertJson> {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/admin/push/alerts/${id}`,
      headers: editor,
    });
    return response.json<{ alert: AlertJson }>().alert;
  }

  it('delivers a breaking alert encrypted to every subscriber, with VAPID, TTL, Urgency and Topic; counts clicks once', async () => {
    const browsers = [
      await subscribeBrowser(t, service, ['breaking']),
      await subscribeBrowser(t, service, ['breaking', 'live:7'], 'uk'),
      await subscribeBrowser(t, service, ['breaking']),
    ];
    const liveOnly = await subscribeBrowser(t, service, ['live:7']);
    const alert = await sendAlert({
      title: 'Air raid alert in Kyiv',
      body: 'Go to a shelter. Updates follow on our live page.',
      url: '/air-raid-live/',
      imageUrl: '/media/siren.jpg',
    });
    assert.equal(alert.status, 'queued');
    await runQueuedJobs(t.services);

    assert.deepEqual(service.undecryptable, []);
    assert.equal(service.received.length, 3);
    assert.deepEqual(service.receivedBy(liveOnly.id), []);
    for (const browser of browsers) {
      const [message] = service.receivedBy(browser.id);
      assert.ok(message, 'each subscriber got the alert once');
      const payload = JSON.parse(message.payload) as Record<string, unknown>;
      assert.equal(payload.title, 'Air raid alert in Kyiv');
      assert.equal(payload.body, 'Go to a shelter. Updates follow on our live page.');
      assert.equal(payload.url, 'http://news.test/air-raid-live/');
      assert.equal(payload.image, 'http://news.test/media/siren.jpg');
      assert.equal(message.urgency, 'high');
      assert.equal(message.ttl, 4 * 3600);
      assert.equal(message.topic, `alert-${alert.id}`);
      assert.equal(message.jwt.aud, service.origin);
      assert.equal(message.jwt.sub, 'mailto:newsroom@localhost');
      assert.ok(message.jwt.exp - Date.now() / 1000 <= 24 * 3600);
    }
    const done = await readAlert(alert.id);
    assert.equal(done.status, 'sent');
    assert.deepEqual(
      [done.stats.recipients, done.stats.sent, done.stats.failed, done.stats.clicked],
      [3, 3, 0, 0],
    );

    // The service worker pings the click with the delivery's id and token.
    const first = JSON.parse(service.received[0]?.payload ?? '{}') as { d: number; t: string };
    const click = (body: unknown, origin = 'http://news.test') =>
      t.app.inject({
        method: 'POST',
        url: '/push/clicks',
        headers: { 'content-type': 'application/json', origin },
        payload: body as Record<string, unknown>,
      });
    assert.equal((await click({ d: first.d, t: first.t })).statusCode, 204);
    assert.equal((await click({ d: first.d, t: first.t })).statusCode, 204);
    assert.equal((await click({ d: first.d + 1, t: first.t })).statusCode, 403);
    assert.equal((await click({ d: first.d, t: first.t }, 'https://evil.example')).statusCode, 403);
    assert.equal((await readAlert(alert.id)).stats.clicked, 1);
  });

  it('removes a subscription the push service says is gone (410, 404) and does not count it as sent', async () => {
    const kept = await subscribeBrowser(t, service);
    const expired = await subscribeBrowser(t, service);
    const unknown = await subscribeBrowser(t, service);
    expired.unsubscribed = true;
    service.respondWith(unknown.id, { status: 404 });
    const alert = await sendAlert({ title: 'One', body: 'First alert.', url: '/' });
    await runQueuedJobs(t.services);
    const stats = (await readAlert(alert.id)).stats;
    assert.deepEqual([stats.sent, stats.gone, stats.failed], [1, 2, 0]);
    assert.equal(service.receivedBy(kept.id).length, 1);
    const left = await t.services.database.db
      .selectFrom('push_subscriptions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(left.n), 1, 'the two gone subscriptions were deleted');

    const second = await sendAlert({ title: 'Two', body: 'Second alert.', url: '/' });
    await runQueuedJobs(t.services);
    assert.equal((await readAlert(second.id)).stats.recipients, 1);
  });

  it('retries 429 (honouring Retry-After) and 5xx with backoff, and fails after the last attempt', async () => {
    const throttled = await subscribeBrowser(t, service);
    const flaky = await subscribeBrowser(t, service);
    const broken = await subscribeBrowser(t, service);
    service.respondWith(throttled.id, { status: 429, retryAfter: '1', times: 1 });
    service.respondWith(flaky.id, { status: 503, times: 2 });
    service.respondWith(broken.id, { status: 500 });
    const alert = await sendAlert({ title: 'Retry', body: 'Retried.', url: '/' });
    // Freeze only (the start job), then drive the batch by hand with short backoffs.
    const db = t.services.database.db;
    const { startAlertJob } = await import('./push-start-alert.job.js');
    await startAlertJob.handler({ alertId: alert.id }, t.services, {
      jobId: 0,
      attempt: 1,
      logger: t.services.logger,
      signal: new AbortController().signal,
    });
    const deps = await buildEngineDeps(t, service);
    const options = { retryBaseMs: 50, maxAttempts: 3 };
    const start = Date.now();
    const first = await runPushBatch(deps, alert.id, 0, options);
    assert.equal(first.state, 'waiting');
    const retryAt = first.state === 'waiting' ? Date.parse(first.retryAt) : 0;
    assert.ok(retryAt - start >= 50, 'the first retry waits at least the backoff');
    const throttledRow = await db
      .selectFrom('push_deliveries')
      .select(['next_attempt_at', 'response'])
      .where('alert_id', '=', alert.id)
      .where('response', '=', '429')
      .executeTakeFirstOrThrow();
    assert.ok(
      Date.parse(throttledRow.next_attempt_at) - start >= 1000,
      'Retry-After: 1 is honoured over the shorter backoff',
    );
    for (let round = 0; round < 40; round += 1) {
      const result = await runPushBatch(deps, alert.id, 0, options);
      if (result.state === 'finished') break;
      await new Promise((resolve) => setTimeout(resolve, 60));
    }
    deps.sender.close();
    const counts = await countByStatus(db, alert.id);
    assert.deepEqual([counts.sent, counts.failed, counts.pending], [2, 1, 0]);
    assert.equal(service.receivedBy(throttled.id).length, 1);
    assert.equal(service.receivedBy(flaky.id).length, 1);
    const failed = await db
      .selectFrom('push_deliveries')
      .select('response')
      .where('alert_id', '=', alert.id)
      .where('status', '=', 'failed')
      .executeTakeFirstOrThrow();
    assert.match(failed.response ?? '', /gave up after 3 attempts: 500/);
    assert.equal((await readAlert(alert.id)).status, 'sent');
  });

  it('freezes the recipients when the alert is sent: a later subscriber does not get it', async () => {
    const early = await subscribeBrowser(t, service);
    const alert = await sendAlert({ title: 'Frozen', body: 'List.', url: '/' });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const late = await subscribeBrowser(t, service);
    await runQueuedJobs(t.services);
    assert.equal(service.receivedBy(early.id).length, 1);
    assert.equal(service.receivedBy(late.id).length, 0);
    assert.equal((await readAlert(alert.id)).stats.recipients, 1);
  });

  it('a live update published with "push" ticked alerts that coverage’s followers, once', async () => {
    const follower = await subscribeBrowser(t, service, ['live:42']);
    const otherCoverage = await subscribeBrowser(t, service, ['live:43']);
    const breakingOnly = await subscribeBrowser(t, service, ['breaking']);
    const { db } = t.services.database;
    const event = {
      type: 'live.update-published' as const,
      articleId: 42,
      updateId: 9001,
      version: 1,
      slug: 'war-latest',
      language: 'en',
      headline: 'Bridge reopened',
      summary: 'Traffic is moving again across the Kyiv bridge.',
      keyEvent: true,
      pinned: false,
      push: true,
      publishedAt: new Date().toISOString(),
      url: '/war-latest/#update-9001',
    };
    await db.transaction().execute((tx) => t.services.events.publish(tx, 'article:42', event));
    // Delivered again (a retried transaction, a replay): still one alert.
    await db.transaction().execute((tx) => t.services.events.publish(tx, 'article:42', event));
    await db
      .transaction()
      .execute((tx) =>
        t.services.events.publish(tx, 'article:42', { ...event, updateId: 9002, push: false }),
      );
    await runQueuedJobs(t.services);
    assert.equal(service.received.length, 1);
    const [message] = service.receivedBy(follower.id);
    assert.ok(message);
    const payload = JSON.parse(message.payload) as Record<string, unknown>;
    assert.equal(payload.title, 'Bridge reopened');
    assert.equal(payload.url, 'http://news.test/war-latest/#update-9001');
    assert.equal(message.topic, 'live-42');
    assert.equal(message.urgency, 'normal');
    assert.equal(message.ttl, 900);
    assert.equal(service.receivedBy(otherCoverage.id).length, 0);
    assert.equal(service.receivedBy(breakingOnly.id).length, 0);
  });

  it('sends a language-targeted alert only to subscribers in that language', async () => {
    const english = await subscribeBrowser(t, service, ['breaking'], 'en');
    const ukrainian = await subscribeBrowser(t, service, ['breaking'], 'uk');
    await sendAlert({ title: 'Тривога', body: 'Пройдіть до укриття.', url: '/', language: 'uk' });
    await runQueuedJobs(t.services);
    assert.equal(service.receivedBy(english.id).length, 0);
    assert.equal(service.receivedBy(ukrainian.id).length, 1);
    assert.equal(
      (JSON.parse(service.received[0]?.payload ?? '{}') as { title: string }).title,
      'Тривога',
    );
  });
});
