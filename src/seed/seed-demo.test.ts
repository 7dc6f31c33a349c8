import assert from 'node:assert/strict';
import { testEvents } from '../test-support/test-app.js';
import { it } from 'node:test';
import { describeEachDialect } from '../platform/db/test-databases.js';
import { readSiteSettings } from '../platform/settings/site-settings.js';
import { allDemoArticles } from './demo-articles.js';
import { isDatabaseEmpty, seedDemoContent } from './seed-demo.js';

describeEachDialect('demo newsroom', (getDatabase) => {
  it('seeds ~30 articles, a desk, Editors’ Picks and settings, with every internal link resolved', async () => {
    const { db } = getDatabase();
    assert.ok(await isDatabaseEmpty(db));
    const { articles } = await seedDemoContent(db, {
      now: () => new Date(),
      timeZone: 'Europe/Kyiv',
      internalHosts: [],
      events: testEvents(),
    });
    assert.equal(articles, allDemoArticles.length + 1, 'the articles and the live coverage');
    const live = await db.selectFrom('live_updates').select(['key_event', 'pinned']).execute();
    assert.equal(live.length, 6);
    assert.equal(live.filter((u) => u.key_event === 1).length, 3);
    assert.ok(articles >= 28);
    assert.ok(!(await isDatabaseEmpty(db)));
    const desk = await db.selectFrom('authors').selectAll().where('kind', '=', 'desk').execute();
    assert.equal(desk.length, 1);
    const picks = await db
      .selectFrom('collection_items')
      .innerJoin('collections', 'collections.id', 'collection_items.collection_id')
      .select('article_id')
      .where('collections.slug', '=', 'editors-picks')
      .execute();
    assert.equal(picks.length, 5);
    const linksWritten = allDemoArticles.reduce(
      (n, a) => n + new Set([...a.html.matchAll(/href="\/([a-z0-9-]+)\/"/g)].map((m) => m[1])).size,
      0,
    );
    const links = await db.selectFrom('article_links').select('from_article_id').execute();
    assert.ok(linksWritten > 0);
    assert.equal(links.length, linksWritten, 'every internal link points at an article id');
    assert.equal((await readSiteSettings(db)).timeZone, 'Europe/Kyiv');
    const paid = await db
      .selectFrom('articles')
      .select('slug')
      .where('access_level', '=', 'paid')
      .execute();
    assert.deepEqual(
      paid.map((a) => a.slug),
      ['analysis-what-the-2027-budget-really-spends-on-rebuilding'],
      'one paid-only analysis piece',
    );
  });
});
