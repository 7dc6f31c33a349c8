import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import sharp from 'sharp';
import { createTestDatabase, type TestDatabase } from '../../src/platform/db/test-databases.js';
import { buildTestApp, buildToken, type TestApp } from '../../src/test-support/test-app.js';
import { artifactPath, browserSkipReason, launchBrowser } from './support/browser.js';

const skip = browserSkipReason();

// A photo-like test image: a gradient with a few shapes, so a screenshot shows it clearly.
async function makePhoto(): Promise<Buffer> {
  const svg = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="900"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#1d4e89"/><stop offset="1" stop-color="#f2c14e"/></linearGradient></defs><rect width="1600" height="900" fill="url(#g)"/><circle cx="1200" cy="250" r="140" fill="#fff8e7"/><rect x="0" y="650" width="1600" height="250" fill="#2d6a4f"/></svg>`,
  );
  return sharp(svg).jpeg({ quality: 90 }).toBuffer();
}

// The whole app (real SQLite, real files in a temporary DATA_DIR) listening on a real port.
describe('media library image on a public article in Chromium', { skip }, () => {
  let database: TestDatabase;
  let t: TestApp;
  let browser: Browser;
  let token = '';
  let baseUrl = '';

  before(async () => {
    database = await createTestDatabase('sqlite');
    t = await buildTestApp(database);
    baseUrl = (await t.app.listen({ host: '127.0.0.1', port: 0 })).replace(
      'localhost',
      '127.0.0.1',
    );
    token = await buildToken(database, 'editor');
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await t?.close();
    await database?.cleanup();
  });

  it('uploads a JPEG, publishes an article with it, and Chromium loads an AVIF/WebP source', async () => {
    const form = new FormData();
    form.append(
      'file',
      new Blob([new Uint8Array(await makePhoto())], { type: 'image/jpeg' }),
      'sunrise.jpg',
    );
    form.append('alt', 'Sunrise over the fields');
    form.append('credit', 'Test Desk');
    const uploaded = await fetch(`${baseUrl}/api/admin/media`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    assert.equal(uploaded.status, 201, await uploaded.clone().text());
    const { media } = (await uploaded.json()) as { media: { id: number; url: string } };
    const created = await fetch(`${baseUrl}/api/admin/articles`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        title: 'Harvest begins under a clear sky',
        excerpt: 'Farmers start early.',
        status: 'published',
        featured_media_id: media.id,
        featured_image_alt: 'Sunrise over the fields',
        featured_image_caption: 'The first morning of the harvest.',
        doc: {
          type: 'doc',
          content: [
            {
              type: 'paragraph',
              content: [{ type: 'text', text: 'The combines rolled out at dawn.' }],
            },
            {
              type: 'image',
              attrs: {
                src: media.url,
                alt: 'The same fields, later',
                caption: 'Noon.',
                credit: '',
                mediaId: media.id,
              },
            },
            {
              type: 'paragraph',
              content: [{ type: 'text', text: 'By noon, the first field was done.' }],
            },
          ],
        },
      }),
    });
    assert.equal(created.status, 201, await created.clone().text());
    const { article } = (await created.json()) as { article: { slug: string } };
    const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/${article.slug}/`);
    const featured = page.locator('figure.featured picture img');
    await featured.waitFor();
    const loaded = await featured.evaluate((img: HTMLImageElement) =>
      img.decode().then(() => ({ src: img.currentSrc, width: img.naturalWidth })),
    );
    assert.match(loaded.src, /\/media\/[0-9a-f]{2}\/[0-9a-f]{64}-\d+\.(avif|webp)$/, loaded.src);
    assert.ok(loaded.width >= 640, `loaded a ${loaded.width}px wide variant`);
    await page.locator('.article__body picture img').scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifactPath('media-article-1280.png'), fullPage: true });
    await context.close();
  });
});
