import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import {
  type FakeBrowser,
  type PushService,
  startPushService,
} from '../../src/push/test-fixtures/push-service.js';
import { browserSkipReason, launchBrowser } from './support/browser.js';
import { type RunningServer, seededAdmin, startServer } from './support/server.js';

// Breaking-news alerts in Chromium against a real server and the local push service.
// Chromium cannot subscribe offline: its PushManager needs Google's push service (FCM). So the
// page's PushManager.subscribe is replaced by one answering with a fake browser's subscription
// (the local service's endpoint and keys); everything else is real: the button and its
// script, the service worker's registration, the permission (asked only on the click), the
// server storing the subscription, the worker encrypting and POSTing the alert, the local
// service checking VAPID and decrypting it. The decrypted payload is then handed to the real
// service worker with DevTools' ServiceWorker.deliverPushMessage, which shows the notification.

const skip = browserSkipReason();

describe('breaking-news alerts in Chromium', { skip }, () => {
  let server: RunningServer;
  let service: PushService;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let fake: FakeBrowser;

  before(async () => {
    service = await startPushService();
    server = await startServer({
      env: { PUSH_SERVICES: service.origin, PUSH_RATE_PER_SECOND: '0' },
      startTimeoutMs: 120_000,
    });
    const { publicKey } = (await (await fetch(`${server.baseUrl}/push/key`)).json()) as {
      publicKey: string;
    };
    fake = service.createBrowser(publicKey);
    browser = await launchBrowser();
    context = await browser.newContext();
    await context.grantPermissions(['notifications'], { origin: server.baseUrl });
    // A string, not a function: tsx's helpers (`__name`) do not exist in the page.
    await context.addInitScript(`(() => {
      const subscription = ${JSON.stringify(fake.subscription)};
      window.permissionRequests = 0;
      const request = Notification.requestPermission.bind(Notification);
      Notification.requestPermission = () => {
        window.permissionRequests += 1;
        return request();
      };
      let current = null;
      const make = () => ({
        endpoint: subscription.endpoint,
        options: { userVisibleOnly: true },
        toJSON: () => subscription,
        unsubscribe: () => {
          current = null;
          return Promise.resolve(true);
        },
      });
      const replace = (name, value) =>
        Object.defineProperty(PushManager.prototype, name, { value, configurable: true, writable: true });
      replace('subscribe', () => Promise.resolve((current = make())));
      replace('getSubscription', () => Promise.resolve(current));
      // The fake subscription outlives a reload, as a browser's does.
      try {
        if (sessionStorage.getItem('subscribed') === '1') current = make();
        window.addEventListener('pagehide', () => sessionStorage.setItem('subscribed', current ? '1' : '0'));
      } catch {}
    })();`);
    page = await context.newPage();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    await service?.close();
  });

  async function sendAlert(title: string): Promise<void> {
    const { email, password } = seededAdmin(server);
    const session = await fetch(`${server.baseUrl}/api/admin/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    const cookie = (session.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const { csrfToken } = (await session.json()) as { csrfToken: string };
    const answer = await fetch(`${server.baseUrl}/api/admin/push/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify({ title, body: 'Go to a shelter now.', url: '/' }),
    });
    assert.equal(answer.status, 201, await answer.text());
  }

  it('subscribes only when the button is pressed, delivers an encrypted alert, shows it, and unsubscribes', async () => {
    await page.goto(`${server.baseUrl}/`);
    const button = page.getByRole('button', { name: 'Get breaking news alerts' });
    await button.waitFor();
    assert.equal(await page.evaluate(() => Notification.permission), 'granted');
    assert.equal(
      await page.evaluate(
        () => (window as unknown as { permissionRequests: number }).permissionRequests,
      ),
      0,
      'no permission asked on page load',
    );
    await button.click();
    const status = page.locator('.push-optin--breaking [role="status"]');
    await status.filter({ hasText: 'Breaking news alerts are on.' }).waitFor();
    assert.equal(
      await page.evaluate(
        () => (window as unknown as { permissionRequests: number }).permissionRequests,
      ),
      1,
    );
    assert.ok(
      await page.evaluate(() => navigator.serviceWorker.getRegistration('/').then(Boolean)),
    );

    // A reload asks the server what this browser follows: still on.
    await page.reload();
    await page.getByRole('button', { name: 'Turn off breaking news alerts' }).waitFor();

    await sendAlert('Air raid alert');
    const deadline = Date.now() + 30_000;
    while (service.receivedBy(fake.id).length === 0) {
      assert.ok(Date.now() < deadline, 'the alert reached the push service');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const [message] = service.receivedBy(fake.id);
    assert.ok(message);
    assert.equal(message.urgency, 'high');
    const payload = JSON.parse(message.payload) as { title: string; url: string };
    assert.equal(payload.title, 'Air raid alert');

    // Hand the decrypted payload to the real service worker, as the browser would.
    const cdp: CDPSession = await context.newCDPSession(page);
    const registrationId = new Promise<string>((resolve) => {
      cdp.on(
        'ServiceWorker.workerRegistrationUpdated',
        (event: { registrations: Array<{ registrationId: string; scopeURL: string }> }) => {
          const found = event.registrations.find((r) => r.scopeURL === `${server.baseUrl}/`);
          if (found) resolve(found.registrationId);
        },
      );
    });
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.deliverPushMessage', {
      origin: server.baseUrl,
      registrationId: await registrationId,
      data: message.payload,
    });
    const shown = await page.waitForFunction(async () => {
      const registration = await navigator.serviceWorker.ready;
      const notifications = await registration.getNotifications();
      return notifications.length > 0
        ? notifications.map((n) => ({
            title: n.title,
            body: n.body,
            url: (n.data as { url: string }).url,
          }))
        : false;
    });
    assert.deepEqual(await shown.jsonValue(), [
      { title: 'Air raid alert', body: 'Go to a shelter now.', url: `${server.baseUrl}/` },
    ]);

    await page.getByRole('button', { name: 'Turn off breaking news alerts' }).click();
    await status.filter({ hasText: 'Alerts are off.' }).waitFor();
    await page.getByRole('button', { name: 'Get breaking news alerts' }).waitFor();
    const check = await fetch(`${server.baseUrl}/push/subscriptions/status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ endpoint: fake.subscription.endpoint }),
    });
    assert.deepEqual(await check.json(), { topics: [] });
  });
});
