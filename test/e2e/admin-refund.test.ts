import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { openDatabase } from '../../src/platform/db/database.js';
import {
  buildMember,
  buildPayment,
} from '../../src/revenue/admin/test-fixtures/revenue-factories.js';
import { buildAdminUi, signIn, startAdminTestServer } from './support/admin.js';
import { artifactPath, browserSkipReason, launchBrowser } from './support/browser.js';
import { type RunningServer, seededAdmin } from './support/server.js';

// The refund form on the member detail screen in Chromium: prefilled with what is left, the
// server's 422 shown by the field, the provider's refusal shown in the form. (The payment is
// a row written straight into the database, unknown to the sandbox, so the sandbox refuses;
// successful refunds are covered by src/revenue/admin/payment-refund.test.ts.)

const skip = browserSkipReason();

describe('admin refund form in Chromium', { skip }, () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const email = 'rita.refund@example.org';

  before(async () => {
    buildAdminUi();
    server = await startAdminTestServer();
    const database = openDatabase(`sqlite:${join(server.dataDir, 'masthead.db')}`);
    try {
      const rita = await buildMember(database.db, { email, name: 'Rita Refund' });
      await buildPayment(database.db, rita.id, {
        amount: 1250,
        amount_refunded: 250,
        status: 'partially_refunded',
      });
      await buildPayment(database.db, rita.id, { amount: 900, status: 'failed' });
    } finally {
      await database.destroy();
    }
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(15_000);
    page = await context.newPage();
    const admin = seededAdmin(server);
    await signIn(page, server.baseUrl, admin.email, admin.password);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('opens a prefilled form, shows a bad amount by the field and the provider refusal', async () => {
    await page.getByRole('link', { name: 'Members', exact: true }).first().click();
    await page.getByRole('link', { name: email }).click();
    const payments = page.getByRole('table', { name: `Payments of ${email}` });
    await payments.waitFor();
    const buttons = payments.getByRole('button', { name: /^Refund/ });
    assert.equal(await buttons.count(), 1, 'only the refundable payment has a Refund button');
    await buttons.first().click();
    const amount = page.getByLabel('Amount to refund (USD)');
    assert.equal(await amount.inputValue(), '10.00');
    await amount.fill('11');
    await page.getByRole('button', { name: 'Confirm refund' }).click();
    await page.getByText('At most $10 is left to refund on this payment.').waitFor();
    assert.equal(await amount.getAttribute('aria-invalid'), 'true');
    assert.deepEqual(
      (await new AxeBuilder({ page }).include('.refund-form').analyze()).violations.map(
        (v) => v.id,
      ),
      [],
    );
    await page.screenshot({ path: artifactPath('admin-refund-form-1280.png'), fullPage: true });
    await amount.fill('5');
    await page.getByRole('button', { name: 'Confirm refund' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: 'The payment provider refused the refund' })
      .waitFor();
  });
});
