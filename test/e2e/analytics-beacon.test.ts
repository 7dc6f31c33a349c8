import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { createApiToken } from '../../src/admin/api-token.service.js';
import { openDatabase } from '../../src/platform/db/database.js';
import { browserSkipReason, launchBrowser } from './support/browser.js';
import { type RunningServer, startServer } from './support/server.js';

// A real Chromium visit: the beacon's view, engaged time, scroll depth and clicks reach the
// daily aggregates; a browser sending Global Privacy Control is not counted; no cookie is set.

const skip = browserSkipReason();
const chrome =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

interface Overview {
  totals: { views: number; visitors: number; engagedSeconds: number; readThrough: number };
  articles: Array<{ articleId: number; views: number; readThrough: number }>;
  sources: Array<{ medium: string; source: string; views: number }>;
}

describe('analytics beacon in Chromium', { skip }, () => {
  let server: RunningServer;
  let browser: Browser;
  let headers: Record<string, string>;
  let article = { id: 0, url: '' };

  const overview = async (): Promise<Overview> => {
    const response = await fetch(`${server.baseUrl}/api/admin/analytics/overview?period=today`, {
      headers,
    });
    assert.equal(response.status, 200);
    return (await response.json()) as Overview;
  };
  const until = async (check: (o: Overview) => boolean, what: string): Promise<Overview> => {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const o = await overview();
      if (check(o)) return o;
      if (Date.now() > deadline) throw new Error(`${what}: ${JSON.stringify(o.totals)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const database = openDatabase(`sqlite:${join(server.dataDir, 'masthead.db')}`);
    const { token } = await createApiToken(database.db, { name: 'e2e', role: 'editor' });
    await database.destroy();
    headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const paragraphs = Array.from(
      { length: 40 },
      (_, i) => `<p>Paragraph ${i + 1} of a long report on the city's night buses.</p>`,
    ).join('');
    const created = await fetch(`${server.baseUrl}/api/admin/articles`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        title: 'A long read that readers finish',
        authors: ['Olena Shevchuk'],
        tags: ['City'],
        status: 'published',
        html: `${paragraphs}<p>Read <a href="https://example.org/report">the report</a>.</p>`,
      }),
    });
    assert.equal(created.status, 201);
    article = ((await created.json()) as { article: { id: number; url: string } }).article;
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('counts a view from a search engine, engaged seconds, read-through and an outbound click', async () => {
    const before = await overview();
    const context = await browser.newContext({
      userAgent: chrome,
      viewport: { width: 1280, height: 800 },
    });
    await context.route('https://example.org/**', (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: '<title>Report</title>' }),
    );
    const page = await context.newPage();
    await page.goto(article.url, { referer: 'https://www.google.com/' });
    const viewed = await until(
      (o) => o.totals.views === before.totals.views + 1,
      'the view did not arrive',
    );
    assert.ok(viewed.sources.some((s) => s.medium === 'search' && s.source === 'google'));
    await page.waitForTimeout(2_200);
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.waitForTimeout(300);
    // The reader follows the outbound link into a new tab: this page is hidden, and the queued
    // events (scroll, engaged time, the click) go out in one beacon.
    await page.evaluate(() =>
      document
        .querySelector('a[href="https://example.org/report"]')
        ?.addEventListener('click', (event) => event.preventDefault()),
    );
    await page.getByRole('link', { name: 'the report' }).click();
    const other = await context.newPage();
    await other.goto('https://example.org/report');
    await other.bringToFront();
    // Headless Chromium does not always tell a page in the background tab that it is hidden:
    // the event the browser would send is sent here (the page's script reads the state).
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    const after = await until(
      (o) => o.totals.engagedSeconds >= before.totals.engagedSeconds + 2,
      'engaged time did not arrive',
    );
    const figures = after.articles.find((a) => a.articleId === article.id);
    assert.ok(figures, 'the article is listed');
    assert.equal(figures.views, 1);
    assert.equal(figures.readThrough, 1, 'read to the end');
    assert.deepEqual(await context.cookies(), [], 'no cookie set');
    await context.close();
  });

  it('does not count a browser that sends Global Privacy Control', async () => {
    const before = await overview();
    const context = await browser.newContext({
      userAgent: chrome,
      extraHTTPHeaders: { 'Sec-GPC': '1' },
    });
    await context.addInitScript(() => {
      Object.defineProperty(navigator, 'globalPrivacyControl', { get: () => true });
    });
    const page = await context.newPage();
    await page.goto(article.url);
    await page.waitForTimeout(1_000);
    await page.close();
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal((await overview()).totals.views, before.totals.views);
    await context.close();
  });
});
