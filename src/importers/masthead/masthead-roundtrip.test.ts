import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { findArticleBySlug } from '../../content/article.repository.js';
import { unpublishArticle } from '../../content/article-workflow.service.js';
import { updateArticle } from '../../content/article.service.js';
import { findAuthorBySlug, updateAuthor } from '../../content/author.repository.js';
import { insertCollection, setCollectionItems } from '../../content/collection.repository.js';
import { addRedirect } from '../../content/redirect.repository.js';
import { findTagBySlug, updateTag } from '../../content/tag.repository.js';
import {
  createTestDatabase,
  describeEachDialect,
  type TestDatabase,
} from '../../platform/db/test-databases.js';
import { readSiteSettings, writeSiteSettings } from '../../platform/settings/site-settings.js';
import { buildArticle, testEvents } from '../../test-support/test-app.js';
import { exportMasthead } from './masthead-export.js';
import { importMasthead } from './masthead-import.js';

const admin = { role: 'admin' as const, userId: null, tokenId: null };
const deps = {
  now: () => new Date(),
  timeZone: 'Europe/Kyiv',
  internalHosts: ['news.test'],
  events: testEvents(),
};
const withoutStamp = (text: string) => text.replace(/"exported_at": "[^"]+"/, '');

describeEachDialect('Masthead export and import', (getDatabase) => {
  const scratch = mkdtempSync(join(tmpdir(), 'masthead-export-'));
  let target: TestDatabase;
  before(async () => {
    target = await createTestDatabase(getDatabase().dialect);
  });
  after(() => target.cleanup());

  it('round-trips content, people, tags, collections, settings and redirects exactly', async () => {
    const source = getDatabase();
    const db = source.db;
    await writeSiteSettings(db, {
      name: 'The Kyiv Ledger',
      language: 'uk',
      timeZone: 'Europe/Kyiv',
    });
    const first = await buildArticle(source, {
      title: 'Kyiv prepares for winter',
      slug: 'kyiv-winter',
      authors: ['Olena Shevchuk', 'News Desk', 'Ivan Petrenko'],
      tags: ['Energy', 'Ukraine news'],
      excerpt: 'Generators, shelters and "heat points".',
      language: 'uk',
      featured_image_url: 'https://img.example.org/winter.jpg',
      featured_image_alt: 'A heat point in Kyiv',
      featured_image_caption: 'Photo: Ledger staff',
    });
    const second = await buildArticle(source, {
      title: 'Second story',
      authors: ['Ivan Petrenko', 'Olena Shevchuk'],
      html: '<p>As <a href="/kyiv-winter/">we reported</a>, <strong>power</strong> is back.</p>',
    });
    // A link from the first article to a later one, and a slug change that leaves an old slug.
    await updateArticle(
      db,
      deps,
      first.id,
      {
        slug: 'kyiv-prepares-for-winter',
        html: `<p>Read <a href="https://news.test/${second.slug}/">the follow-up</a>.</p>`,
      },
      admin,
    );
    const hidden = await buildArticle(source, { title: 'Withdrawn story' });
    await unpublishArticle(db, deps, hidden.id, admin);
    await buildArticle(source, {
      title: 'Scheduled story',
      status: 'scheduled',
      published_at: '2030-01-01T09:00:00.000Z',
    });
    await buildArticle(source, { title: 'A draft', status: 'draft', tags: [] });
    const desk = await findAuthorBySlug(db, 'news-desk');
    assert.equal(desk?.kind, 'desk');
    const olena = await findAuthorBySlug(db, 'olena-shevchuk');
    await updateAuthor(db, olena?.id ?? 0, {
      bio: 'Energy reporter.',
      now: '2026-11-01T00:00:00.000Z',
    });
    const energy = await findTagBySlug(db, 'energy');
    await updateTag(db, energy?.id ?? 0, {
      description: 'Power and heat.',
      now: '2026-11-02T00:00:00.000Z',
    });
    const collection = await insertCollection(db, {
      name: 'Winter',
      slug: 'winter',
      description: 'Our winter coverage.',
      now: '2026-11-03T00:00:00.000Z',
    });
    await setCollectionItems(db, collection.id, [second.id, first.id]);
    await addRedirect(db, '/2020/01/old-winter-post/', first.id, '2026-11-04T00:00:00.000Z');

    const exported = join(scratch, `first-${source.dialect}.json`);
    const counts = await exportMasthead(db, exported);
    assert.deepEqual(counts, { articles: 5, authors: 3, tags: 2, collections: 1, redirects: 1 });

    const report = await importMasthead(target.db, exported, { events: testEvents() });
    assert.equal(report.imported, 5);
    assert.deepEqual(report.byStatus, { published: 2, unpublished: 1, scheduled: 1, draft: 1 });

    const again = join(scratch, `second-${source.dialect}.json`);
    await exportMasthead(target.db, again);
    const before = readFileSync(exported, 'utf8');
    assert.equal(withoutStamp(readFileSync(again, 'utf8')), withoutStamp(before));
    assert.match(before, /"old_slugs":\[\{"slug":"kyiv-winter"/);
    assert.equal((await readSiteSettings(target.db)).name, 'The Kyiv Ledger');

    // Internal links point at the new ids, in the body and in the link table.
    const copy = await findArticleBySlug(target.db, 'kyiv-prepares-for-winter');
    const copySecond = await findArticleBySlug(target.db, second.slug);
    assert.equal(copy?.uuid, first.uuid);
    assert.ok(copy?.doc.includes(`"articleId":${copySecond?.id}`));
    const links = await target.db
      .selectFrom('article_links')
      .selectAll()
      .orderBy('from_article_id')
      .execute();
    assert.deepEqual(
      links.map((l) => [l.from_article_id, l.to_article_id]),
      [
        [copy?.id, copySecond?.id],
        [copySecond?.id, copy?.id],
      ],
    );
    const jobs = await target.db
      .selectFrom('jobs')
      .select('name')
      .where('name', '=', 'content.publish-scheduled')
      .execute();
    assert.equal(jobs.length, 1, 'the scheduled article will still be published');

    await assert.rejects(
      importMasthead(target.db, exported, { events: testEvents() }),
      /already has 5 article/,
    );
    const merged = await importMasthead(target.db, exported, { events: testEvents(), merge: true });
    assert.equal(merged.imported, 0);
    assert.equal(merged.skipped.get('articles already here (same uuid)')?.count, 5);
  });
});
