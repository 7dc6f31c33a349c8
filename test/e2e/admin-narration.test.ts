import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createApiToken } from '../../src/admin/api-token.service.js';
import { createUser } from '../../src/admin/user.service.js';
import { saveNarrationVoice } from '../../src/audio/narration-voices.repository.js';
import { openDatabase } from '../../src/platform/db/database.js';
import { buildAdminUi, signIn, startAdminTestServer } from './support/admin.js';
import { artifactPath, browserSkipReason, launchBrowser } from './support/browser.js';
import type { RunningServer } from './support/server.js';

const skip = browserSkipReason();
const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const editor = { email: 'editor@example.test', password: 'narration-e2e-password' };

async function axeViolations(page: Page, include?: string): Promise<string[]> {
  let builder = new AxeBuilder({ page }).withTags(wcagTags);
  if (include) builder = builder.include(include);
  const results = await builder.analyze();
  return results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
}

describe('admin narration in Chromium: status, listen, lexicon, voices, stats', { skip }, () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let articleId = 0;

  before(async () => {
    buildAdminUi();
    server = await startAdminTestServer();
    const database = openDatabase(`sqlite:${join(server.dataDir, 'masthead.db')}`);
    await createUser(database.db, { ...editor, role: 'editor', name: 'Edna Editor' });
    const { token } = await createApiToken(database.db, { name: 'e2e', role: 'editor' });
    // A registered neural voice, never measured (so never chosen automatically): listed only.
    await saveNarrationVoice(database.db, {
      name: 'piper-uk-lada',
      dir: join(server.dataDir, 'no-such-voice'),
      kind: 'vits',
      language: 'uk',
      sample_rate: 22050,
      speaker: 0,
      model_bytes: 20_000_000,
      word_error_rate: null,
      real_time_factor: null,
      cpu_per_audio_second: null,
      not_measured: 'not measured (--no-measure)',
      measured_at: null,
      created_at: new Date().toISOString(),
    });
    await database.destroy();
    // A very short published article, so its narration is quick even on a loaded 2-core CI box.
    const created = await fetch(`${server.baseUrl}/api/admin/articles`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        title: 'Ferry timetable changes',
        authors: ['Olena Shevchuk'],
        status: 'published',
        html: '<p>The ferry leaves at nine from Monday.</p>',
      }),
    });
    assert.equal(created.status, 201);
    articleId = ((await created.json()) as { article: { id: number } }).article.id;
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(15_000);
    page = await context.newPage();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the editor sidebar shows the narration reaching "ready", and its audio plays', async () => {
    await signIn(page, server.baseUrl, editor.email, editor.password);
    await page.goto(`${server.baseUrl}/admin/articles/${articleId}/edit`);
    const panel = page.locator('section.narration-panel');
    await panel.getByRole('heading', { name: 'Narration' }).waitFor();
    // The server's own worker narrates it; the panel polls until it is done.
    const status = panel.locator('.narration-status');
    await status.filter({ hasText: /^(Ready|Failed)/ }).waitFor({ timeout: 120_000 });
    assert.match((await status.textContent()) ?? '', /^Ready: \d+ s/);
    assert.equal(await panel.getByRole('button', { name: 'Regenerate narration' }).count(), 1);

    const audio = panel.locator('audio[controls]');
    const duration = await audio.evaluate(async (element: HTMLAudioElement) => {
      element.muted = true;
      await element.play();
      if (!(element.duration > 0))
        await new Promise((resolve) =>
          element.addEventListener('loadedmetadata', resolve, { once: true }),
        );
      return element.duration;
    });
    assert.ok(duration > 0, `duration ${duration}`);
    assert.deepEqual(await axeViolations(page, 'section.narration-panel'), [], 'axe on the panel');
    await page.screenshot({ path: artifactPath('admin-narration-panel.png'), fullPage: true });

    // Regenerate: the panel goes back to the queue and polls until the new file is ready.
    await panel.getByRole('button', { name: 'Regenerate narration' }).click();
    await status.filter({ hasText: /^(Queued|Processing)/ }).waitFor();
    await status.filter({ hasText: /^(Ready|Failed)/ }).waitFor({ timeout: 120_000 });
    assert.match((await status.textContent()) ?? '', /^Ready/);
  });

  it('the lexicon shows validation errors, adds an entry, and Listen plays the preview MP3', async () => {
    await page.getByRole('link', { name: 'Narration', exact: true }).click();
    await page.getByRole('heading', { name: 'Narration', level: 1 }).waitFor();

    await page.getByRole('button', { name: 'Add pronunciation' }).click();
    const termError = page.locator('#lexicon-term-error');
    await termError.waitFor();
    assert.match((await termError.textContent()) ?? '', /is required/);
    assert.equal(await page.getByLabel('Term').getAttribute('aria-invalid'), 'true');

    await page.getByLabel('Term').fill('Shevchuk');
    await page.getByLabel('Said as (respelling or phonemes)').fill('shev chook');
    await page.getByRole('button', { name: 'Add pronunciation' }).click();
    const row = page.locator('.lexicon-table tbody tr', { hasText: 'Shevchuk' });
    await row.waitFor();
    assert.match(await row.innerText(), /shev chook/);

    const [preview] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/admin/audio/lexicon/preview'), {
        timeout: 60_000,
      }),
      row.getByRole('button', { name: /Listen/ }).click(),
    ]);
    assert.equal(preview.status(), 200);
    assert.equal(preview.headers()['content-type'], 'audio/mpeg');
    assert.match(decodeURIComponent(preview.headers()['x-spoken-text'] ?? ''), /shev chook/);

    // Edit, then delete another entry (confirming the browser's dialog).
    await page.getByLabel('Term').fill('Kyiv');
    await page.getByLabel('Said as (respelling or phonemes)').fill('Keev');
    await page.getByRole('button', { name: 'Add pronunciation' }).click();
    const kyiv = page.locator('.lexicon-table tbody tr', { hasText: 'Kyiv' });
    await kyiv.getByRole('button', { name: /Edit/ }).click();
    await page.getByLabel('Said as (respelling or phonemes)').fill('Kee-iv');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await kyiv.filter({ hasText: 'Kee-iv' }).waitFor();
    page.once('dialog', (dialog) => void dialog.accept());
    await kyiv.getByRole('button', { name: /Delete/ }).click();
    await kyiv.waitFor({ state: 'detached' });
    assert.equal(await page.locator('.lexicon-table tbody tr').count(), 1);

    // Suggestions from the demo's English stories: hear one respelled, then add it.
    const suggestions = page.locator('section[aria-labelledby="lexicon-suggestions-title"]');
    const suggested = suggestions.getByRole('row', { name: /^Kyiv\b/ });
    await suggested.waitFor();
    assert.equal(await suggested.getByLabel('Say Kyiv as').inputValue(), 'Keev');
    const [heard] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/admin/audio/lexicon/preview'), {
        timeout: 60_000,
      }),
      suggested.getByRole('button', { name: /Listen respelled/ }).click(),
    ]);
    assert.equal(heard.status(), 200);
    assert.match(decodeURIComponent(heard.headers()['x-spoken-text'] ?? ''), /Keev/i);
    await suggested.getByRole('button', { name: /^Add/ }).click();
    await page.locator('.lexicon-table tbody tr', { hasText: 'Kyiv' }).waitFor();
    await suggested.waitFor({ state: 'detached' });
    const axe = await new AxeBuilder({ page })
      .include('section[aria-labelledby="lexicon-title"]')
      .analyze();
    assert.deepEqual(
      axe.violations.map((v) => v.id),
      [],
    );
  });

  it('voices: a language rule and a tag rule are saved, invalid voices are explained, Listen plays', async () => {
    const voices = page.locator('section[aria-labelledby="voices-title"]');
    // Each voice's measured score, and why espeak-ng is still there.
    const measured = voices.getByRole('table', { name: 'Measured score of each voice' });
    await measured.getByRole('row', { name: /Flite \(built in\) rms English/ }).waitFor();
    await voices.getByText(/Kept for Ukrainian/).waitFor();
    const neural = voices.getByRole('table', { name: 'Registered neural voices' });
    await neural
      .getByRole('row', { name: /piper-uk-lada Piper\/VITS, 22050 Hz Ukrainian not measured/ })
      .waitFor();
    await voices.getByText(/^Ukrainian: eSpeak NG/).waitFor();
    await voices.getByRole('button', { name: 'Add a language rule' }).click();
    await voices.getByLabel('Language code').fill('uk');
    await voices.getByLabel(/^Engine for language uk/).selectOption('espeak-ng-wasm');
    await voices.getByLabel(/^Voice for language uk/).fill('uk; rm');
    await voices.getByRole('button', { name: 'Save voices' }).click();
    const voiceError = voices.locator('[id="voice-languages.0.voice-error"]');
    await voiceError.waitFor();
    assert.match((await voiceError.textContent()) ?? '', /voice name/);
    await voices.getByLabel(/^Voice for language uk/).fill('uk');
    await voices.getByRole('button', { name: 'Add a tag rule' }).click();
    await voices.getByLabel('Tag name or slug').fill('Sport');
    await voices.getByRole('button', { name: 'Save voices' }).click();
    await voiceError.waitFor({ state: 'detached' });
    await page
      .getByRole('status')
      .filter({ hasText: 'Saved the voices' })
      .waitFor({ state: 'attached' });

    const [preview] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/admin/audio/lexicon/preview'), {
        timeout: 60_000,
      }),
      voices.getByRole('button', { name: 'Listen to the voice for language uk' }).click(),
    ]);
    assert.equal(preview.status(), 200);
    assert.equal(preview.headers()['content-type'], 'audio/mpeg');

    await page.reload();
    await page.getByLabel('Language code').waitFor();
    assert.equal(await page.getByLabel('Language code').inputValue(), 'uk');
    assert.equal(await page.getByLabel('Tag name or slug').inputValue(), 'Sport');
    assert.deepEqual(
      await axeViolations(page, 'section[aria-labelledby="voices-title"]'),
      [],
      'axe on the voices section',
    );
  });

  it('listening stats: the chart and the tables show a counted play; no axe violations', async () => {
    const beacon = await fetch(`${server.baseUrl}/audio/beacon`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ article: articleId, event: 'play' }),
    });
    assert.equal(beacon.status, 204);
    await page.reload();
    await page.getByLabel('Last 7 days').check();
    const row = page.locator('.listen-table tbody tr', { hasText: 'Ferry timetable changes' });
    await row.waitFor();
    assert.match(await row.innerText(), /\b1\b/);
    const chart = page.getByRole('img', { name: /Plays per day/ });
    assert.equal(await chart.locator('rect').count(), 7);
    await page.getByText('Plays per day as a table').click();
    assert.equal(await page.locator('details table tbody tr').count(), 7);
    assert.deepEqual(await axeViolations(page), [], 'axe on the Narration screen');
    await page.screenshot({ path: artifactPath('admin-narration-screen.png'), fullPage: true });
  });
});
