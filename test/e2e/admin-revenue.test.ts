import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { openDatabase } from '../../src/platform/db/database.js';
import {
  buildMember,
  buildPayment,
  buildSubscription,
} from '../../src/revenue/admin/test-fixtures/revenue-factories.js';
import { buildAdminUi, signIn, startAdminTestServer } from './support/admin.js';
import { artifactPath, browserSkipReason, launchBrowser } from './support/browser.js';
import { type RunningServer, seededAdmin } from './support/server.js';

const skip = browserSkipReason();
const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(wcagTags).analyze();
  return results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
}

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

describe('admin revenue in Chromium: members, member detail, dashboard', { skip }, () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let articleTitle = '';
  const paying = 'paula.paying@example.org';
  const free = 'fred.free@example.org';

  before(async () => {
    buildAdminUi();
    server = await startAdminTestServer();
    // Rows as the payment engine leaves them, written straight into the server's database.
    const database = openDatabase(`sqlite:${join(server.dataDir, 'masthead.db')}`);
    try {
      const db = database.db;
      const article = await db
        .selectFrom('articles')
        .select(['id', 'title'])
        .where('status', '=', 'published')
        .orderBy('id')
        .executeTakeFirstOrThrow();
      articleTitle = article.title;
      const paula = await buildMember(db, {
        email: paying,
        name: 'Paula Paying',
        status: 'paying',
        created_at: daysAgo(70),
      });
      const subscription = await buildSubscription(db, paula.id, {
        tier_id: 'patron',
        amount: 1500,
        created_at: daysAgo(65),
        current_period_end: daysAgo(-20),
      });
      for (const age of [65, 35, 5])
        await buildPayment(db, paula.id, {
          kind: 'membership',
          amount: 1500,
          subscription_id: subscription.id,
          paid_at: daysAgo(age),
          receipt_url: 'https://pay.example/receipt',
          article_id: article.id,
          prompt: 'after-body',
        });
      await buildPayment(db, paula.id, { amount: 2500, paid_at: daysAgo(12), prompt: 'banner' });
      const yearly = await buildMember(db, { status: 'paying', created_at: daysAgo(40) });
      await buildSubscription(db, yearly.id, {
        amount: 5000,
        interval: 'year',
        created_at: daysAgo(40),
      });
      await buildMember(db, { email: free, name: 'Fred Free', created_at: daysAgo(3) });
      const fred = await db
        .selectFrom('members')
        .select('id')
        .where('email', '=', free)
        .executeTakeFirstOrThrow();
      for (const age of [20, 9, 2])
        await buildPayment(db, fred.id, { amount: 1000, paid_at: daysAgo(age), prompt: 'banner' });
      const lapsed = await buildMember(db, { status: 'lapsed', created_at: daysAgo(200) });
      await buildSubscription(db, lapsed.id, {
        status: 'canceled',
        created_at: daysAgo(200),
        canceled_at: daysAgo(50),
        updated_at: daysAgo(50),
      });
    } finally {
      await database.destroy();
    }
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(15_000);
    page = await context.newPage();
    const admin = seededAdmin(server);
    await signIn(page, server.baseUrl, admin.email, admin.password);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lists members, filters to paying ones, and has no axe violations', async () => {
    await page.getByRole('link', { name: 'Members', exact: true }).first().click();
    await page.getByRole('heading', { name: 'Members', level: 1 }).waitFor();
    const table = page.getByRole('table', { name: /^Members/ });
    await table.getByRole('link', { name: free }).waitFor();
    await page.getByLabel('Status').selectOption('paying');
    await page.getByRole('table', { name: 'Members, paying only' }).waitFor();
    await table.getByRole('link', { name: paying }).waitFor();
    // The caption can change a moment before the filtered rows arrive: wait for the free
    // member's row to go, then check it stays gone.
    await table.getByRole('link', { name: free }).waitFor({ state: 'detached' });
    assert.equal(await table.getByRole('link', { name: free }).count(), 0);
    const row = table.getByRole('row').filter({ hasText: paying });
    assert.match((await row.textContent()) ?? '', /Patron.*\$70/);
    const csv = page.getByRole('link', { name: 'Export these members as CSV' });
    assert.match((await csv.getAttribute('href')) ?? '', /members\.csv\?status=paying/);
    assert.deepEqual(await axeViolations(page), [], 'axe on the members list');
    await page.screenshot({ path: artifactPath('admin-members-1280.png'), fullPage: true });
  });

  it('opens a member: subscription, payments with attribution, no axe violations', async () => {
    await page.getByRole('link', { name: paying }).click();
    await page.getByRole('heading', { name: `Member: ${paying}`, level: 1 }).waitFor();
    const subscriptions = page.getByRole('table', { name: `Subscriptions of ${paying}` });
    assert.match((await subscriptions.textContent()) ?? '', /Patron\$15 \/ monthactive/);
    const payments = page.getByRole('table', { name: `Payments of ${paying}` });
    await payments.getByRole('link', { name: articleTitle }).first().waitFor();
    await payments.getByText('Prompt: after-body').first().waitFor();
    assert.equal(await payments.getByRole('row').count(), 5);
    await page.getByText('This address is not in the newsletter address book.').waitFor();
    assert.deepEqual(await axeViolations(page), [], 'axe on the member detail');
    await page.screenshot({ path: artifactPath('admin-member-detail-1280.png'), fullPage: true });
  });

  it('shows the revenue dashboard: three charts with tables, top articles and prompts', async () => {
    await page.getByRole('link', { name: 'Revenue', exact: true }).first().click();
    await page.getByRole('heading', { name: 'Revenue', level: 1 }).waitFor();
    for (const name of [
      'Monthly recurring revenue per month',
      'Paying members per month',
      'One-time donations per week',
    ]) {
      const chart = page.getByRole('img', { name: new RegExp(name) });
      await chart.waitFor();
      assert.ok((await chart.locator('rect').count()) > 0, name);
    }
    const figures = page.locator('.revenue-figures');
    // Paula's 15.00 a month and a 50.00 yearly plan (4.17 a month).
    assert.match((await figures.textContent()) ?? '', /Monthly recurring revenue now\$19\.17/);
    assert.match((await figures.textContent()) ?? '', /Paying members now2/);
    await page.getByText('Monthly recurring revenue as a table').click();
    await page.getByRole('table', { name: 'Monthly recurring revenue per month' }).waitFor();
    const articles = page.getByRole('table', { name: 'Top articles by revenue in the period' });
    await articles.getByRole('link', { name: articleTitle }).waitFor();
    const prompts = page.getByRole('table', { name: /Top support prompts/ });
    assert.match((await prompts.textContent()) ?? '', /banner4\$55.*after-body3\$45/);
    assert.deepEqual(await axeViolations(page), [], 'axe on the revenue dashboard');
    await page.screenshot({ path: artifactPath('admin-revenue-1280.png'), fullPage: true });
  });

  it('works at 375 px: no sideways scrolling of the page, no axe violations', async () => {
    await page.setViewportSize({ width: 375, height: 800 });
    for (const [path, name, ready] of [
      ['/admin/revenue', 'admin-revenue-375.png', page.getByRole('img', { name: /^Monthly/ })],
      ['/admin/members', 'admin-members-375.png', page.getByRole('table', { name: /^Members/ })],
    ] as const) {
      await page.goto(`${server.baseUrl}${path}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await ready.waitFor();
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      assert.ok(overflow <= 0, `${path} scrolls sideways by ${overflow}px`);
      assert.deepEqual(await axeViolations(page), [], `axe at 375 px on ${path}`);
      await page.screenshot({ path: artifactPath(name), fullPage: true });
    }
  });
});
