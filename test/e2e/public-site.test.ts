import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import { HtmlValidate } from 'html-validate';
import type { Browser } from 'playwright-core';
import { artifactPath, browserSkipReason, launchBrowser } from './support/browser.js';
import { type RunningServer, startServer } from './support/server.js';

const skip = browserSkipReason();
const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

describe('public site in Chromium', { skip }, () => {
  let server: RunningServer;
  let browser: Browser;
  let articlePath = '';
  let tagPath = '';

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const home = await (await fetch(`${server.baseUrl}/`)).text();
    const match =
      /<h2[^>]*class="[^"]*lead[^"]*"[^>]*>\s*<a href="(\/[a-z0-9-]+\/)"/.exec(home) ??
      /<a href="(\/[a-z0-9-]+\/)"/.exec(home);
    assert.ok(match?.[1], 'the home page links to an article');
    articlePath = match[1];
    const tag = /<a class="kicker" href="(\/tag\/[a-z0-9-]+\/)"/.exec(home);
    assert.ok(tag?.[1], 'the home page links to a tag page');
    tagPath = tag[1];
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const [name, path] of [
    ['home', () => '/'],
    ['article', () => articlePath],
    ['tag', () => tagPath],
    // The demo newsroom's live coverage (src/seed/demo-live.ts).
    ['live', () => '/kyiv-live-overnight-air-raid/'],
  ] as const) {
    it(`${name}: no axe-core WCAG 2.2 AA violations at 375 px and 1280 px`, async () => {
      for (const width of [375, 1280]) {
        const context = await browser.newContext({ viewport: { width, height: 900 } });
        const page = await context.newPage();
        await page.goto(`${server.baseUrl}${path()}`);
        await page.screenshot({
          path: artifactPath(`site-${name}-${width}.png`),
          fullPage: width === 375 ? false : true,
        });
        const results = await new AxeBuilder({ page }).withTags(wcagTags).analyze();
        const summary = results.violations.map(
          (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
        );
        assert.deepEqual(summary, [], `axe violations on ${name} at ${width}px`);
        await context.close();
      }
    });

    it(`${name}: html-validate reports no errors`, async () => {
      const markup = await (await fetch(`${server.baseUrl}${path()}`)).text();
      // `long-title` is an SEO length heuristic; headlines are the newsroom's editorial choice.
      const validator = new HtmlValidate({
        extends: ['html-validate:recommended'],
        rules: { 'long-title': 'off' },
      });
      const report = await validator.validateString(markup);
      const messages = report.results.flatMap((r) =>
        r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.message}`),
      );
      assert.deepEqual(messages, [], `html-validate on ${name}`);
    });
  }

  it('the first Tab lands on "Skip to content" and Enter moves focus into <main>', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.baseUrl}${articlePath}`);
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.textContent?.trim());
    assert.equal(focused, 'Skip to content');
    await page.keyboard.press('Enter');
    const inMain = await page.evaluate(() => {
      const active = document.activeElement;
      return active !== null && (active.tagName === 'MAIN' || active.closest('main') !== null);
    });
    assert.ok(inMain, 'focus moved into <main>');
    await page.close();
  });

  it('shows "Edit post" only with the staff hint cookie, and the HTML is identical', async () => {
    const anonymous = await browser.newContext();
    const page = await anonymous.newPage();
    await page.goto(`${server.baseUrl}${articlePath}`);
    assert.equal(await page.getByRole('link', { name: 'Edit post' }).count(), 0);
    const anonymousHtml = await (await fetch(`${server.baseUrl}${articlePath}`)).text();
    assert.ok(!anonymousHtml.includes('Edit post'), 'anonymous HTML has no edit link');
    await anonymous.close();

    const staff = await browser.newContext();
    await staff.addCookies([{ name: 'masthead_staff', value: '1', url: server.baseUrl }]);
    const staffPage = await staff.newPage();
    await staffPage.goto(`${server.baseUrl}${articlePath}`);
    const edit = staffPage.getByRole('link', { name: 'Edit post' });
    await edit.waitFor();
    assert.match((await edit.getAttribute('href')) ?? '', /^\/admin\/articles\/\d+\/edit$/);
    await staffPage.screenshot({ path: artifactPath('site-article-staff.png') });
    await staff.close();
  });
});
