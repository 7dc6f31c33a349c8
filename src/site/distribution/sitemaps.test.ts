import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { XMLParser } from 'fast-xml-parser';
import { describeEachDialect } from '../../platform/db/test-databases.js';
import { writeSiteSettings } from '../../platform/settings/site-settings.js';
import { buildArticle, buildTestApp, type TestApp } from '../../test-support/test-app.js';
import { registerSitemapRoutes } from './sitemap.routes.js';

const xsdDir = new URL('../../../test/fixtures/xsd/', import.meta.url).pathname;
const parser = new XMLParser({
  ignoreAttributes: false,
  isArray: (name) => ['url', 'sitemap', 'image:image'].includes(name),
});
let workDir = '';
let fileCount = 0;

/** Validates with Debian's xmllint against the official schemas kept in test/fixtures/xsd. */
function assertValid(xml: string, schema: 'siteindex.xsd' | 'sitemap-with-extensions.xsd') {
  fileCount += 1;
  const file = join(workDir, `doc-${fileCount}.xml`);
  writeFileSync(file, xml);
  const result = spawnSync(
    '/usr/bin/xmllint',
    ['--noout', '--schema', join(xsdDir, schema), file],
    {
      encoding: 'utf8',
    },
  );
  assert.equal(
    result.status,
    0,
    `xmllint rejected the document:\n${result.stderr}\n${xml.slice(0, 2000)}`,
  );
}

type Node = Record<string, unknown>;
const locs = (xml: string): string[] =>
  (((parser.parse(xml) as Node).urlset as Node).url as Node[]).map((u) => String(u.loc));

describeEachDialect('sitemaps and robots.txt', (getDatabase) => {
  let t: TestApp;
  let small: FastifyInstance;
  const published: Array<{ slug: string }> = [];
  let old: { slug: string };
  let draft: { slug: string };
  before(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'masthead-sitemaps-'));
    await writeSiteSettings(getDatabase().db, { name: 'Ledger & Sons', timeZone: 'Europe/Kyiv' });
    t = await buildTestApp(getDatabase());
    // A tiny page size so a handful of articles spans three pages, read in batches of 3.
    small = Fastify();
    registerSitemapRoutes(small, t.services, { pageSize: 4, batchSize: 3 });
    await small.ready();
    for (let i = 0; i < 9; i += 1) {
      published.push(
        await buildArticle(getDatabase(), {
          title: i === 0 ? `</script><!-- "Fish & chips" <b>` : `Sitemap story ${i}`,
          tags: [i % 2 === 0 ? 'Energy' : 'Sport'],
          authors: [i % 3 === 0 ? 'Olena Shevchuk' : 'Ivan Petrenko'],
          ...(i % 2 === 0
            ? {
                featured_image_url: `/media/photo-${i}.jpg?size=large&crop=1`,
                featured_image_alt: 'A photo',
              }
            : {}),
        }),
      );
    }
    old = await buildArticle(getDatabase(), {
      title: 'Three days old',
      published_at: new Date(Date.now() - 3 * 86400_000).toISOString(),
    });
    published.push(old);
    draft = await buildArticle(getDatabase(), { title: 'Not yet', status: 'draft' });
  });
  after(async () => {
    await small.close();
    await t.close();
    rmSync(workDir, { recursive: true, force: true });
  });

  it('pages every published article exactly once across streamed, schema-valid sitemaps', async () => {
    const index = await small.inject({ method: 'GET', url: '/sitemap.xml' });
    assert.equal(index.statusCode, 200);
    assert.equal(index.headers['content-type'], 'application/xml; charset=utf-8');
    assertValid(index.body, 'siteindex.xsd');
    const children = (
      ((parser.parse(index.body) as Node).sitemapindex as Node).sitemap as Node[]
    ).map((s) => String(s.loc));
    assert.deepEqual(children, [
      'http://news.test/sitemaps/pages.xml',
      'http://news.test/sitemaps/articles-1.xml',
      'http://news.test/sitemaps/articles-2.xml',
      'http://news.test/sitemaps/articles-3.xml',
    ]);
    const seen: string[] = [];
    for (const child of children.slice(1)) {
      const page = await small.inject({ method: 'GET', url: new URL(child).pathname });
      assert.equal(page.statusCode, 200);
      assertValid(page.body, 'sitemap-with-extensions.xsd');
      const urls = locs(page.body);
      assert.ok(urls.length <= 4);
      seen.push(...urls);
    }
    assert.equal(seen.length, new Set(seen).size, 'no article twice');
    assert.deepEqual([...seen].sort(), published.map((a) => `http://news.test/${a.slug}/`).sort());
    assert.ok(!seen.includes(`http://news.test/${draft.slug}/`));
    assert.equal(
      (await small.inject({ method: 'GET', url: '/sitemaps/articles-4.xml' })).statusCode,
      404,
    );
    assert.equal(
      (await small.inject({ method: 'GET', url: '/sitemaps/articles-0.xml' })).statusCode,
      404,
    );
    assert.equal(
      (await small.inject({ method: 'GET', url: '/sitemaps/other.xml' })).statusCode,
      404,
    );
  });

  it('gives each URL a lastmod and its featured image, escaped', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/sitemaps/articles-1.xml' });
    assert.equal(page.statusCode, 200);
    assertValid(page.body, 'sitemap-with-extensions.xsd');
    const urls = ((parser.parse(page.body) as Node).urlset as Node).url as Node[];
    assert.equal(urls.length, published.length, 'one page at the real page size');
    for (const url of urls)
      assert.match(String(url.lastmod), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);
    const first = urls.find((u) => u.loc === `http://news.test/${published[0]?.slug}/`);
    assert.deepEqual(first?.['image:image'], [
      { 'image:loc': 'http://news.test/media/photo-0.jpg?size=large&crop=1' },
    ]);
    assert.match(page.body, /photo-0\.jpg\?size=large&amp;crop=1/);
  });

  it('lists home, tags and authors in the pages sitemap', async () => {
    const pages = await t.app.inject({ method: 'GET', url: '/sitemaps/pages.xml' });
    assertValid(pages.body, 'sitemap-with-extensions.xsd');
    const urls = locs(pages.body);
    assert.equal(urls[0], 'http://news.test/');
    for (const expected of [
      'http://news.test/tag/energy/',
      'http://news.test/tag/sport/',
      'http://news.test/author/olena-shevchuk/',
      'http://news.test/author/ivan-petrenko/',
    ])
      assert.ok(urls.includes(expected), expected);
  });

  it('the News sitemap holds only the last 48 hours, with publication, date and title', async () => {
    const news = await t.app.inject({ method: 'GET', url: '/sitemap-news.xml' });
    assert.equal(news.statusCode, 200);
    assertValid(news.body, 'sitemap-with-extensions.xsd');
    const urls = ((parser.parse(news.body) as Node).urlset as Node).url as Node[];
    const found = urls.map((u) => String(u.loc));
    assert.ok(!found.includes(`http://news.test/${old.slug}/`), 'three days old is left out');
    assert.ok(!found.includes(`http://news.test/${draft.slug}/`));
    assert.equal(found.length, 9);
    const entry = urls.find((u) => u.loc === `http://news.test/${published[0]?.slug}/`);
    const item = entry?.['news:news'] as Node;
    assert.deepEqual(item['news:publication'], {
      'news:name': 'Ledger & Sons',
      'news:language': 'en',
    });
    // A live coverage stays in the News sitemap while it runs, however long ago it started.
    const live = await buildArticle(getDatabase(), {
      title: 'A week of live coverage',
      published_at: new Date(Date.now() - 7 * 86400_000).toISOString(),
    });
    const now = new Date().toISOString();
    await getDatabase()
      .db.insertInto('live_coverages')
      .values({ article_id: live.id, started_at: now, ended_at: null, updated_at: now })
      .execute();
    t.services.pageCache.purgeKeys(['all']);
    const withLive = await t.app.inject({ method: 'GET', url: '/sitemap-news.xml' });
    assert.match(withLive.body, new RegExp(`<loc>http://news.test/${live.slug}/</loc>`));
    assert.equal(item['news:title'], `</script><!-- "Fish & chips" <b>`);
    assert.match(
      String(item['news:publication_date']),
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/,
    );
  });

  it('robots.txt names the sitemaps and keeps crawlers out of the admin', async () => {
    const robots = await t.app.inject({ method: 'GET', url: '/robots.txt' });
    assert.equal(robots.statusCode, 200);
    assert.equal(robots.headers['content-type'], 'text/plain; charset=utf-8');
    const lines = robots.body.split('\n');
    for (const line of [
      'User-agent: *',
      'Disallow: /admin/',
      'Disallow: /api/admin/',
      'Sitemap: http://news.test/sitemap.xml',
      'Sitemap: http://news.test/sitemap-news.xml',
    ])
      assert.ok(lines.includes(line), line);
  });
});
