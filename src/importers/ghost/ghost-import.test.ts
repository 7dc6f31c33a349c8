import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { findArticleBySlug } from '../../content/article.repository.js';
import { describeEachDialect } from '../../platform/db/test-databases.js';
import { buildTestApp, type TestApp, testEvents } from '../../test-support/test-app.js';
import { importGhost, type GhostImportDeps } from './ghost-import.js';
import { GhostExportError, GhostRowScanner } from './json-rows.js';

const fixture = new URL('../../../test/fixtures/ghost/export.json', import.meta.url).pathname;

it('reads rows the same whether the JSON comes whole or one character at a time', () => {
  const json = readFileSync(fixture, 'utf8');
  const whole = new GhostRowScanner(new Set(['posts', 'tags']));
  whole.write(json);
  whole.end();
  const pieces = new GhostRowScanner(new Set(['posts', 'tags']));
  for (const char of json) pieces.write(char);
  pieces.end();
  const rows = whole.take();
  assert.equal(rows.filter((r) => r.table === 'posts').length, 3);
  assert.equal(rows.filter((r) => r.table === 'tags').length, 2);
  assert.deepEqual(pieces.take(), rows);
});

describeEachDialect('Ghost import', (getDatabase) => {
  let t: TestApp;
  let deps: GhostImportDeps;
  const scratch = mkdtempSync(join(tmpdir(), 'masthead-ghost-'));
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

  it('refuses truncated or foreign files and imports nothing from them', async () => {
    const json = readFileSync(fixture, 'utf8');
    const cut = join(scratch, 'cut.json');
    writeFileSync(cut, json.slice(0, json.indexOf('"posts_authors"')));
    await assert.rejects(importGhost(deps, cut), (error: unknown) => {
      assert.ok(error instanceof GhostExportError);
      assert.match(error.message, /truncated/);
      return true;
    });
    const other = join(scratch, 'other.json');
    writeFileSync(other, '{"posts": []}');
    await assert.rejects(importGhost(deps, other), /not a Ghost export/);
    const count = await getDatabase()
      .db.selectFrom('articles')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 0);
  });

  it('imports posts from their HTML with authors in order, public tags, images and dates', async () => {
    const report = await importGhost(deps, fixture);
    assert.equal(report.imported, 2);
    assert.deepEqual(report.byStatus, { published: 1, draft: 1 });
    assert.ok([...report.skipped.keys()].some((r) => r.startsWith('pages')));

    const article = await findArticleBySlug(getDatabase().db, 'prisoner-exchange-215');
    assert.ok(article);
    assert.equal(article.title, 'Prisoner exchange brings home 215 "POWs"');
    assert.equal(article.published_at, '2022-09-21T19:05:00.000Z');
    assert.equal(article.excerpt, 'The largest exchange of the war so far.');
    assert.equal(article.featured_image_alt, 'Families waiting at the border');
    assert.equal(article.featured_image_caption, 'Photo: Ledger staff');

    const page = await t.app.inject({ method: 'GET', url: '/prisoner-exchange-215/' });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<strong>215<\/strong>/);
    assert.match(page.body, /<h2[^>]*>Who came back<\/h2>/);
    assert.match(page.body, /<li>(<p>)?Defenders of Azovstal/);
    assert.match(page.body, /alt="Buses at the border"/);
    assert.ok(!page.body.includes('<script>alert(1)'), 'HTML cards are not trusted');
    assert.match(
      page.body,
      /class="byline">By <a[^>]*>Iryna &quot;Ira&quot; Bondar<\/a> and <a[^>]*>News Desk</,
      'authors keep their order',
    );
    assert.match(page.body, />Ukraine news</);
    assert.ok(!page.body.includes('#digest'), 'internal tags stay internal');

    const again = await importGhost(deps, fixture);
    assert.equal(again.imported, 0);
    assert.equal(again.skipped.get('already imported by an earlier run')?.count, 2);
  });
});
