import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { createApiToken } from '../../src/admin/api-token.service.js';
import { openDatabase } from '../../src/platform/db/database.js';
import { artifactPath, browserSkipReason, launchBrowser } from './support/browser.js';
import { type RunningServer, startServer } from './support/server.js';

const skip = browserSkipReason();
const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

describe('a live coverage in Chromium', { skip }, () => {
  let server: RunningServer;
  let browser: Browser;
  let headers: Record<string, string>;
  let slug = '';
  let articleId = 0;

  const api = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${server.baseUrl}${path}`, {
      method,
      headers: body === undefined ? { authorization: headers.authorization ?? '' } : headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    assert.ok(response.ok, `${method} ${path}: ${response.status} ${text}`);
    return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  };
  const post = async (body: Record<string, unknown>) =>
    (
      await api('POST', `/api/admin/articles/${articleId}/live/updates`, {
        status: 'published',
        ...body,
      })
    ).update as { id: number; version: number };

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const database = openDatabase(`sqlite:${join(server.dataDir, 'masthead.db')}`);
    const { token } = await createApiToken(database.db, { name: 'e2e', role: 'editor' });
    await database.destroy();
    headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const { article } = (await api('POST', '/api/admin/articles', {
      title: 'Ukraine war latest: air raid over Kyiv',
      excerpt: 'Live updates through the night.',
      authors: ['News desk'],
      tags: ['War'],
      status: 'published',
      html: '<p>Follow our live coverage of the night.</p>',
    })) as { article: { id: number; slug: string } };
    slug = article.slug;
    articleId = article.id;
    await api('PUT', `/api/admin/articles/${articleId}/live`, { state: 'live' });
    for (let i = 1; i <= 22; i += 1) await post({ html: `<p>Earlier report ${i}.</p>` });
    await post({
      headline: 'Explosions heard',
      html: '<p>Air defence is active over the capital.</p>',
      key_event: true,
    });
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function expectNewBar(page: Page) {
    const bar = page.locator('.live__new-button');
    await bar.waitFor({ state: 'visible', timeout: 10_000 });
    return bar;
  }

  it('shows new, edited and deleted updates arriving over SSE, politely', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.baseUrl}/${slug}/`);
    await page.waitForFunction(() =>
      document.querySelector('section.live')?.hasAttribute('data-enhanced'),
    );
    // Let the stream open before posting.
    await page.waitForTimeout(500);
    const focusedBefore = await page.evaluate(() => document.activeElement?.tagName);
    const fresh = await post({ html: '<p>Sirens have stopped in the city centre.</p>' });
    const bar = await expectNewBar(page);
    assert.match((await bar.textContent()) ?? '', /1 new update/);
    assert.equal(
      await page.evaluate(() => document.activeElement?.tagName),
      focusedBefore,
      'no focus theft',
    );
    await page.waitForFunction(() =>
      /new update posted/.test(document.querySelector('[data-live-announce]')?.textContent ?? ''),
    );
    assert.equal(await page.locator(`#update-${fresh.id}`).count(), 0, 'waits behind the bar');
    await bar.click();
    await page.locator(`#update-${fresh.id}`).waitFor();
    assert.match(
      (await page.locator('.live__updates > article').first().textContent()) ?? '',
      /Sirens have stopped/,
    );

    await api('PATCH', `/api/admin/live/updates/${fresh.id}`, {
      version: fresh.version,
      html: '<p>Sirens have stopped across Kyiv.</p>',
      pinned: true,
    });
    await page.waitForFunction(
      (id) => /across Kyiv/.test(document.querySelector(`#update-${id}`)?.textContent ?? ''),
      fresh.id,
    );
    await page.locator(`#pinned-${fresh.id}`).waitFor();

    await api('DELETE', `/api/admin/live/updates/${fresh.id}`);
    await page.waitForFunction((id) => !document.querySelector(`#update-${id}`), fresh.id);
    await page.screenshot({ path: artifactPath('live-page.png'), fullPage: false });
    await page.close();
  });

  it('falls back to polling live.json when SSE is unavailable', async () => {
    const context = await browser.newContext();
    await context.addInitScript(() => {
      // @ts-expect-error: a browser without EventSource
      delete window.EventSource;
      (window as unknown as { __mastheadLivePollMs: number }).__mastheadLivePollMs = 400;
    });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/${slug}/`);
    await page.waitForFunction(() =>
      document.querySelector('section.live')?.hasAttribute('data-enhanced'),
    );
    await page.waitForTimeout(600);
    const polled = await post({ html: '<p>Reported by polling.</p>' });
    const bar = await expectNewBar(page);
    await bar.click();
    await page.locator(`#update-${polled.id}`).waitFor();
    await context.close();
  });

  it('loads earlier updates in place, and lists and pages them without JavaScript', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.baseUrl}/${slug}/`);
    await page.waitForFunction(() =>
      document.querySelector('section.live')?.hasAttribute('data-enhanced'),
    );
    assert.equal(await page.getByText('Earlier report 1.', { exact: true }).count(), 0);
    await page.locator('.live__earlier a').click();
    await page.getByText('Earlier report 1.', { exact: true }).waitFor();
    assert.equal(new URL(page.url()).pathname, `/${slug}/`, 'stayed on the page');
    await page.close();

    const context = await browser.newContext({ javaScriptEnabled: false });
    const plain = await context.newPage();
    await plain.goto(`${server.baseUrl}/${slug}/`);
    assert.ok((await plain.locator('.live__updates > article').count()) >= 20);
    await plain.locator('.live__earlier a').click();
    await plain.waitForURL(/\/updates\/\?before=\d+/);
    await plain.getByText('Earlier report 1.', { exact: true }).waitFor();
    await context.close();
  });

  it('is axe-clean', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/${slug}/`);
    const results = await new AxeBuilder({ page }).withTags(wcagTags).analyze();
    assert.deepEqual(
      results.violations.map(
        (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
      ),
      [],
    );
    const single = await page.locator('.live-update__time').first().getAttribute('href');
    await page.goto(`${server.baseUrl}${single}`);
    const singleResults = await new AxeBuilder({ page }).withTags(wcagTags).analyze();
    assert.deepEqual(
      singleResults.violations.map((v) => v.id),
      [],
    );
    await page.close();
  });
});
