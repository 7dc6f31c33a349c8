import assert from 'node:assert/strict';
import type { Executor } from '../../platform/db/database.js';
import { createLogger } from '../../platform/logger.js';
import type { TestApp } from '../../test-support/test-app.js';
import { ensurePushKeys } from '../push-keys.js';
import type { PushEngineDeps } from '../push-send-engine.js';
import { createPushSender } from '../push-sender.js';
import { vapidSubject } from '../push-sender-registry.js';
import { createSendPacer } from '../send-pacer.js';
import { subscribeToPush } from '../push-subscription.service.js';
import type { FakeBrowser, PushService } from './push-service.js';

// Test factories for web push (STYLE.md §12): a browser subscribed through the real API, a
// clean slate between tests sharing a database, the engine's deps over the local push service.

/** Lets the test app send to the local push service (its origin is http://127.0.0.1:PORT). */
export function allowPushService(t: TestApp, service: PushService): void {
  t.services.config.push.services = [service.origin];
}

/** A fake browser subscribed to `topics` through POST /push/subscriptions. */
export async function subscribeBrowser(
  t: TestApp,
  service: PushService,
  topics: string[] = ['breaking'],
  language?: string,
): Promise<FakeBrowser> {
  const key = (await t.app.inject({ method: 'GET', url: '/push/key' })).json<{
    publicKey: string;
  }>().publicKey;
  const browser = service.createBrowser(key);
  const response = await t.app.inject({
    method: 'POST',
    url: '/push/subscriptions',
    headers: { 'content-type': 'application/json', origin: 'http://news.test' },
    payload: { subscription: browser.subscription, topics, ...(language ? { language } : {}) },
  });
  assert.equal(response.statusCode, 201, response.body);
  return browser;
}

/** Forgets every subscription and alert (tests of one suite share a database). */
export async function resetPush(db: Executor): Promise<void> {
  await db.deleteFrom('push_deliveries').execute();
  await db.deleteFrom('push_alerts').execute();
  await db.deleteFrom('push_subscriptions').execute();
  await db.deleteFrom('jobs').where('name', 'like', 'push.%').execute();
}

/** The send engine's deps over the test app's database, sending to the local push service. */
export async function buildEngineDeps(t: TestApp, service: PushService): Promise<PushEngineDeps> {
  const { database } = t.services;
  const keys = await ensurePushKeys(database.db, { encryptionKey: undefined });
  return {
    database,
    baseUrl: t.services.config.baseUrl,
    logger: createLogger('silent'),
    now: () => new Date(),
    keys,
    sender: createPushSender({
      vapid: {
        publicKey: keys.vapidPublicKey,
        privateKey: keys.vapidPrivateKey,
        subject: vapidSubject('News <news@news.test>'),
      },
      timeoutMs: 5000,
    }),
    pacer: createSendPacer(0),
    services: [service.origin],
  };
}

/** `count` fake browsers subscribed straight through the service (no HTTP, no rate limit). */
export async function buildSubscriptions(
  database: { db: Executor },
  service: PushService,
  count: number,
  topics: string[] = ['breaking'],
): Promise<FakeBrowser[]> {
  const keys = await ensurePushKeys(database.db, { encryptionKey: undefined });
  const browsers: FakeBrowser[] = [];
  for (let i = 0; i < count; i += 1) {
    const browser = service.createBrowser(keys.vapidPublicKey);
    await subscribeToPush(
      database.db,
      { keys, services: [service.origin], defaultLanguage: 'en', now: () => new Date() },
      { subscription: browser.subscription, topics },
    );
    browsers.push(browser);
  }
  return browsers;
}
