import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { buildAdminUi, signIn } from './support/admin.js';
import { artifactPath, browserSkipReason, launchBrowser } from './support/browser.js';
import { type RunningServer, seededAdmin, startServer } from './support/server.js';

// The support prompts in Chromium: visible to a new reader, hidden for paying members and on
// visits from our emails (decided in the browser: the HTML is the same for everyone), the
// banner dismissed by keyboard and remembered, and axe on the article and /support/.

const skip = browserSkipReason();
const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const prompts = ['inline', 'afterBody', 'banner'] as const;

async function visiblePrompts(page: Page): Promise<string[]> {
  const shown: string[] = [];
  for (const placement of prompts)
    if (await page.locator(`[data-support-prompt="${placement}"]`).isVisible())
      shown.push(placement);
  return shown;
}

async function axe(page: Page, name: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(wcagTags).analyze();
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
  assert.deepEqual(summary, [], `axe violations on ${name}`);
}

describe('support prompts in Chromium', { skip }, () => {
  let server: RunningServer;
  let browser: Browser;
  let articlePath = '';

  before(async () => {
    buildAdminUi();
    server = await startServer({ startTimeoutMs: 120_000 });
    browser = await launchBrowser();
    const { email, password } = seededAdmin(server);
    const session = await fetch(`${server.baseUrl}/api/admin/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    assert.equal(session.status, 200);
    const cookie = (session.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const { csrfToken } = (await session.json()) as { csrfToken: string };
    // Every placement on: the inline prompt after the first paragraph (seeded stories are short).
    const changed = await fetch(`${server.baseUrl}/api/admin/revenue/prompts`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify({ inline: { afterParagraph: 1 }, banner: { enabled: true } }),
    });
    assert.equal(changed.status, 200, await changed.text());
    const home = await (await fetch(`${server.baseUrl}/`)).text();
    const match = /<h[23][^>]*>\s*<a href="(\/[a-z0-9-]+\/)"/.exec(home);
    assert.ok(match?.[1], 'the home page links to an article');
    articlePath = match[1];
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows every prompt to a new reader; the banner sits in the page flow', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}${articlePath}`);
    assert.deepEqual(await visiblePrompts(page), [...prompts]);
    await page.getByRole('heading', { name: 'Support independent journalism' }).waitFor();
    assert.ok(
      await page
        .getByText(/Support us for as little as \$1, and it only takes a minute/)
        .isVisible(),
    );
    for (const brand of ['Visa', 'Mastercard', 'American Express'])
      assert.ok(await page.getByRole('img', { name: brand }).isVisible(), brand);
    // WCAG 2.4.11: the banner never covers focused content, because it never overlays anything.
    const position = await page
      .locator('[data-support-prompt="banner"]')
      .evaluate((element) => getComputedStyle(element).position);
    assert.equal(position, 'static');
    await page.screenshot({ path: artifactPath('support-article-1280.png'), fullPage: true });
    await context.close();
  });

  it('hides every prompt for a paying member (cookie), with no server change', async () => {
    const context = await browser.newContext();
    await context.addCookies([{ name: 'masthead_member', value: 'paying', url: server.baseUrl }]);
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}${articlePath}`);
    assert.deepEqual(await visiblePrompts(page), []);
    assert.ok(
      await page.evaluate(() => document.documentElement.classList.contains('support-off')),
    );
    await context.close();
  });

  it('hides the prompts for the whole visit when it landed from our email', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}${articlePath}?utm_source=newsletter&utm_medium=email`);
    assert.deepEqual(await visiblePrompts(page), []);
    await page.goto(`${server.baseUrl}/`);
    await page.goto(`${server.baseUrl}${articlePath}`);
    assert.deepEqual(await visiblePrompts(page), [], 'remembered for the visit');
    const other = await context.newPage();
    await other.goto(`${server.baseUrl}${articlePath}`);
    assert.deepEqual(await visiblePrompts(other), [...prompts], 'a new visit (tab) asks again');
    await context.close();
  });

  it('dismisses the banner by keyboard, moves focus on, and keeps it dismissed', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}${articlePath}`);
    const dismiss = page.getByRole('button', { name: 'Dismiss' });
    await dismiss.waitFor();
    let reached = false;
    for (let i = 0; i < 15 && !reached; i += 1) {
      await page.keyboard.press('Tab');
      reached = await dismiss.evaluate((button) => button === document.activeElement);
    }
    assert.ok(reached, 'the Dismiss button is reachable with Tab');
    await page.keyboard.press('Enter');
    assert.equal(await page.locator('[data-support-prompt="banner"]').isVisible(), false);
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
    await page.reload();
    assert.deepEqual(await visiblePrompts(page), ['inline', 'afterBody'], 'dismissed after reload');
    await context.close();
  });

  it('axe finds no violations on the article with prompts and on /support/ at 375 and 1280 px', async () => {
    for (const [name, path] of [
      ['article', () => articlePath],
      ['support', () => '/support/?canceled=1'],
    ] as const) {
      for (const width of [375, 1280]) {
        const context = await browser.newContext({ viewport: { width, height: 900 } });
        const page = await context.newPage();
        await page.goto(`${server.baseUrl}${path()}`);
        await page.screenshot({
          path: artifactPath(`support-${name}-${width}.png`),
          fullPage: true,
        });
        await axe(page, `${name} at ${width}px`);
        await context.close();
      }
    }
  });

  it('/support/ swaps monthly and yearly prices and shows the processing fee', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.baseUrl}/support/`);
    assert.ok(await page.getByText('$5 a month').isVisible());
    assert.equal(await page.getByText('$50 a year').isVisible(), false);
    await page.getByRole('radio', { name: 'Yearly' }).check();
    assert.ok(await page.getByText('$50 a year').isVisible());
    const donate = page.locator('#donate');
    await donate.getByRole('textbox', { name: 'Other amount (USD)' }).fill('10');
    await donate.getByRole('checkbox', { name: /card processing fee/ }).check();
    assert.equal(
      (await donate.locator('[data-fee-output]').textContent())?.trim(),
      'Adds $0.61: $10.61 in total.',
    );
    await page.close();
  });
  it('admin "Support & offers": a bad minimum is shown by its field, a good change reaches the page', async () => {
    const { email, password } = seededAdmin(server);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signIn(page, server.baseUrl, email, password);
    await page.getByRole('link', { name: 'Support & offers' }).click();
    await page.getByRole('heading', { name: 'Support & offers', level: 1 }).waitFor();
    const minimum = page.getByLabel('Minimum (USD)');
    await minimum.fill('0.50');
    await page.getByRole('button', { name: 'Save offers' }).click();
    await page.locator('input[aria-invalid="true"]').first().waitFor();
    assert.equal(await minimum.getAttribute('aria-invalid'), 'true');
    const described = (await minimum.getAttribute('aria-describedby')) ?? '';
    assert.match(
      (await page.locator(`[id="${described.split(' ').at(-1)}"]`).textContent()) ?? '',
      /must be at least \$1/,
    );
    await page.screenshot({ path: artifactPath('support-admin-error.png'), fullPage: true });
    await minimum.fill('2');
    await page.getByRole('button', { name: 'Save offers' }).click();
    await page.getByText('Offers saved.').waitFor();
    await page.getByLabel('After paragraph').fill('2');
    await page.getByRole('button', { name: 'Save prompts' }).click();
    await page.getByText('Prompts saved.').waitFor();
    await axe(page, 'the admin Support & offers screen');
    const article = await (await fetch(`${server.baseUrl}${articlePath}`)).text();
    assert.match(article, /Support us for as little as \$2, and it only takes a minute\./);
    await context.close();
  });
});
