import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { openDatabase } from '../../src/platform/db/database.js';
import { buildAdminUi, signIn, startAdminTestServer } from './support/admin.js';
import { artifactPath, browserSkipReason, launchBrowser } from './support/browser.js';
import { type RunningServer, seededAdmin } from './support/server.js';

const skip = browserSkipReason();
const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
// The collector drops headless and scripted user agents: the beacons come from "a reader".
const desktopChrome =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(wcagTags).analyze();
  return results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
}

describe('admin analytics in Chromium: figures, sources, period, settings', { skip }, () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let articleTitle = '';

  async function beacon(body: unknown): Promise<void> {
    const response = await fetch(`${server.baseUrl}/api/event`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain;charset=UTF-8', 'user-agent': desktopChrome },
      body: JSON.stringify(body),
    });
    assert.equal(response.status, 204, await response.text());
  }

  before(async () => {
    buildAdminUi();
    server = await startAdminTestServer();
    const database = openDatabase(`sqlite:${join(server.dataDir, 'masthead.db')}`);
    let article: { id: number; title: string; slug: string };
    try {
      article = await database.db
        .selectFrom('articles')
        .select(['id', 'title', 'slug'])
        .where('status', '=', 'published')
        .orderBy('id')
        .executeTakeFirstOrThrow();
    } finally {
      await database.destroy();
    }
    articleTitle = article.title;
    // Three direct views of the home page, two of an article from a Google search (one
    // reader: the same address and browser all along).
    for (let i = 0; i < 3; i++) await beacon({ p: '/', a: null, e: [{ t: 'view' }] });
    for (let i = 0; i < 2; i++)
      await beacon({
        p: `/${article.slug}/`,
        a: article.id,
        r: 'https://www.google.com/',
        e: [{ t: 'view' }],
      });
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

  it('shows the views, right now, top articles and sources, with no axe violations', async () => {
    await page.getByRole('link', { name: 'Analytics', exact: true }).first().click();
    await page.getByRole('heading', { name: 'Analytics', level: 1 }).waitFor();
    const figures = page.locator('.analytics-figures').first();
    await figures.getByText('Views', { exact: true }).waitFor();
    assert.match((await figures.textContent()) ?? '', /Views5/);
    const chart = page.getByRole('img', { name: /^Views per day/ });
    await chart.waitFor();
    assert.ok((await chart.locator('rect').count()) > 0);
    const now = page.getByRole('region', { name: 'Right now' });
    // The region loads on its own after the figures: read it once its table is there.
    await page.getByRole('table', { name: 'Top pages in the last 30 minutes' }).waitFor();
    assert.match((await now.textContent()) ?? '', /Views in the last 30 minutes5/);
    const articles = page.getByRole('table', { name: /^Top articles/ });
    await articles.getByRole('link', { name: articleTitle }).waitFor();
    const sources = page.getByRole('table', { name: /^Sources/ });
    await sources.waitFor();
    const text = (await sources.textContent()) ?? '';
    assert.match(text, /Direct—31/);
    assert.match(text, /Searchgoogle2\d/);
    const csv = page.getByRole('link', { name: /^Sources .* as CSV$/ });
    assert.match((await csv.getAttribute('href')) ?? '', /sources\.csv\?period=7d/);
    assert.deepEqual(await axeViolations(page), [], 'axe on the analytics dashboard');
    await page.screenshot({ path: '/tmp/analytics-dashboard.png', fullPage: true });
    await page.screenshot({ path: artifactPath('admin-analytics-1280.png'), fullPage: true });
  });

  it('switches the period: today and 90 days', async () => {
    await page.getByRole('radio', { name: 'Today' }).check();
    await page.getByRole('table', { name: 'Sources today' }).waitFor();
    assert.match((await page.locator('.analytics-figures').first().textContent()) ?? '', /Views5/);
    await page.getByRole('radio', { name: '90 days' }).check();
    await page.getByRole('table', { name: 'Sources in the last 90 days' }).waitFor();
    const csv = page.getByRole('link', { name: /^Articles .* as CSV$/ });
    assert.match((await csv.getAttribute('href')) ?? '', /articles\.csv\?period=90d/);
    assert.deepEqual(await axeViolations(page), [], 'axe after switching the period');
  });

  it('saves the settings, showing a bad value next to its field', async () => {
    const days = page.getByLabel('Keep raw events for (days)');
    await days.fill('0');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('input[aria-invalid="true"]').waitFor();
    assert.equal(await days.getAttribute('aria-invalid'), 'true');
    assert.deepEqual(await axeViolations(page), [], 'axe with a field error');
    await days.fill('60');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved.').waitFor();
    assert.equal(await days.getAttribute('aria-invalid'), null);
    const settings = await page.evaluate(async () => {
      const response = await fetch('/api/admin/analytics/settings');
      return (await response.json()) as { enabled: boolean; rawDays: number };
    });
    assert.deepEqual(settings, { enabled: true, rawDays: 60 });
  });

  it('works at 375 px: no sideways scrolling of the page, no axe violations', async () => {
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto(`${server.baseUrl}/admin/analytics`);
    await page.getByRole('heading', { name: 'Analytics', level: 1 }).waitFor();
    await page.getByRole('table', { name: /^Sources/ }).waitFor();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    assert.ok(overflow <= 0, `/admin/analytics scrolls sideways by ${overflow}px`);
    assert.deepEqual(await axeViolations(page), [], 'axe at 375 px');
    await page.screenshot({ path: artifactPath('admin-analytics-375.png'), fullPage: true });
  });
});
