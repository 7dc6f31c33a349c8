import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { buildAdminUi, signIn, startAdminTestServer } from './support/admin.js';
import { artifactPath, browserSkipReason, launchBrowser } from './support/browser.js';
import { type RunningServer, seededAdmin } from './support/server.js';

const skip = browserSkipReason();
const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(wcagTags).analyze();
  return results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
}

describe('admin editor in Chromium: write, publish, read, come back', { skip }, () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let articleId = 0;
  let slug = '';
  const otherTitle = { title: '', slug: '' };

  before(async () => {
    buildAdminUi();
    server = await startAdminTestServer();
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(10_000);
    page = await context.newPage();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('serves the app shell with no-store, a strict CSP and immutable hashed assets', async () => {
    const response = await fetch(`${server.baseUrl}/admin/articles/1/edit`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    const csp = response.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.match(csp, /frame-ancestors 'none'/);
    const html = await response.text();
    const asset = /src="(\/admin\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    assert.ok(asset, 'index.html loads a hashed script');
    const script = await fetch(`${server.baseUrl}${asset}`);
    assert.equal(script.status, 200);
    assert.match(script.headers.get('cache-control') ?? '', /immutable/);
    assert.equal((await fetch(`${server.baseUrl}/admin/assets/..%2Fpackage.json`)).status, 404);
  });

  it('the sign-in page has no axe-core WCAG 2.2 AA violations and signs in', async () => {
    await page.goto(`${server.baseUrl}/admin/`);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    assert.deepEqual(await axeViolations(page), [], 'axe on sign-in');
    await page.screenshot({ path: artifactPath('admin-signin-1280.png') });
    const admin = seededAdmin(server);
    await signIn(page, server.baseUrl, admin.email, admin.password);
    const cookies = await context.cookies();
    assert.ok(cookies.some((c) => c.name === 'masthead_staff' && c.value === '1'));
  });

  it('the article list has no axe violations and lists the seeded articles', async () => {
    const first = page.locator('.article-list .article-title').first();
    await first.waitFor();
    otherTitle.title = (await first.textContent()) ?? '';
    assert.ok(otherTitle.title.length > 0);
    assert.deepEqual(await axeViolations(page), [], 'axe on the article list');
    await page.screenshot({ path: artifactPath('admin-list-1280.png'), fullPage: true });
  });

  it('writes an article with a heading, bold text, an internal link and an image, and publishes it', async () => {
    await page.getByRole('link', { name: 'New article' }).click();
    await page.getByLabel('Headline').fill('Council approves the river park');
    await page.getByRole('button', { name: 'Start writing' }).click();
    const body = page.getByRole('textbox', { name: 'Article body' });
    await body.waitFor();
    articleId = Number(/articles\/(\d+)\/edit/.exec(page.url())?.[1]);
    assert.ok(articleId > 0);

    await page
      .getByLabel('Standfirst')
      .fill('After two years of hearings, the vote was unanimous.');
    await body.click();
    await page.getByRole('button', { name: 'Heading 2' }).click();
    await page.keyboard.type('What changes');
    await page.keyboard.press('Enter');
    await page.keyboard.type('The park opens in spring and it is ');
    await page.keyboard.press('Control+b');
    await page.keyboard.type('free for everyone');
    await page.keyboard.press('Control+b');
    await page.keyboard.type('. Read also ');

    // The link dialog searches the newsroom's own articles and makes an internal link.
    await page.getByRole('button', { name: 'Link', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Insert link' });
    await dialog.getByLabel('Search our articles').fill(otherTitle.title.slice(0, 12));
    await dialog
      .locator('.results li', { hasText: otherTitle.title })
      .getByRole('button', { name: /Link to this article/ })
      .click();
    await dialog.waitFor({ state: 'detached' });
    await page.keyboard.press('End');
    await page.keyboard.type('.');

    // An image uploaded through the library dialog, with alt text.
    const png = await sharp({
      create: { width: 640, height: 360, channels: 3, background: '#3a7bd5' },
    })
      .png()
      .toBuffer();
    await page.getByRole('button', { name: 'Image', exact: true }).click();
    const picker = page.getByRole('dialog', { name: 'Insert image' });
    await picker.getByLabel('Image file').setInputFiles({
      name: 'river.png',
      mimeType: 'image/png',
      buffer: png,
    });
    await picker.getByLabel('Alt text').fill('The river bank at dusk');
    await picker.getByLabel('Credit').fill('Photo: Desk');
    await picker.getByRole('button', { name: 'Upload image' }).click();
    await picker.getByRole('button', { name: 'Use this image' }).click();
    await picker.waitFor({ state: 'detached' });
    await page.locator('.prose figure img[alt="The river bank at dusk"]').waitFor();

    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText(/^Saved \d/).waitFor();
    const words = await page.locator('.stats').textContent();
    assert.match(words ?? '', /\d+ words · 1 min read/);
    assert.deepEqual(await axeViolations(page), [], 'axe on the editor');
    await page.screenshot({ path: artifactPath('admin-editor-1280.png'), fullPage: true });

    await page.getByRole('button', { name: 'Publish now' }).click();
    await page.getByRole('status').filter({ hasText: 'Published.' }).waitFor();
    slug = (await page.getByLabel('Slug').inputValue()).trim();
    assert.equal(slug, 'council-approves-the-river-park');
  });

  it('renders the published article on the public site with the same structure', async () => {
    const other = await (
      await fetch(`${server.baseUrl}/api/admin/articles/${articleId}`, {
        headers: {
          cookie: (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; '),
        },
      })
    ).json();
    const linkMark = JSON.stringify(other.article.doc).match(/"articleId":(\d+)/);
    assert.ok(linkMark, 'the stored document has an internal link with an articleId');

    await page.goto(`${server.baseUrl}/${slug}/`);
    assert.equal(await page.locator('article h2', { hasText: 'What changes' }).count(), 1);
    assert.equal(await page.locator('article strong', { hasText: 'free for everyone' }).count(), 1);
    const href = await page
      .locator('article a', { hasText: otherTitle.title })
      .first()
      .getAttribute('href');
    assert.match(href ?? '', /^\/[a-z0-9-]+\/$/, 'internal link to the other article');
    assert.equal(await page.locator('article img[alt="The river bank at dusk"]').count(), 1);
    await page.screenshot({ path: artifactPath('admin-published-article-1280.png') });
  });

  it('"Edit post" on the public page opens this article in the editor', async () => {
    await page.getByRole('link', { name: 'Edit post' }).click();
    await page.waitForURL(`**/admin/articles/${articleId}/edit`);
    await page.getByRole('textbox', { name: 'Article body' }).waitFor();
    assert.equal(await page.getByLabel('Headline').inputValue(), 'Council approves the river park');
  });

  it('"Edit post" while signed out goes through sign-in and back to the editor', async () => {
    const fresh = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const other = await fresh.newPage();
    await other.goto(`${server.baseUrl}/admin/articles/${articleId}/edit`);
    const admin = seededAdmin(server);
    await other.getByLabel('Email').fill(admin.email);
    await other.getByLabel('Password').fill(admin.password);
    await other.getByRole('button', { name: 'Sign in' }).click();
    await other.getByRole('textbox', { name: 'Article body' }).waitFor();
    assert.match(other.url(), new RegExp(`/admin/articles/${articleId}/edit$`));
    await fresh.close();
  });

  it('keeps screenshots of the main screens at 1280 and 375 px', async () => {
    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: 900 });
      for (const [name, path, ready] of [
        ['list', '/admin/articles', '.article-list'],
        ['editor', `/admin/articles/${articleId}/edit`, '.prose'],
        ['media', '/admin/media', '.media-library'],
        ['settings', '/admin/settings', 'form'],
      ] as const) {
        await page.goto(`${server.baseUrl}${path}`);
        await page.locator(ready).first().waitFor();
        await page.waitForLoadState('networkidle');
        await page.screenshot({ path: artifactPath(`admin-${name}-${width}.png`), fullPage: true });
      }
    }
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth > document.documentElement.clientWidth,
    );
    assert.equal(overflow, false, 'no horizontal scrolling at 375 px');
  });
});
