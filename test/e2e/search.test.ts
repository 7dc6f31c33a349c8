import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import { HtmlValidate } from 'html-validate';
import type { Browser } from 'playwright-core';
import { artifactPath, browserSkipReason, launchBrowser } from './support/browser.js';
import { type RunningServer, startServer } from './support/server.js';

const skip = browserSkipReason();
const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

describe('search in Chromium', { skip }, () => {
  let server: RunningServer;
  let browser: Browser;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the header search box works from the keyboard, without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/`);
    // Skip link first, then the brand, then the search box.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.id);
    assert.equal(focused, 'site-search-q');
    await page.keyboard.type('grid engineers');
    await Promise.all([
      page.waitForURL(/\/search\?q=grid\+engineers/),
      page.keyboard.press('Enter'),
    ]);
    const titles = await page.locator('.search-results .card__title a').allTextContents();
    assert.ok(
      titles.some((t) => /grid engineers/.test(t)),
      `the story titled with both words is found: ${titles.join(' | ')}`,
    );
    assert.ok((await page.locator('.search-results mark').count()) > 0, 'matches are highlighted');
    await context.close();
  });

  for (const [name, path] of [
    ['results', '/search?q=winter'],
    ['no results', '/search?q=%22zzzz+qqqq%22'],
    ['empty', '/search'],
  ] as const) {
    // The empty page has the same structure as "no results"; axe runs are slow, so it is skipped.
    it(
      `${name}: no axe-core WCAG 2.2 AA violations at 375 px and 1280 px`,
      { skip: name === 'empty' },
      async () => {
        for (const width of [375, 1280]) {
          const context = await browser.newContext({ viewport: { width, height: 900 } });
          const page = await context.newPage();
          await page.goto(`${server.baseUrl}${path}`);
          await page.screenshot({
            path: artifactPath(`search-${name.replace(/ /g, '-')}-${width}.png`),
            fullPage: true,
          });
          const overflow = await page.evaluate(
            () => document.documentElement.scrollWidth > document.documentElement.clientWidth,
          );
          assert.equal(overflow, false, `no horizontal scrolling at ${width}px`);
          const results = await new AxeBuilder({ page }).withTags(wcagTags).analyze();
          const summary = results.violations.map(
            (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
          );
          assert.deepEqual(summary, [], `axe violations on ${name} at ${width}px`);
          await context.close();
        }
      },
    );

    it(`${name}: html-validate reports no errors`, async () => {
      const markup = await (await fetch(`${server.baseUrl}${path}`)).text();
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
});
