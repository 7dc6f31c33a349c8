import assert from 'node:assert/strict';
import { after, before, beforeEach, it } from 'node:test';
import { describeEachDialect } from '../platform/db/test-databases.js';
import { buildTestApp, buildToken, signInAs, type TestApp } from '../test-support/test-app.js';
import { ensurePushKeys } from './push-keys.js';
import { isAllowedPushService } from './push-subscription.service.js';
import { hashEndpoint, openSubscription, sealSubscription } from './subscription-seal.js';
import { allowPushService, resetPush, subscribeBrowser } from './test-fixtures/push-factories.js';
import { startPushService, type PushService } from './test-fixtures/push-service.js';

const json = { 'content-type': 'application/json', origin: 'http://news.test' };

describeEachDialect('web push: reader subscriptions and the admin API', (getDatabase) => {
  let t: TestApp;
  let service: PushService;
  before(async () => {
    t = await buildTestApp(getDatabase());
    service = await startPushService();
    allowPushService(t, service);
  });
  after(async () => {
    await t.close();
    await service.close();
  });
  beforeEach(async () => {
    await resetPush(t.services.database.db);
  });

  const post = (url: string, payload: unknown, headers: Record<string, string> = json) =>
    t.app.inject({ method: 'POST', url, headers, payload: payload as Record<string, unknown> });

  it('makes the VAPID keys once and every node of the cluster serves the same public key', async () => {
    const answer = await t.app.inject({ method: 'GET', url: '/push/key' });
    assert.equal(answer.statusCode, 200);
    const key = answer.json<{ publicKey: string }>().publicKey;
    const bytes = Buffer.from(key, 'base64url');
    assert.equal(bytes.length, 65);
    assert.equal(bytes[0], 4);
    const other = await buildTestApp(getDatabase());
    try {
      const again = await other.app.inject({ method: 'GET', url: '/push/key' });
      assert.equal(again.json<{ publicKey: string }>().publicKey, key);
    } finally {
      await other.close();
    }
  });

  it('subscribes, reports and removes topics; the endpoint is stored sealed, never in clear', async () => {
    const browser = await subscribeBrowser(t, service, ['breaking', 'live:5'], 'uk');
    const { endpoint } = browser.subscription;
    const status = await post('/push/subscriptions/status', { endpoint });
    assert.deepEqual(status.json(), { topics: ['breaking', 'live:5'] });

    const rows = await t.services.database.db
      .selectFrom('push_subscriptions')
      .selectAll()
      .execute();
    assert.equal(rows.length, 1);
    const stored = JSON.stringify(rows);
    assert.ok(!stored.includes(endpoint) && !stored.includes(browser.subscription.keys.auth));
    assert.ok(!stored.includes(browser.subscription.keys.p256dh));
    assert.equal(rows[0]?.language, 'uk');

    // Subscribing again with the same endpoint adds topics to the same row.
    await post('/push/subscriptions', { subscription: browser.subscription, topics: ['live:6'] });
    assert.equal(
      (await t.services.database.db.selectFrom('push_subscriptions').selectAll().execute()).length,
      1,
    );
    const removed = await post('/push/subscriptions/remove', { endpoint, topics: ['live:5'] });
    assert.deepEqual(removed.json(), { topics: ['breaking', 'live:6'] });
    const all = await post('/push/subscriptions/remove', { endpoint });
    assert.deepEqual(all.json(), { topics: [] });
    assert.deepEqual((await post('/push/subscriptions/status', { endpoint })).json(), {
      topics: [],
    });
    assert.equal(
      (await t.services.database.db.selectFrom('push_subscriptions').selectAll().execute()).length,
      0,
    );
  });

  it('moves the topics to a renewed subscription (pushsubscriptionchange)', async () => {
    const old = await subscribeBrowser(t, service, ['breaking', 'live:9']);
    const key = (await t.app.inject({ method: 'GET', url: '/push/key' })).json<{
      publicKey: string;
    }>().publicKey;
    const renewed = service.createBrowser(key);
    const answer = await post('/push/subscriptions', {
      subscription: renewed.subscription,
      topics: [],
      replaces: old.subscription.endpoint,
    });
    assert.equal(answer.statusCode, 201);
    assert.deepEqual(answer.json(), { topics: ['breaking', 'live:9'] });
    assert.deepEqual(
      (await post('/push/subscriptions/status', { endpoint: old.subscription.endpoint })).json(),
      { topics: [] },
    );
  });

  it('refuses bad input with a clear 4xx', async () => {
    const key = (await t.app.inject({ method: 'GET', url: '/push/key' })).json<{
      publicKey: string;
    }>().publicKey;
    const { subscription } = service.createBrowser(key);
    const cases: Array<[unknown, number, RegExp, Record<string, string>?]> = [
      [{ subscription, topics: ['sports'] }, 422, /topic is "breaking" or "live:<article id>"/],
      [{ subscription, topics: [] }, 422, /choose at least one topic/],
      [
        {
          subscription: { ...subscription, keys: { p256dh: 'abc', auth: 'x' } },
          topics: ['breaking'],
        },
        422,
        /p256dh/,
      ],
      [
        {
          subscription: { ...subscription, endpoint: 'http://10.0.0.1/push/x' },
          topics: ['breaking'],
        },
        422,
        /push service is not supported/,
      ],
      [{ subscription, topics: ['breaking'], extra: 1 }, 422, /unknown field/],
      [
        { subscription, topics: ['breaking'] },
        403,
        /own pages/,
        { ...json, origin: 'https://evil.example' },
      ],
    ];
    for (const [payload, status, message, headers] of cases) {
      const answer = await post('/push/subscriptions', payload, headers);
      assert.equal(answer.statusCode, status, answer.body);
      assert.match(answer.json<{ message: string }>().message, message);
    }
    const form = await t.app.inject({
      method: 'POST',
      url: '/push/subscriptions',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://news.test' },
      payload: 'topics=breaking',
    });
    assert.equal(form.statusCode, 415);
  });

  it('rate-limits the public endpoints per address', async () => {
    let last = 0;
    for (let i = 0; i < 31; i += 1)
      last = (
        await t.app.inject({
          method: 'POST',
          url: '/push/subscriptions/remove',
          headers: json,
          remoteAddress: '203.0.113.9',
          payload: { endpoint: `x${i}` },
        })
      ).statusCode;
    assert.equal(last, 429);
  });

  it('only allows endpoints of the configured push services', () => {
    const services = ['https://fcm.googleapis.com', 'https://*.notify.windows.com'];
    assert.ok(isAllowedPushService('https://fcm.googleapis.com/fcm/send/abc', services));
    assert.ok(isAllowedPushService('https://wns2-par02p.notify.windows.com/w/?token=x', services));
    assert.ok(!isAllowedPushService('https://notify.windows.com.evil.example/x', services));
    assert.ok(!isAllowedPushService('http://fcm.googleapis.com/fcm/send/abc', services));
    assert.ok(!isAllowedPushService('https://user:pw@fcm.googleapis.com/x', services));
    assert.ok(!isAllowedPushService('https://127.0.0.1/x', services));
  });

  it('admin alert routes need the editor role, and CSRF with a session cookie', async () => {
    const alert = { title: 'Breaking', body: 'Text.', url: '/' };
    const anonymous = await post('/api/admin/push/alerts', alert);
    assert.equal(anonymous.statusCode, 401);
    const author = await signInAs(t, 'author');
    assert.equal((await post('/api/admin/push/alerts', alert, author.headers)).statusCode, 403);
    assert.equal(
      (
        await t.app.inject({
          method: 'GET',
          url: '/api/admin/push/alerts',
          headers: author.headers,
        })
      ).statusCode,
      403,
    );
    const editor = await signInAs(t, 'editor');
    const withoutCsrf = { cookie: editor.headers.cookie };
    assert.equal((await post('/api/admin/push/alerts', alert, withoutCsrf)).statusCode, 403);
    const token = await buildToken(t.services.database, 'editor');
    const bearer = { authorization: `Bearer ${token}` };
    const created = await post('/api/admin/push/alerts', alert, bearer);
    assert.equal(created.statusCode, 201, created.body);
    const bad = await post(
      '/api/admin/push/alerts',
      { title: '', body: 'x'.repeat(301), url: 'javascript:alert(1)' },
      editor.headers,
    );
    assert.equal(bad.statusCode, 422);
    const fields = bad.json<{ fields: Record<string, string[]> }>().fields;
    assert.deepEqual(Object.keys(fields).sort(), ['body', 'title', 'url']);
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/admin/push/alerts',
      headers: editor.headers,
    });
    assert.equal(list.statusCode, 200);
    assert.equal(list.headers['cache-control'], 'no-store');
    assert.equal(list.json<{ alerts: unknown[] }>().alerts.length, 1);
    assert.equal(
      (
        await t.app.inject({
          method: 'GET',
          url: '/api/admin/push/alerts/999999',
          headers: editor.headers,
        })
      ).statusCode,
      404,
    );
  });

  it('still opens subscriptions sealed under the stored key once PUSH_ENCRYPTION_KEY is set', async () => {
    const { db } = t.services.database;
    const browser = await subscribeBrowser(t, service);
    const stored = await ensurePushKeys(db, { encryptionKey: undefined });
    const withEnv = await ensurePushKeys(db, {
      encryptionKey: 'an operator secret of at least thirty-two characters',
    });
    assert.equal(withEnv.vapidPublicKey, stored.vapidPublicKey);
    assert.notEqual(withEnv.sealing.id, stored.sealing.id);
    const row = await db.selectFrom('push_subscriptions').selectAll().executeTakeFirstOrThrow();
    assert.equal(row.key_id, stored.sealing.id);
    assert.equal(
      openSubscription(withEnv, row.key_id, row.sealed)?.endpoint,
      browser.subscription.endpoint,
    );
    assert.equal(hashEndpoint(withEnv, browser.subscription.endpoint), row.endpoint_hash);
    const resealed = sealSubscription(withEnv.sealing, { endpoint: 'e', p256dh: 'p', auth: 'a' });
    assert.equal(openSubscription(stored, withEnv.sealing.id, resealed), undefined);
    assert.equal(openSubscription(withEnv, withEnv.sealing.id, resealed)?.endpoint, 'e');
  });
});
