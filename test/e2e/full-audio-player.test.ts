import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createApiToken } from '../../src/admin/api-token.service.js';
import { openDatabase } from '../../src/platform/db/database.js';
import { findOutboxLink } from './support/admin.js';
import { assertNoAxeViolations } from './support/axe.js';
import { artifactPath, browserSkipReason, launchBrowser } from './support/browser.js';
import { becomeMemberInSandbox } from './support/sandbox.js';
import { type RunningServer, startServer } from './support/server.js';

// A members-only story's whole-body narration in Chromium (issue 17, ADR 0026 addendum): an
// anonymous reader's player plays the preview's audio and the whole-body URL answers them 403
// with a sentence saying why; a paying member signed in gets the full variant, whose player
// loads /audio/full/…, plays it by its Play button, seeks through Range requests, and passes axe.

const skip = browserSkipReason();
const gatedText = 'The council will vote on the second phase in March';
const articleHtml = [
  '<p>The river path reopens on Saturday after a year of repairs.</p>',
  `<p>${gatedText}, after a survey of the eastern bank.</p>`,
  '<p>The first phase cost 2.1 million, less than the city had set aside.</p>',
  '<p>Cyclists will share the path with walkers until the bridge is widened.</p>',
].join('');

interface Loaded {
  src: string;
  duration: number;
  /** The media events seen since the listeners were added, in order. */
  events: string[];
}

/**
 * Loads the page's narration — by its Play button when `press`, else by `load()` — and returns
 * the element's source and duration once `loadedmetadata` has fired (an `error` fails).
 */
async function loadPlayerAudio(page: Page, press: boolean): Promise<Loaded> {
  await page.getByRole('button', { name: 'Play' }).waitFor();
  await page.evaluate(() => {
    const audio = document.querySelector<HTMLAudioElement>('[data-audio]');
    if (!audio) throw new Error('no audio element');
    const seen: string[] = [];
    Object.assign(window, { mediaEvents: seen });
    for (const name of ['loadedmetadata', 'playing', 'error'])
      audio.addEventListener(name, () => seen.push(name));
  });
  if (press) await page.getByRole('button', { name: 'Play' }).click();
  else await page.evaluate(() => document.querySelector<HTMLAudioElement>('[data-audio]')?.load());
  await page.waitForFunction(() => {
    const seen = (window as unknown as { mediaEvents: string[] }).mediaEvents;
    return seen.includes('loadedmetadata') || seen.includes('error');
  });
  return page.evaluate(() => {
    const audio = document.querySelector<HTMLAudioElement>('[data-audio]');
    const events = [...(window as unknown as { mediaEvents: string[] }).mediaEvents];
    if (!audio || audio.error)
      throw new Error(`audio error ${audio?.error?.code}: ${audio?.error?.message}`);
    return { src: audio.currentSrc, duration: audio.duration, events };
  });
}

describe(
  'full-audio player in Chromium: preview for everyone, whole body for members',
  { skip },
  () => {
    let server: RunningServer;
    let browser: Browser;
    let anonymous: BrowserContext;
    let member: BrowserContext;
    let path = '';
    let slug = '';
    let previewSrc = '';
    let fullSrc = '';
    let previewDuration = 0;
    const email = `listener.${Date.now().toString(36)}@example.org`;

    before(async () => {
      server = await startServer({ startTimeoutMs: 120_000 });
      browser = await launchBrowser();
      const sqlite = `sqlite:${join(server.dataDir, 'masthead.db')}`;
      const database = openDatabase(sqlite);
      const { token } = await createApiToken(database.db, { name: 'e2e', role: 'editor' });
      const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
      const created = await fetch(`${server.baseUrl}/api/admin/articles`, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          title: 'River path reopens',
          authors: ['Olena Shevchuk'],
          tags: ['City'],
          status: 'published',
          access_level: 'paid',
          preview_paragraphs: 1,
          html: articleHtml,
        }),
      });
      const body = await created.text();
      assert.equal(created.status, 201, body);
      const { article } = JSON.parse(body) as {
        article: { id: number; url: string; slug: string };
      };
      path = new URL(article.url).pathname;
      slug = article.slug;
      // The server's own worker narrates the article (the job was enqueued with the publish).
      const deadline = Date.now() + 180_000;
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
      const row = await database.db
        .selectFrom('narrations')
        .select(['file', 'full_file'])
        .where('article_id', '=', article.id)
        .executeTakeFirstOrThrow();
      await database.destroy();
      assert.ok(row.file && row.full_file, 'a gated article has a preview and a whole-body file');
      previewSrc = `/audio/${row.file}`;
      fullSrc = `/audio/full/${article.id}/${row.full_file}`;
      anonymous = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      member = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      anonymous.setDefaultTimeout(20_000);
      member.setDefaultTimeout(20_000);
    });
    after(async () => {
      await browser?.close();
      await server?.stop();
    });

    it('anonymous: the player plays the preview, and the whole-body URL answers 403 saying why', async (t) => {
      const page = await anonymous.newPage();
      const response = await page.goto(`${server.baseUrl}${path}`);
      assert.equal(response?.status(), 200);
      await page.getByRole('heading', { name: 'This story is for paying members' }).waitFor();
      assert.equal(await page.getByText(gatedText).count(), 0, 'the preview page stops at the cut');
      assert.equal(await page.locator('[data-audio]').getAttribute('src'), previewSrc);
      assert.ok(!(await page.content()).includes(fullSrc), 'the preview never names the full file');
      const preview = await loadPlayerAudio(page, false);
      assert.equal(new URL(preview.src).pathname, previewSrc);
      assert.ok(preview.duration > 0, `the preview has a duration (${preview.duration})`);
      previewDuration = preview.duration;
      t.diagnostic(`preview ${previewSrc}: ${preview.duration} s`);

      const refused = await page.evaluate(async (url) => {
        const answer = await fetch(url);
        return {
          status: answer.status,
          type: answer.headers.get('content-type'),
          text: await answer.text(),
        };
      }, fullSrc);
      assert.equal(refused.status, 403);
      assert.equal(refused.type, 'text/plain; charset=utf-8');
      assert.match(refused.text, /whole story is for readers whose membership opens it/);
      assert.ok(refused.text.includes(`/${slug}/`), `says where to sign in: ${refused.text}`);
      await assertNoAxeViolations(page, 'the preview with its player');
      await page.close();
    });

    it('member: the full variant loads and plays /audio/full/…, seeks by Range, passes axe', async (t) => {
      const page = await member.newPage();
      await becomeMemberInSandbox(page, server.baseUrl, email, 'River Listener');
      await page.goto(`${server.baseUrl}${path}`);
      await page.getByRole('link', { name: 'Already a member? Sign in' }).click();
      await page.waitForURL(/\/account\/sign-in\?next=/);
      await page.getByLabel('Email address').fill(email);
      await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
      await page.getByRole('heading', { name: 'Check your inbox' }).waitFor();
      const link = new URL(
        findOutboxLink(
          server,
          /https?:\/\/\S+?\/account\/sign-in\/confirm\?token=[A-Za-z0-9_-]{43}/,
        ),
      );
      await page.goto(`${server.baseUrl}${link.pathname}${link.search}`);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL((url) => url.pathname === path);
      await page.getByText(gatedText).waitFor();
      assert.equal(await page.locator('[data-audio]').getAttribute('src'), fullSrc);

      // The media element's own requests, to see the server answer its ranges.
      const mediaStatuses: number[] = [];
      page.on('response', (r) => {
        if (new URL(r.url()).pathname === fullSrc) mediaStatuses.push(r.status());
      });
      const full = await loadPlayerAudio(page, true);
      assert.equal(new URL(full.src).pathname, fullSrc);
      assert.ok(
        full.duration > previewDuration + 1,
        `the whole body (${full.duration} s) is longer than the preview (${previewDuration} s)`,
      );
      t.diagnostic(`whole body ${fullSrc}: ${full.duration} s`);
      await page.waitForFunction(() =>
        (window as unknown as { mediaEvents: string[] }).mediaEvents.includes('playing'),
      );
      await page.waitForFunction(() => {
        const audio = document.querySelector<HTMLAudioElement>('[data-audio]');
        return audio !== null && !audio.paused && audio.currentTime > 0.3;
      });
      await page.getByRole('button', { name: 'Pause' }).waitFor();

      const seekable = await page.evaluate(() => {
        const audio = document.querySelector<HTMLAudioElement>('[data-audio]');
        return audio && audio.seekable.length > 0 ? audio.seekable.end(0) : 0;
      });
      assert.ok(seekable >= full.duration - 0.5, `seekable to the end (${seekable} s)`);
      // A jump past the preview's length is served (a range the browser asks for).
      const target = Math.min(previewDuration + 1, full.duration - 1);
      await page.evaluate((to) => {
        const audio = document.querySelector<HTMLAudioElement>('[data-audio]');
        return new Promise<void>((resolve) => {
          audio?.addEventListener('seeked', () => resolve(), { once: true });
          if (audio) audio.currentTime = to;
        });
      }, target);
      await page.waitForFunction(
        (to) => (document.querySelector<HTMLAudioElement>('[data-audio]')?.currentTime ?? 0) > to,
        target,
      );
      // The whole body's timings highlight a paragraph past the preview's cut.
      assert.match(await page.locator('.is-narrated').innerText(), new RegExp(gatedText));
      assert.ok(mediaStatuses.includes(206), `the element's requests: ${mediaStatuses.join(', ')}`);
      const ranged = await page.evaluate(async (url) => {
        const answer = await fetch(url, { headers: { range: 'bytes=100-299' } });
        return {
          status: answer.status,
          range: answer.headers.get('content-range'),
          bytes: (await answer.arrayBuffer()).byteLength,
        };
      }, fullSrc);
      assert.equal(ranged.status, 206);
      assert.match(ranged.range ?? '', /^bytes 100-299\/\d+$/);
      assert.equal(ranged.bytes, 200);

      await page.getByRole('button', { name: 'Pause' }).click();
      await page.getByRole('button', { name: 'Play' }).waitFor();
      await assertNoAxeViolations(page, 'the full variant with its player');
      for (const width of [375, 1280]) {
        await page.setViewportSize({ width, height: 900 });
        await page.screenshot({ path: artifactPath(`full-audio-player-${width}.png`) });
      }
      await page.close();
    });
  },
);
