import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { findArticleBySlug } from '../../content/article.repository.js';
import { describeEachDialect } from '../../platform/db/test-databases.js';
import { buildTestApp, type TestApp, testEvents } from '../../test-support/test-app.js';
import { importWordPress, type WordPressImportDeps } from './wordpress-import.js';
import { WxrError } from './wxr-reader.js';

const fixture = new URL('../../../test/fixtures/wordpress/export.xml', import.meta.url).pathname;

describeEachDialect('WordPress import', (getDatabase) => {
  let t: TestApp;
  let deps: WordPressImportDeps;
  const scratch = mkdtempSync(join(tmpdir(), 'masthead-wxr-'));
  before(async () => {
    t = await buildTestApp(getDatabase());
    deps = {
      db: getDatabase().db,
      now: () => new Date('2026-11-25T10:00:00Z'),
      timeZone: 'Europe/Kyiv',
      internalHosts: ['news.test'],
      events: testEvents(),
    };
  });
  after(() => t.close());

  const countArticles = async () =>
    Number(
      (
        await getDatabase()
          .db.selectFrom('articles')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('refuses a truncated export and imports nothing from it', async () => {
    const text = readFileSync(fixture, 'utf8');
    const cut = join(scratch, 'cut.xml');
    writeFileSync(cut, text.slice(0, text.indexOf('<wp:post_id>103</wp:post_id>')));
    await assert.rejects(importWordPress(deps, cut), (error: unknown) => {
      assert.ok(error instanceof WxrError);
      assert.match(error.message, /truncated/);
      return true;
    });
    assert.equal(
      await countArticles(),
      0,
      'the two complete posts before the cut were rolled back',
    );

    const notWxr = join(scratch, 'page.html');
    writeFileSync(notWxr, '<html><body><p>hello</p></body></html>');
    await assert.rejects(importWordPress(deps, notWxr), /not a WordPress export/);
    const plainRss = join(scratch, 'feed.xml');
    writeFileSync(plainRss, '<rss version="2.0"><channel><title>x</title></channel></rss>');
    await assert.rejects(importWordPress(deps, plainRss), /not a WordPress export/);
  });

  it('imports posts with slugs, dates, statuses, people, tags, content and featured images', async () => {
    const report = await importWordPress(deps, fixture);
    assert.equal(report.imported, 3);
    assert.deepEqual(report.byStatus, { published: 2, draft: 1 });
    assert.equal(report.featuredImages, 1);
    const reasons = [...report.skipped.keys()];
    assert.ok(
      reasons.some((r) => r.startsWith('page items')),
      reasons.join('; '),
    );
    assert.ok(
      reasons.some((r) => r.includes('trash')),
      reasons.join('; '),
    );

    const db = getDatabase().db;
    const winter = await findArticleBySlug(db, 'kyiv-prepares-for-winter');
    assert.ok(winter);
    assert.equal(winter.title, 'Kyiv prepares for winter & blackouts');
    assert.equal(winter.status, 'published');
    assert.equal(winter.published_at, '2022-10-06T12:33:00.000Z');
    assert.equal(winter.excerpt, 'The city is ready, engineers say.');
    assert.equal(
      winter.featured_image_url,
      'https://old.kyivledger.example/wp-content/uploads/2022/10/grid.jpg',
    );
    assert.equal(winter.featured_image_alt, 'A substation at dusk');

    const page = await t.app.inject({ method: 'GET', url: '/kyiv-prepares-for-winter/' });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<h2[^>]*>What comes next<\/h2>/);
    assert.match(page.body, /<strong>Oct\. 6<\/strong>/);
    assert.match(page.body, /alt="A substation at dusk"/);
    assert.match(page.body, /href="https:\/\/example\.org\/report"/);
    assert.match(page.body, /Olena Kovalenko/);
    assert.match(page.body, />Ukraine</);
    assert.match(page.body, />Energy</);
    assert.ok(!page.body.includes('wp:paragraph'), 'block comments are not content');

    const classic = await t.app.inject({ method: 'GET', url: '/classic-post/' });
    assert.equal(classic.statusCode, 200);
    assert.match(classic.body, /<p>First paragraph of a classic post\.<\/p>/);
    assert.match(classic.body, /Second paragraph,<br>/);
    assert.match(classic.body, /News Desk/);
    assert.ok(!classic.body.includes('Uncategorized'));

    const drafts = await db
      .selectFrom('articles')
      .select(['status', 'published_at'])
      .where('title', '=', 'An unfinished draft')
      .execute();
    assert.deepEqual(drafts, [{ status: 'draft', published_at: null }]);
  });

  it('keeps old permalinks working with a 301', async () => {
    const old = await t.app.inject({
      method: 'GET',
      url: '/2022/10/06/kyiv-prepares-for-winter/',
    });
    assert.equal(old.statusCode, 301);
    assert.equal(old.headers.location, '/kyiv-prepares-for-winter/');
    const unknown = await t.app.inject({ method: 'GET', url: '/2022/10/06/never-existed/' });
    assert.equal(unknown.statusCode, 404);
  });

  it('adds nothing twice when run again', async () => {
    const before = await countArticles();
    const again = await importWordPress(deps, fixture);
    assert.equal(again.imported, 0);
    assert.equal(again.skipped.get('already imported by an earlier run')?.count, 3);
    assert.equal(await countArticles(), before);
  });
});
