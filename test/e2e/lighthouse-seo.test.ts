import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import sharp from 'sharp';
import { createTestDatabase, type TestDatabase } from '../../src/platform/db/test-databases.js';
import { buildTestApp, buildToken, type TestApp } from '../../src/test-support/test-app.js';
import { browserSkipReason, chromiumPath } from './support/browser.js';
import { freePort } from './support/server.js';

const skip = browserSkipReason();

/** A 1600×900 photo-like JPEG, so the article has a featured image (and `image-alt` applies). */
function makePhoto(): Promise<Buffer> {
  const svg = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="900"><rect width="1600" height="900" fill="#1d4e89"/><circle cx="1200" cy="250" r="140" fill="#fff8e7"/></svg>`,
  );
  return sharp(svg).jpeg({ quality: 85 }).toBuffer();
}

/**
 * Google Lighthouse 12 (a third-party auditor, not our own opinion) runs its SEO category
 * against a published article served by the whole app on 127.0.0.1, in Debian's Chromium.
 * One Lighthouse run only: it takes tens of seconds on the 2-core CI machine.
 */
describe('Lighthouse SEO on the article page', { skip }, () => {
  let database: TestDatabase;
  let t: TestApp;
  let baseUrl = '';
  let articleUrl = '';

  before(async () => {
    database = await createTestDatabase('sqlite');
    // The base URL is the one Chromium loads, so canonical and hreflang URLs point at this server.
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    t = await buildTestApp(database, { baseUrl });
    await t.app.listen({ host: '127.0.0.1', port });
    const token = await buildToken(database, 'editor');
    const form = new FormData();
    form.append(
      'file',
      new Blob([new Uint8Array(await makePhoto())], { type: 'image/jpeg' }),
      'reservoir.jpg',
    );
    form.append('alt', 'The reservoir at dawn');
    const uploaded = await fetch(`${baseUrl}/api/admin/media`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    assert.equal(uploaded.status, 201, await uploaded.clone().text());
    const { media } = (await uploaded.json()) as { media: { id: number } };
    const created = await fetch(`${baseUrl}/api/admin/articles`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        title: 'City council approves new water reservoir for the eastern districts',
        excerpt: 'The reservoir will supply 40,000 homes from 2028.',
        authors: ['Olena Shevchuk'],
        tags: ['City council', 'Water'],
        status: 'published',
        featured_media_id: media.id,
        featured_image_alt: 'The reservoir site at dawn',
        html: '<p>The council voted 31 to 4 on Tuesday.</p><p>Construction starts in spring, the mayor said.</p>',
      }),
    });
    assert.equal(created.status, 201, await created.clone().text());
    const { article } = (await created.json()) as { article: { slug: string } };
    articleUrl = `${baseUrl}/${article.slug}/`;
  });

  after(async () => {
    await t?.close();
    await database?.cleanup();
  });

  it('scores 100 in the SEO category, and Chromium requests nothing off this machine', async () => {
    const chrome = await chromeLauncher.launch({
      chromePath: chromiumPath,
      chromeFlags: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    try {
      const result = await lighthouse(articleUrl, {
        port: chrome.port,
        onlyCategories: ['seo'],
        logLevel: 'error',
        output: 'json',
      });
      assert.ok(result, 'Lighthouse returned a result');
      const { lhr, artifacts } = result;
      assert.equal(lhr.runtimeError, undefined, JSON.stringify(lhr.runtimeError));
      const seo = lhr.categories.seo;
      assert.ok(seo, 'the SEO category ran');
      const failing = seo.auditRefs
        .flatMap((ref) => lhr.audits[ref.id] ?? [])
        .filter((audit) => audit.score !== null && audit.score < 1)
        .map(
          (audit) =>
            `${audit.id}: ${audit.title} ${audit.explanation ?? ''} ${JSON.stringify(audit.details ?? {}).slice(0, 600)}`,
        );
      assert.deepEqual(failing, [], 'failing SEO audits');
      assert.equal(seo.score, 1, `SEO score ${seo.score}`);
      // The featured image was on the page, so the alt-text audit really ran.
      assert.equal(lhr.audits['image-alt']?.score, 1, 'image-alt applied and passed');

      const requested = artifacts.DevtoolsLog.filter(
        (event) => event.method === 'Network.requestWillBeSent',
      ).map((event) => (event.params as { request: { url: string } }).request.url);
      assert.ok(requested.includes(articleUrl), 'the article itself was loaded');
      // Lighthouse reads robots.txt from the page's own origin (outside the page's network log).
      assert.equal(artifacts.RobotsTxt.status, 200, 'robots.txt came from our server');
      assert.match(artifacts.RobotsTxt.content ?? '', /Sitemap: /);
      const offMachine = requested.filter(
        (url) => !url.startsWith(`${baseUrl}/`) && !/^(data|blob|chrome|about):/.test(url),
      );
      assert.deepEqual(offMachine, [], 'requests that left 127.0.0.1');
    } finally {
      chrome.kill();
    }
  });
});
