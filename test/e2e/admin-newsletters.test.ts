import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
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

/** The outbox's .eml files, decoded enough to read headers and the subject. */
function outboxMessages(server: RunningServer): string[] {
  const dir = join(server.dataDir, 'outbox');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.eml'))
    .map((f) => readFileSync(join(dir, f), 'utf8'));
}

/** The value of header `name` in a raw message (folded lines joined). */
function header(raw: string, name: string): string | undefined {
  const head = raw.split(/\r?\n\r?\n/)[0]?.replace(/\r?\n[ \t]+/g, ' ') ?? '';
  const line = head
    .split(/\r?\n/)
    .find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line?.slice(name.length + 1).trim();
}

describe('admin newsletters in Chromium: import, compose, preview, test, send', { skip }, () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const subject = `River park opens ${Date.now().toString(36)}`;
  const reader = 'reader.one@example.org';
  const tester = 'desk.test@example.org';

  before(async () => {
    buildAdminUi();
    server = await startAdminTestServer();
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(15_000);
    page = await context.newPage();
    page.on('dialog', (dialog) => void dialog.accept());
    const admin = seededAdmin(server);
    await signIn(page, server.baseUrl, admin.email, admin.password);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('imports a confirmed subscriber from CSV and reports the bad row by line', async () => {
    await page.getByRole('link', { name: 'Newsletters', exact: true }).first().click();
    await page.getByRole('heading', { name: 'Newsletters', level: 1 }).waitFor();
    await page.getByRole('strong').filter({ hasText: 'The Kyiv Ledger Daily' }).waitFor();
    await page
      .getByRole('navigation', { name: 'Newsletter sections' })
      .getByRole('link', { name: 'Subscribers' })
      .click();
    await page.getByRole('heading', { name: 'Subscribers', level: 1 }).waitFor();
    await page
      .getByLabel('CSV text')
      .fill(
        `email,name,consent_text\n${reader},Reader One,Signed up at the fair\nnot-an-address,Bad,\n`,
      );
    await page.getByRole('checkbox', { name: 'The Kyiv Ledger Daily' }).check();
    await page.getByRole('button', { name: 'Import' }).click();
    await page.getByText('Imported 1 subscriber; skipped 1 row.').waitFor();
    const skipped = page.getByRole('table', { name: 'Skipped rows' });
    assert.match((await skipped.textContent()) ?? '', /3\s*not-an-address/);
    // The list reloads after the import: a reload landing just after the click re-renders the
    // row closed (seen on a loaded 2-core CI machine), so open it until it stays open.
    const row = page.locator('details', { hasText: reader });
    for (
      let tries = 0;
      tries < 10 && !(await row.evaluate((d) => (d as HTMLDetailsElement).open));
      tries += 1
    ) {
      await row.locator('summary').click();
      await page.waitForTimeout(200);
    }
    await row.getByText('daily: active').waitFor();
    await page.locator('blockquote', { hasText: 'Signed up at the fair' }).waitFor();
    await page.screenshot({
      path: artifactPath('admin-newsletter-subscribers-1280.png'),
      fullPage: true,
    });
  });

  it('composes an issue in the article editor; the compose screen has no axe violations', async () => {
    await page.goto(`${server.baseUrl}/admin/newsletters/issues/new`);
    await page.getByRole('heading', { name: 'New issue', level: 1 }).waitFor();
    await page.getByLabel('Subject').fill(subject);
    await page.getByLabel('Preheader').fill('What the vote means for the riverbank');
    const body = page.getByRole('textbox', { name: 'Issue body' });
    await body.click();
    await page.getByRole('button', { name: 'Heading 2' }).click();
    await page.keyboard.type('The park');
    await page.keyboard.press('Enter');
    await page.keyboard.type('It opens in spring and it is free for everyone.');
    await page.getByRole('button', { name: 'Create issue' }).click();
    await page.getByRole('heading', { name: `Issue: ${subject}`, level: 1 }).waitFor();
    assert.match(page.url(), /\/admin\/newsletters\/issues\/\d+$/);
    await page
      .getByRole('textbox', { name: 'Issue body' })
      .getByText('free for everyone')
      .waitFor();
    assert.deepEqual(await axeViolations(page), [], 'axe on the compose screen');
  });

  it('previews the issue in a sandboxed frame at narrow and wide widths', async () => {
    await page.getByRole('button', { name: 'Show preview' }).click();
    const frame = page.locator('iframe[title^="Email preview"]');
    await frame.waitFor();
    assert.equal(await frame.getAttribute('sandbox'), '');
    assert.equal(await frame.getAttribute('width'), '375');
    const inside = page.frameLocator('iframe[title^="Email preview"]');
    await inside.getByText('free for everyone').waitFor();
    await page.screenshot({
      path: artifactPath('admin-newsletter-preview-375.png'),
      fullPage: true,
    });
    await page.getByRole('button', { name: 'Wide (720 px)' }).click();
    assert.equal(await frame.getAttribute('width'), '720');
    await page.screenshot({
      path: artifactPath('admin-newsletter-compose-1280.png'),
      fullPage: true,
    });
  });

  it('shows the API error for a bad test address, then test-sends', async () => {
    const to = page.getByLabel('Send a test to');
    // type="email" would stop the form; the server's own check speaks for addresses it rejects.
    await to.fill('someone@localhost');
    await page.getByRole('button', { name: 'Send test' }).click();
    await page.getByRole('alert').first().waitFor();
    await to.fill(tester);
    await page.getByRole('button', { name: 'Send test' }).click();
    await page.getByText(`Test sent to ${tester}.`).waitFor();
  });

  it('sends, and the progress panel reaches "sent" with one message sent', async () => {
    await page.getByRole('button', { name: 'Send now' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('Sending started.').waitFor();
    const status = page.getByTestId('send-status');
    await status.filter({ hasText: /^sent$/ }).waitFor({ timeout: 60_000 });
    const counts = await page.locator('.progress-counts').textContent();
    assert.match(counts ?? '', /Recipients1/);
    assert.match(counts ?? '', /Sent1/);
    assert.equal(await page.getByRole('button', { name: 'Send now' }).count(), 0);
    assert.equal(await page.getByLabel('Subject').getAttribute('readonly'), '');
    await page.screenshot({ path: artifactPath('admin-newsletter-sent-1280.png'), fullPage: true });
  });

  it('shows the issue results once sent: delivered, unsubscribed, clicks off by default', async () => {
    const results = page.getByTestId('issue-stats');
    await results.waitFor();
    const text = (await results.textContent()) ?? '';
    assert.match(text, /Delivered1/);
    assert.match(text, /Unsubscribed0/);
    await page.getByText('Click tracking is off for this newsletter').waitFor();
  });

  it('the test and the real message are in the outbox with the subject and List-Unsubscribe', () => {
    const messages = outboxMessages(server);
    const find = (to: string) => messages.find((m) => header(m, 'To')?.includes(to));
    const test = find(tester);
    const real = find(reader);
    assert.ok(test, 'the test message is in the outbox');
    assert.ok(real, 'the real message is in the outbox');
    assert.match(header(test, 'Subject') ?? '', new RegExp(`\\[TEST\\] ${subject}`));
    assert.match(header(real, 'Subject') ?? '', new RegExp(`^${subject}$`));
    assert.match(header(real, 'List-Unsubscribe') ?? '', /^<https?:\/\/[^>]+>, <mailto:/);
    assert.match(header(test, 'List-Unsubscribe') ?? '', /^<https?:\/\//);
  });

  it('the issues list shows the sent issue with its progress, without axe violations', async () => {
    // With the keyboard: focus the link and press Enter.
    await page.getByRole('link', { name: 'All issues' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Newsletter issues', level: 1 }).waitFor();
    const row = page.locator('.article-list li', { hasText: subject });
    await row.getByText('1 of 1 sent').waitFor();
    assert.match((await row.textContent()) ?? '', /sent/);
    assert.deepEqual(await axeViolations(page), [], 'axe on the issues list');
    await page.screenshot({
      path: artifactPath('admin-newsletter-issues-1280.png'),
      fullPage: true,
    });
  });

  it('works at 375 px wide: no sideways scrolling on the compose screen', async () => {
    await page.setViewportSize({ width: 375, height: 800 });
    await page.getByRole('link', { name: subject }).click();
    await page.getByRole('heading', { name: `Issue: ${subject}`, level: 1 }).waitFor();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    assert.ok(overflow <= 0, `page scrolls sideways by ${overflow} px`);
    await page.screenshot({
      path: artifactPath('admin-newsletter-compose-375.png'),
      fullPage: true,
    });
  });

  it('charts subscriber growth and churn with a table alternative, without axe violations', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByRole('link', { name: 'Newsletters', exact: true }).first().click();
    await page.getByRole('heading', { name: 'Subscriber growth and churn' }).waitFor();
    await page.getByRole('img', { name: /New confirmed subscriptions per day/ }).waitFor();
    await page.getByRole('img', { name: /Unsubscribes and suppressions per day/ }).waitFor();
    assert.match(
      (await page.getByTestId('growth-summary').textContent()) ?? '',
      /All newsletters, last 30 days: [1-9]\d* new, \d+ lost/,
    );
    await page.getByText('Growth and churn as a table').click();
    const today = new Date().toISOString().slice(0, 10);
    const row = page.getByRole('row', { name: new RegExp(`^${today}`) });
    assert.match((await row.textContent()) ?? '', new RegExp(`^${today}[1-9]`));
    await page.getByLabel('Group by', { exact: true }).selectOption('week');
    await page
      .getByRole('img', { name: /per week/ })
      .first()
      .waitFor();
    assert.deepEqual(await axeViolations(page), [], 'axe on the newsletters screen');
    await page.screenshot({
      path: artifactPath('admin-newsletter-growth-1280.png'),
      fullPage: true,
    });
  });
});
