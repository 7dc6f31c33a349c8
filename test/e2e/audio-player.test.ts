import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser } from 'playwright-core';
import { createApiToken } from '../../src/admin/api-token.service.js';
import { openDatabase } from '../../src/platform/db/database.js';
import { artifactPath, browserSkipReason, launchBrowser } from './support/browser.js';
import { type RunningServer, startServer } from './support/server.js';

const skip = browserSkipReason();
const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

describe('narration player in Chromium', { skip }, () => {
  let server: RunningServer;
  let browser: Browser;
  let articleUrl = '';

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const database = openDatabase(`sqlite:${join(server.dataDir, 'masthead.db')}`);
    const { token } = await createApiToken(database.db, { name: 'e2e', role: 'editor' });
    await database.destroy();
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const created = await fetch(`${server.baseUrl}/api/admin/articles`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        title: 'Night buses return on Oct. 6',
        authors: ['Olena Shevchuk'],
        tags: ['City'],
        status: 'published',
        html: '<p>The night buses return on Monday after a two-month pause.</p><p>Route 12 runs every 20 minutes until 2 a.m.</p><p>Tickets cost $1.50, the same as before.</p><p>The city says more routes may follow in spring.</p>',
      }),
    });
    assert.equal(created.status, 201);
    const { article } = (await created.json()) as { article: { id: number; url: string } };
    articleUrl = article.url;
    // The server's own worker narrates the article (the job was enqueued with the publish).
    const deadline = Date.now() + 120_000;
    for (;;) {
      const status = await fetch(`${server.baseUrl}/api/admin/articles/${article.id}/narration`, {
        headers,
      });
      const { narration } = (await status.json()) as {
        narration: { status: string; error: string };
      };
      if (narration.status === 'ready') break;
      if (narration.status === 'failed') throw new Error(`narration failed: ${narration.error}`);
      if (Date.now() > deadline) throw new Error(`narration not ready: ${narration.status}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('without JavaScript: a native audio element with controls and the disclosure', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(articleUrl);
    assert.equal(await page.locator('audio[controls]').count(), 1);
    assert.match(
      await page.locator('.audio-player__disclosure').innerText(),
      /created with AI assistance/,
    );
    await context.close();
  });

  it('works by keyboard: play, skip forward, speed; the paragraph being read is highlighted', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(articleUrl);
    const play = page.getByRole('button', { name: 'Play' });
    await play.waitFor();
    await play.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => {
      const audio = document.querySelector('audio');
      return audio !== null && !audio.paused && audio.currentTime > 0.3;
    });
    assert.equal(
      await page.getByRole('button', { name: 'Pause' }).count(),
      1,
      'the button now says Pause',
    );
    await page.keyboard.press('Tab'); // back 15 s
    await page.keyboard.press('Tab'); // position slider
    await page.keyboard.press('Tab'); // forward 15 s
    assert.equal(
      await page.evaluate(() => document.activeElement?.getAttribute('aria-label')),
      'Forward 15 seconds',
    );
    const before = await page.evaluate(() => document.querySelector('audio')?.currentTime ?? 0);
    await page.keyboard.press('Enter');
    const after = await page.evaluate(() => document.querySelector('audio')?.currentTime ?? 0);
    assert.ok(after >= before + 5, `skipped forward (${before} → ${after})`);
    await page.keyboard.press('Tab'); // speed
    await page.keyboard.press('ArrowDown');
    const rate = await page.evaluate(() => document.querySelector('audio')?.playbackRate);
    assert.equal(rate, 1.25);
    await page.waitForSelector('.is-narrated');
    await page.screenshot({ path: artifactPath('audio-player.png') });
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter'); // pause
    assert.equal(await page.evaluate(() => document.querySelector('audio')?.paused), true);
    await context.close();
  });

  it('has no axe-core WCAG 2.2 AA violations (enhanced player, 375 px and 1280 px)', async () => {
    for (const width of [375, 1280]) {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      const page = await context.newPage();
      await page.goto(articleUrl);
      await page.getByRole('button', { name: 'Play' }).waitFor();
      const results = await new AxeBuilder({ page }).withTags(wcagTags).analyze();
      assert.deepEqual(
        results.violations.map(
          (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
        ),
        [],
        `at ${width} px`,
      );
      await context.close();
    }
  });
});
