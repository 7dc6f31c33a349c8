import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, it } from 'node:test';
import sharp from 'sharp';
import { describeEachDialect } from '../../platform/db/test-databases.js';
import { writeSiteSettings } from '../../platform/settings/site-settings.js';
import { makePng, multipart } from '../../media/test-support/media-fixtures.js';
import { buildTestApp, buildToken, type TestApp } from '../../test-support/test-app.js';

// structured-data-testing-tool (a third-party checker with Google's Article/NewsArticle and
// Organization presets and the Twitter/Facebook card presets) ships no type declarations.
interface SdttTest {
  test: string;
  description?: string;
  group?: string;
  schema?: string;
  value?: unknown;
}
interface SdttResult {
  passed: SdttTest[];
  failed: SdttTest[];
  warnings: SdttTest[];
  schemas: string[];
  structuredData: { jsonld: Record<string, unknown[]> };
}
interface SdttPreset {
  name: string;
}
const require = createRequire(import.meta.url);
const { structuredDataTest } = require('structured-data-testing-tool') as {
  structuredDataTest(input: Buffer, options: object): Promise<SdttResult>;
};
const presets = require('structured-data-testing-tool/presets') as Record<string, SdttPreset>;

/**
 * Runs the tool on a page's markup. The HTML goes in as a Buffer: given a string that looks like
 * a URL the tool would fetch it, and a test must not touch the network.
 */
async function check(markup: string, options: object): Promise<SdttResult> {
  try {
    return await structuredDataTest(Buffer.from(markup, 'utf8'), options);
  } catch (error) {
    const failed = error as { type?: string; res?: SdttResult };
    if (failed.type === 'VALIDATION_FAILED' && failed.res) return failed.res;
    throw error;
  }
}

const describeTest = (t: SdttTest) => `${t.group ?? ''} ${t.description ?? t.test}`.trim();

describeEachDialect(
  'structured data against structured-data-testing-tool presets',
  (getDatabase) => {
    let t: TestApp;
    let slug = '';
    let articleId = 0;

    before(async () => {
      await writeSiteSettings(getDatabase().db, {
        name: 'The Ledger',
        timeZone: 'Europe/Kyiv',
        logoUrl: '/media/logo.png',
      });
      t = await buildTestApp(getDatabase());
      const token = await buildToken(getDatabase(), 'editor');
      const upload = multipart(
        {},
        { name: 'lead.png', type: 'image/png', data: await makePng(1600, 900) },
      );
      const uploaded = await t.app.inject({
        method: 'POST',
        url: '/api/admin/media',
        headers: { ...upload.headers, authorization: `Bearer ${token}` },
        payload: upload.payload,
      });
      assert.equal(uploaded.statusCode, 201, uploaded.body);
      const media = (uploaded.json() as { media: { id: number } }).media;
      const created = await t.app.inject({
        method: 'POST',
        url: '/api/admin/articles',
        headers: { authorization: `Bearer ${token}` },
        payload: {
          title: 'Prisoners of war come home in the latest exchange',
          excerpt: 'An exchange of prisoners took place on Thursday after weeks of talks.',
          authors: ['Olena Shevchuk', 'The Ledger news desk'],
          tags: ['War'],
          status: 'published',
          featured_media_id: media.id,
          featured_image_alt: 'Buses at the border crossing',
          html: '<p>The buses crossed at dawn.</p><p>Families waited at the border.</p>',
        },
      });
      assert.equal(created.statusCode, 201, created.body);
      ({ slug, id: articleId } = (
        created.json() as { article: { slug: string; id: number } }
      ).article);
    });
    after(() => t.close());

    it("article page: Google's NewsArticle preset and the Twitter and Facebook presets pass", async () => {
      const page = await t.app.inject({ method: 'GET', url: `/${slug}/` });
      assert.equal(page.statusCode, 200);
      const google = presets.Google;
      const twitter = presets.Twitter;
      const facebook = presets.Facebook;
      assert.ok(
        google && twitter && facebook,
        'the tool ships its Google, Twitter and Facebook presets',
      );
      const result = await check(page.body, {
        presets: [google, twitter, facebook],
        schemas: ['NewsArticle', 'BreadcrumbList'],
      });
      assert.deepEqual(result.failed.map(describeTest), [], 'failed preset tests');
      // The only warnings allowed: the newsroom's X/Twitter handles, which it may not have.
      const warnings = result.warnings.map((w) => w.test);
      assert.deepEqual(
        warnings.filter((w) => !['"twitter:site"', '"twitter:creator"'].includes(w)),
        [],
        `preset warnings: ${warnings.join(', ')}`,
      );
      const ran = result.passed.map((p) => p.test.replace(/\[\d+\]/, '[*]'));
      // The preset's Google-required article properties were really checked (not skipped).
      for (const property of [
        'author',
        'datePublished',
        'headline',
        'image',
        'publisher.name',
        'publisher.logo.url',
        'dateModified',
        'mainEntityOfPage',
      ])
        assert.ok(ran.includes(`NewsArticle[*].${property}`), `checked NewsArticle ${property}`);
      assert.ok(ran.includes('"twitter:card"'), 'checked the Twitter card');
      assert.ok(ran.includes('"og:title"'), 'checked Open Graph');
    });

    it('NewsArticle.image lists 16:9, 4:3 and 1:1 crops; a narration adds an AudioObject', async () => {
      const newsArticle = (body: string) => {
        const blocks = [...body.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/gs)];
        const found = blocks
          .map((b) => JSON.parse(b[1] ?? 'null') as Record<string, unknown>)
          .find((d) => d['@type'] === 'NewsArticle');
        assert.ok(found, 'a NewsArticle block');
        return found;
      };
      const page = await t.app.inject({ method: 'GET', url: `/${slug}/` });
      const images = newsArticle(page.body).image as string[];
      assert.equal(images.length, 3);
      const sizes: string[] = [];
      for (const image of images) {
        const file = await t.app.inject({ method: 'GET', url: new URL(image).pathname });
        assert.equal(file.statusCode, 200, image);
        const { width, height } = await sharp(file.rawPayload).metadata();
        sizes.push(`${width}x${height}`);
      }
      // The 1600 × 900 original: 16:9 and 4:3 at 1200 px wide, 1:1 as wide as its height allows.
      assert.deepEqual(sizes, ['1200x675', '1200x900', '900x900']);

      const stamp = new Date().toISOString();
      // Publishing queued a narration; stand in for the worker having finished it.
      await getDatabase().db.deleteFrom('narrations').where('article_id', '=', articleId).execute();
      await getDatabase()
        .db.insertInto('narrations')
        .values({
          article_id: articleId,
          status: 'ready',
          error: '',
          file: 'narration-test.mp3',
          bytes: 1000,
          duration_ms: 185_400,
          paragraphs: '[]',
          engine: 'espeak-ng',
          voice: 'en',
          article_version: 1,
          created_at: stamp,
          updated_at: stamp,
        })
        .execute();
      await t.services.purger.purge([`article:${articleId}`]);
      const narrated = await t.app.inject({ method: 'GET', url: `/${slug}/` });
      assert.deepEqual(newsArticle(narrated.body).audio, {
        '@type': 'AudioObject',
        name: 'Prisoners of war come home in the latest exchange',
        contentUrl: 'http://news.test/audio/narration-test.mp3',
        encodingFormat: 'audio/mpeg',
        duration: 'PT3M5S',
        inLanguage: 'en',
      });
      const result = await check(narrated.body, {
        presets: [presets.Google],
        schemas: ['NewsArticle'],
        tests: [
          { test: 'NewsArticle[*].audio."@type"', expect: 'AudioObject', type: 'jsonld' },
          { test: 'NewsArticle[*].audio.contentUrl', type: 'jsonld' },
          { test: 'NewsArticle[*].audio.duration', expect: 'PT3M5S', type: 'jsonld' },
        ],
      });
      assert.deepEqual(result.failed.map(describeTest), [], 'failed preset tests');
    });

    it('home page: the NewsMediaOrganization and WebSite blocks parse, and the social presets pass', async () => {
      const page = await t.app.inject({ method: 'GET', url: '/' });
      assert.equal(page.statusCode, 200);
      const result = await check(page.body, {
        presets: [presets.Google, presets.Twitter, presets.Facebook],
        schemas: ['WebSite'],
        tests: [
          { test: 'WebSite[*].potentialAction."@type"', expect: 'SearchAction', type: 'jsonld' },
          { test: 'WebSite[*].url', type: 'jsonld' },
          { test: 'NewsMediaOrganization[*].name', expect: 'The Ledger', type: 'jsonld' },
          { test: 'NewsMediaOrganization[*].logo.url', type: 'jsonld' },
        ],
      });
      assert.deepEqual(result.failed.map(describeTest), [], 'failed preset tests');
      const ran = result.passed.map((p) => p.test);
      for (const test of [
        'WebSite[*].potentialAction."@type"',
        'NewsMediaOrganization[*].logo.url',
        '"twitter:image:alt"',
        '"og:image:alt"',
      ])
        assert.ok(ran.includes(test), `${test} checked and passed: ${ran.join(', ')}`);
    });

    it('a live coverage is a LiveBlogPosting with its updates (coverage times, headline, body, dates)', async () => {
      const token = await buildToken(getDatabase(), 'editor');
      const headers = { authorization: `Bearer ${token}` };
      const started = await t.app.inject({
        method: 'PUT',
        url: `/api/admin/articles/${articleId}/live`,
        headers,
        payload: { state: 'live' },
      });
      assert.equal(started.statusCode, 200, started.body);
      for (const [headline, text] of [
        ['Buses reach Kyiv', 'The first buses reached Kyiv at noon.'],
        ['', 'Families are being reunited at the station.'],
      ])
        assert.equal(
          (
            await t.app.inject({
              method: 'POST',
              url: `/api/admin/articles/${articleId}/live/updates`,
              headers,
              payload: {
                headline,
                html: `<p>${text}</p>`,
                status: 'published',
                authors: ['Olena Shevchuk'],
              },
            })
          ).statusCode,
          201,
        );
      const page = await t.app.inject({ method: 'GET', url: `/${slug}/` });
      const tests = [
        'coverageStartTime',
        'dateModified',
        'headline',
        'publisher.logo.url',
        'author',
      ]
        .map((property) => ({ test: `LiveBlogPosting[*].${property}`, type: 'jsonld' }))
        .concat(
          ['headline', 'datePublished', 'dateModified', 'articleBody', 'url', 'author'].map(
            (property) => ({
              test: `LiveBlogPosting[*].liveBlogUpdate[1].${property}`,
              type: 'jsonld',
            }),
          ),
        );
      const result = await check(page.body, {
        presets: [presets.Twitter, presets.Facebook],
        schemas: ['LiveBlogPosting', 'BreadcrumbList'],
        // A copy: the tool adds its presets' tests to the array it is given.
        tests: [...tests],
      });
      assert.deepEqual(result.failed.map(describeTest), [], 'failed tests');
      const ran = result.passed.map((p) => p.test);
      for (const test of tests) assert.ok(ran.includes(test.test), `${test.test} checked`);
    });

    it('the tool fails a NewsArticle without its required properties (it can fail)', async () => {
      const broken = `<!doctype html><html><head><title>x</title><script type="application/ld+json">${JSON.stringify(
        { '@context': 'https://schema.org', '@type': 'NewsArticle', headline: 'Only a headline' },
      )}</script></head><body></body></html>`;
      const result = await check(broken, { presets: [presets.Google] });
      const failed = result.failed.map((f) => f.test.replace(/\[\d+\]/, '[*]'));
      assert.ok(failed.includes('NewsArticle[*].author'), failed.join(', '));
      assert.ok(failed.includes('NewsArticle[*].publisher.logo.url'), failed.join(', '));
    });
  },
);
