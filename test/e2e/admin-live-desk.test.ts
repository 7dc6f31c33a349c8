import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { createApiToken } from '../../src/admin/api-token.service.js';
import { createUser } from '../../src/admin/user.service.js';
import { openDatabase } from '../../src/platform/db/database.js';
import { buildAdminUi, signIn, startAdminTestServer } from './support/admin.js';
import { artifactPath, browserSkipReason, launchBrowser } from './support/browser.js';
import type { RunningServer } from './support/server.js';

const skip = browserSkipReason();
const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const password = 'live-desk-e2e-password';
const olena = { email: 'olena@example.test', name: 'Olena Desk' };
const bohdan = { email: 'bohdan@example.test', name: 'Bohdan Night' };
const petro = { email: 'petro@example.test', name: 'Petro Stringer' };

async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(wcagTags).analyze();
  return results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
}

describe('admin live desk in Chromium: two editors post, edit, pin and delete', { skip }, () => {
  let server: RunningServer;
  let browser: Browser;
  let token = '';
  let articleId = 0;
  const contexts: BrowserContext[] = [];
  let desk: Page; // Olena, desktop
  let other: Page; // Bohdan, on a phone

  async function pageFor(user: { email: string }, viewport: { width: number; height: number }) {
    const context = await browser.newContext({ viewport });
    context.setDefaultTimeout(15_000);
    contexts.push(context);
    const page = await context.newPage();
    await signIn(page, server.baseUrl, user.email, password);
    return page;
  }

  const feedItem = (page: Page, text: string) =>
    page.locator('.live-list > li', { hasText: text }).first();

  before(async () => {
    buildAdminUi();
    server = await startAdminTestServer();
    const database = openDatabase(`sqlite:${join(server.dataDir, 'masthead.db')}`);
    await createUser(database.db, { ...olena, password, role: 'editor' });
    await createUser(database.db, { ...bohdan, password, role: 'editor' });
    await createUser(database.db, { ...petro, password, role: 'contributor' });
    ({ token } = await createApiToken(database.db, { name: 'e2e', role: 'editor' }));
    await database.destroy();
    const created = await fetch(`${server.baseUrl}/api/admin/articles`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        title: 'Storm latest: the coast braces',
        authors: ['News desk'],
        status: 'published',
        html: '<p>Follow the storm through the night.</p>',
      }),
    });
    assert.equal(created.status, 201);
    articleId = ((await created.json()) as { article: { id: number } }).article.id;
    browser = await launchBrowser();
    desk = await pageFor(olena, { width: 1280, height: 900 });
  });

  after(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.stop();
  });

  it('starts the coverage from the article editor and opens the desk', async () => {
    await desk.goto(`${server.baseUrl}/admin/articles/${articleId}/edit`);
    const panel = desk.locator('section.live-coverage-panel');
    await panel.getByRole('button', { name: 'Start live coverage' }).click();
    await panel.getByText('Live now').waitFor();
    // 31 earlier updates from the wire: the desk shows 30 and loads the first on request.
    for (let i = 1; i <= 31; i += 1) {
      const response = await fetch(
        `${server.baseUrl}/api/admin/articles/${articleId}/live/updates`,
        {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ status: 'published', html: `<p>Wire report ${i}.</p>` }),
        },
      );
      assert.equal(response.status, 201);
    }
    await panel.getByRole('link', { name: 'Open the live desk' }).click();
    await desk.getByRole('heading', { level: 1, name: /Live desk/ }).waitFor();
    assert.match(desk.url(), new RegExp(`/admin/articles/${articleId}/live$`));
    await desk.getByRole('textbox', { name: 'Update text' }).waitFor();
    assert.equal(await desk.locator('.live-list > li').count(), 30, 'one page of 30');
    await desk.getByRole('button', { name: 'Load earlier updates' }).click();
    await feedItem(desk, 'Wire report 1.').waitFor();
    assert.equal(await desk.locator('.live-list > li').count(), 31);
    assert.equal(await desk.getByRole('button', { name: 'Load earlier updates' }).count(), 0);
  });

  it('keeps the typed text as a server-side draft and posts it with Ctrl+Enter', async () => {
    const body = desk.getByRole('textbox', { name: 'Update text' });
    await desk.getByLabel('Headline (optional)').fill('Sea wall breached at Dunmore');
    await body.click();
    await desk.keyboard.type('Water is over the promenade; police have closed the road.');
    await desk.getByText(/^Draft saved \d/).waitFor();

    // A reload (a reporter's browser crashing, say) brings the draft back.
    await desk.reload();
    await body.waitFor();
    assert.equal(
      await desk.getByLabel('Headline (optional)').inputValue(),
      'Sea wall breached at Dunmore',
    );
    assert.match((await body.textContent()) ?? '', /Water is over the promenade/);

    await body.click();
    await desk.keyboard.press('End');
    await desk.keyboard.type(' Avoid the area.');
    await desk.keyboard.press('Control+Enter');
    await desk
      .getByRole('status')
      .filter({ hasText: /^Posted at \d\d:\d\d\.$/ })
      .waitFor();
    const first = desk.locator('.live-list > li').first();
    assert.match((await first.textContent()) ?? '', /Sea wall breached.*Avoid the area\./);
    assert.equal((await body.textContent())?.trim(), '', 'the box is empty for the next update');
    assert.equal(await desk.getByLabel('Headline (optional)').inputValue(), '');
    // Focus stays in the compose box after posting.
    assert.equal(
      await desk.evaluate(() => document.activeElement?.getAttribute('aria-label')),
      'Update text',
    );
    // The draft became the update: no draft is left.
    const state = await desk.evaluate(
      async (id) => (await fetch(`/api/admin/articles/${id}/live`)).json(),
      articleId,
    );
    assert.equal((state as { drafts: unknown[] }).drafts.length, 0);
    assert.deepEqual(await axeViolations(desk), [], 'axe on the desk');
    await desk.screenshot({ path: artifactPath('admin-live-desk-1280.png') });
  });

  it('two editors see each other on the desk, typing, and each other’s posts', async () => {
    other = await pageFor(bohdan, { width: 390, height: 844 });
    await other.goto(`${server.baseUrl}/admin/articles/${articleId}/live`);
    const otherBody = other.getByRole('textbox', { name: 'Update text' });
    await otherBody.waitFor();
    await desk.getByText(`On the desk: You, ${bohdan.name}`).waitFor();
    await other.getByText(`On the desk: You, ${olena.name}`).waitFor();

    await otherBody.click();
    await other.keyboard.type('Ferries cancelled until the morning.');
    await desk.getByText(`${bohdan.name} is typing…`).waitFor();
    // Olena's focus is in her own box and stays there while Bohdan's post arrives.
    await desk.getByRole('textbox', { name: 'Update text' }).click();
    await other.getByRole('button', { name: 'Post update' }).click();
    await other
      .getByRole('status')
      .filter({ hasText: /^Posted at/ })
      .waitFor();
    await feedItem(desk, 'Ferries cancelled until the morning.').waitFor();
    assert.equal(
      await desk.evaluate(() => document.activeElement?.getAttribute('aria-label')),
      'Update text',
      'a new post does not steal focus',
    );
    await desk.getByText(`${bohdan.name} is typing…`).waitFor({ state: 'detached' });
  });

  it('pins, marks a key event and schedules', async () => {
    const item = feedItem(desk, 'Sea wall breached');
    await item.getByRole('button', { name: 'Pin', exact: true }).click();
    await item.locator('.live-flag-pinned').waitFor();
    await item.getByRole('button', { name: 'Mark key event' }).click();
    await item.locator('.live-flag-key').waitFor();
    await item.getByRole('button', { name: 'Unpin' }).waitFor();
    await item.getByRole('button', { name: 'Unmark key event' }).waitFor();

    await desk.getByRole('textbox', { name: 'Update text' }).click();
    await desk.keyboard.type('Press conference with the mayor.');
    await desk.getByLabel(/^Schedule for/).fill('2030-01-01T09:00');
    await desk.getByLabel('Byline (optional)').fill('Iryna Coast, Desk');
    await desk.getByRole('button', { name: 'Schedule update' }).click();
    await desk
      .getByRole('status')
      .filter({ hasText: /^Scheduled for/ })
      .waitFor();
    const scheduled = feedItem(desk, 'Press conference with the mayor.');
    assert.equal(await scheduled.locator('.live-byline').textContent(), 'Iryna Coast, Desk');
    assert.match(
      (await scheduled.locator('.status-scheduled').textContent()) ?? '',
      /Scheduled · 1 Jan 2030, 09:00/,
    );
  });

  it('posts a photo from the media library and an embed, with a quote', async () => {
    const png = await sharp({
      create: { width: 640, height: 360, channels: 3, background: '#2a6f97' },
    })
      .png()
      .toBuffer();
    await desk.getByRole('textbox', { name: 'Update text' }).click();
    await desk.keyboard.type('The harbour at noon.');
    await desk.getByRole('button', { name: 'Image', exact: true }).click();
    const picker = desk.getByRole('dialog', { name: 'Insert image' });
    await picker.getByLabel('Image file').setInputFiles({
      name: 'harbour.png',
      mimeType: 'image/png',
      buffer: png,
    });
    await picker.getByLabel('Alt text').fill('Waves over the harbour wall');
    await picker.getByRole('button', { name: 'Upload image' }).click();
    await picker.getByRole('button', { name: 'Use this image' }).click();
    await picker.waitFor({ state: 'detached' });
    // Typing goes below the image (it must not replace it).
    await desk.getByRole('button', { name: 'Quote', exact: true }).click();
    await desk.keyboard.type('We have never seen it this high, said the harbour master.');
    await desk.getByRole('button', { name: 'Embed', exact: true }).click();
    const embed = desk.getByRole('dialog', { name: 'Embed by URL' });
    await embed
      .getByLabel('Address of the video, post or chart')
      .fill('https://www.youtube.com/watch?v=dQw4w9WgXcQ');
    await embed.getByRole('button', { name: 'Embed' }).click();
    await embed.waitFor({ state: 'detached' });
    await desk.keyboard.press('Control+Enter');
    await desk
      .getByRole('status')
      .filter({ hasText: /^Posted at/ })
      .waitFor();
    const item = feedItem(desk, 'The harbour at noon.');
    await item.waitFor();
    await item.locator('figure img[alt="Waves over the harbour wall"]').waitFor();
    await item.locator('blockquote', { hasText: 'never seen it this high' }).waitFor();
    await item.getByText(/Embed \(youtube\): https:\/\/www\.youtube\.com/).waitFor();
  });

  it('edits an update inline, and a stale edit is refused as a conflict', async () => {
    const item = feedItem(desk, 'Ferries cancelled');
    await item.getByRole('button', { name: 'Edit' }).click();
    const form = item.getByRole('form', { name: 'Edit update' });
    await form.getByRole('textbox', { name: 'Update text' }).press('End');
    await desk.keyboard.type(' Buses replace them.');
    await form.getByLabel('Correction note').fill('An earlier version named the wrong port.');
    await desk.keyboard.press('Control+Enter');
    await form.waitFor({ state: 'detached' });
    await item.getByText('Buses replace them.').waitFor();
    await item.getByText('Correction: An earlier version named the wrong port.').waitFor();

    // Olena opens the editor again; Bohdan changes the update meanwhile; her save is refused.
    await item.getByRole('button', { name: 'Edit' }).click();
    await desk.keyboard.type(' Later text.');
    const otherItem = feedItem(other, 'Buses replace them.');
    await otherItem.waitFor();
    await otherItem.getByRole('button', { name: 'Mark key event' }).click();
    await otherItem.locator('.live-flag-key').waitFor();
    await form.getByRole('button', { name: 'Save changes' }).click();
    await form.getByRole('alert').filter({ hasText: 'Someone else changed this update' }).waitFor();
    await form.getByRole('button', { name: 'Cancel' }).click();
    // After the reload the feed shows Bohdan's version, and editing again works.
    await item.locator('.live-flag-key').waitFor();

    await item.getByRole('button', { name: 'History' }).click();
    const history = desk.getByRole('dialog', { name: 'Update history' });
    await history.getByText(/^Version 3 /).waitFor();
    assert.ok((await history.locator('li').count()) >= 3);
    await history.getByRole('button', { name: 'Close' }).click();
  });

  it('deletes an update after asking', async () => {
    const item = feedItem(desk, 'Wire report 31.');
    await item.getByRole('button', { name: 'Delete' }).click();
    const dialog = desk.getByRole('dialog', { name: 'Delete this update?' });
    await dialog.getByRole('button', { name: 'Delete update' }).click();
    await dialog.waitFor({ state: 'detached' });
    await feedItem(desk, 'Wire report 31.').waitFor({ state: 'detached' });
    await feedItem(other, 'Wire report 31.').waitFor({ state: 'detached', timeout: 15_000 });
  });

  it('lays the desk out for a phone: stacked, no sideways scrolling, big targets, axe-clean', async () => {
    const width = await other.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `no horizontal scroll (scrollWidth ${width})`);
    const post = await other.getByRole('button', { name: 'Post update' }).boundingBox();
    assert.ok(post && post.height >= 44 && post.width >= 300, 'a wide Post button');
    const compose = await other.locator('.live-compose').boundingBox();
    const feed = await other.locator('.live-feed').boundingBox();
    assert.ok(compose && feed && feed.y > compose.y + compose.height - 1, 'feed below the box');
    assert.deepEqual(await axeViolations(other), [], 'axe on the desk on a phone');
    await other.evaluate(() => window.scrollTo(0, 0));
    await other.screenshot({ path: artifactPath('admin-live-desk-390.png') });
    await other.screenshot({ path: artifactPath('admin-live-desk-390-full.png'), fullPage: true });
  });

  it('ends the coverage and reopens it; the other desk sees it', async () => {
    await desk.getByRole('button', { name: 'End the coverage' }).click();
    await desk.getByText('Ended: the page is kept', { exact: false }).waitFor();
    await other.getByText('Ended: the page is kept', { exact: false }).waitFor();
    await other.getByText('This coverage has ended.', { exact: false }).waitFor();
    await desk.getByRole('button', { name: 'Reopen the coverage' }).click();
    await desk.getByRole('button', { name: 'End the coverage' }).waitFor();
    await other.getByRole('button', { name: 'End the coverage' }).waitFor();
  });

  it('the article list shows LIVE and a link to the desk', async () => {
    await desk.goto(`${server.baseUrl}/admin/articles`);
    const row = desk.locator('.article-list li', { hasText: 'Storm latest' });
    await row.locator('.live-badge').waitFor();
    await row.getByRole('link', { name: /Live desk/ }).click();
    await desk.getByRole('heading', { level: 1, name: /Live desk/ }).waitFor();
  });

  it('a contributor writes a draft; posting shows the server’s refusal', async () => {
    const page = await pageFor(petro, { width: 1280, height: 900 });
    await page.goto(`${server.baseUrl}/admin/articles/${articleId}/live`);
    await page.getByRole('textbox', { name: 'Update text' }).click();
    await page.keyboard.type('Photos from the harbour.');
    await page.keyboard.press('Control+Enter');
    await page
      .getByRole('alert')
      .filter({ hasText: /Contributors can save drafts/ })
      .waitFor();
    // The text is back in the box and kept as a draft.
    await page.getByText(/^Draft saved \d/).waitFor();
    assert.match(
      (await page.getByRole('textbox', { name: 'Update text' }).textContent()) ?? '',
      /Photos from the harbour\./,
    );
  });
});
