import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { type PushService, startPushService } from '../../src/push/test-fixtures/push-service.js';
import { buildAdminUi, signIn } from './support/admin.js';
import { artifactPath, browserSkipReason, launchBrowser } from './support/browser.js';
import { type RunningServer, seededAdmin, startServer } from './support/server.js';

// The admin's Alerts screen in Chromium: compose with the live preview, confirm, send to a
// subscriber of the local push service, and watch the figures arrive. axe-clean.

const skip = browserSkipReason();
const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

describe('admin alerts in Chromium: preview, confirm, send, figures', { skip }, () => {
  let server: RunningServer;
  let service: PushService;
  let browser: Browser;
  let page: Page;

  before(async () => {
    buildAdminUi();
    service = await startPushService();
    server = await startServer({
      env: { PUSH_SERVICES: service.origin, PUSH_RATE_PER_SECOND: '0' },
      startTimeoutMs: 120_000,
    });
    const { publicKey } = (await (await fetch(`${server.baseUrl}/push/key`)).json()) as {
      publicKey: string;
    };
    const subscribed = await fetch(`${server.baseUrl}/push/subscriptions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.baseUrl },
      body: JSON.stringify({
        subscription: service.createBrowser(publicKey).subscription,
        topics: ['breaking'],
      }),
    });
    assert.equal(subscribed.status, 201);
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(20_000);
    page = await context.newPage();
    const admin = seededAdmin(server);
    await signIn(page, server.baseUrl, admin.email, admin.password);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    await service?.close();
  });

  it('previews the notification, asks before sending, and shows the figures', async () => {
    await page.getByRole('link', { name: 'Alerts', exact: true }).first().click();
    await page.getByRole('heading', { name: 'Breaking news alerts', level: 1 }).waitFor();
    await page.getByText('1 browser follows breaking news.').waitFor();
    await page.getByLabel('Title', { exact: true }).fill('Air raid alert in Kyiv');
    await page.getByLabel('Text', { exact: true }).fill('Go to the nearest shelter.');
    await page.getByLabel('Link', { exact: true }).fill('/');
    const preview = page.locator('.push-preview__card');
    assert.match(await preview.innerText(), /Air raid alert in Kyiv\s+Go to the nearest shelter\./);
    const violations = await new AxeBuilder({ page }).withTags(wcagTags).analyze();
    assert.deepEqual(
      violations.violations.map((v) => `${v.id}: ${v.help}`),
      [],
      'axe on the Alerts screen',
    );
    await page.getByRole('button', { name: 'Send alert…' }).click();
    await page.getByRole('alert').filter({ hasText: 'It cannot be recalled.' }).waitFor();
    assert.equal(service.received.length, 0, 'nothing is sent before the confirmation');
    await page.getByRole('button', { name: 'Yes, send it now' }).click();
    await page.getByRole('status').filter({ hasText: 'is on its way' }).waitFor();
    const row = page.getByRole('row', { name: /Air raid alert in Kyiv/ });
    await row.waitFor();
    // Figures refresh every two seconds while the alert goes out: recipients, sent, failed, clicked.
    const figures = async () =>
      (await row.locator('td').allInnerTexts()).slice(1).map((text) => text.split(/\s/)[0]);
    const deadline = Date.now() + 30_000;
    while ((await figures()).join(' ') !== '1 1 0 0') {
      assert.ok(Date.now() < deadline, `figures: ${(await figures()).join(' ')}`);
      await page.waitForTimeout(250);
    }
    assert.equal(service.received.length, 1);
    assert.equal(
      (JSON.parse(service.received[0]?.payload ?? '{}') as { title: string }).title,
      'Air raid alert in Kyiv',
    );
    await page.screenshot({ path: artifactPath('admin-alerts-1280.png'), fullPage: true });
  });
});
