import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser } from 'playwright-core';
import { createApiToken } from '../../src/admin/api-token.service.js';
import { openDatabase } from '../../src/platform/db/database.js';
import { browserSkipReason, launchBrowser } from './support/browser.js';
import { type RunningServer, startServer } from './support/server.js';

const skip = browserSkipReason();
const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

describe('daily briefing player on the home page in Chromium', { skip }, () => {
  let server: RunningServer;
  let browser: Browser;
  let file = '';

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const database = openDatabase(`sqlite:${join(server.dataDir, 'masthead.db')}`);
    const { token } = await createApiToken(database.db, { name: 'e2e', role: 'editor' });
    await database.destroy();
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    // Today's briefing of the demo newsroom, made now by the server's own worker.
    const made = await fetch(`${server.baseUrl}/api/admin/audio/briefing/today`, {
      method: 'POST',
      headers,
      body: '{}',
    });
    const madeBody = await made.text();
    assert.equal(made.status, 202, madeBody);
    const { local_date: today } = JSON.parse(madeBody) as { local_date: string };
    const deadline = Date.now() + 120_000;
    for (;;) {
      const status = await fetch(`${server.baseUrl}/api/admin/audio/briefing`, { headers });
      const { briefings } = (await status.json()) as {
        briefings: Array<{ local_date: string; file: string }>;
      };
      const ready = briefings.find((b) => b.local_date === today);
      if (ready) {
        file = ready.file;
        break;
      }
      if (Date.now() > deadline) throw new Error('the briefing was not made in time');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the briefing player (native controls without JavaScript)', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/`);
    const player = page.locator('.audio-player--briefing');
    assert.equal(await player.locator(`audio[controls][src="/audio/${file}"]`).count(), 1);
    assert.match(await player.locator('h2').innerText(), /The daily briefing/);
    await context.close();
  });

  it('is operable by keyboard and passes axe (WCAG 2.2 AA) at phone and desktop widths', async () => {
    for (const width of [375, 1280]) {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      const page = await context.newPage();
      await page.goto(`${server.baseUrl}/`);
      const player = page.locator('.audio-player--briefing');
      const play = player.getByRole('button', { name: 'Play' });
      await play.waitFor();
      await play.focus();
      await page.keyboard.press('Enter');
      await player.getByRole('button', { name: 'Pause' }).waitFor();
      const results = await new AxeBuilder({ page })
        .include('.audio-player--briefing')
        .withTags(wcagTags)
        .analyze();
      assert.deepEqual(
        results.violations.map(
          (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
        ),
        [],
        `at ${width} px`,
      );
      const whole = await new AxeBuilder({ page }).withTags(wcagTags).analyze();
      assert.deepEqual(
        whole.violations.map((v) => v.id),
        [],
        `the home page with the player at ${width} px`,
      );
      await context.close();
    }
  });
});
