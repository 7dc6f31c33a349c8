import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeEachDialect } from '../platform/db/test-databases.js';
import { buildArticle, buildTestApp, signInAs, type TestApp } from '../test-support/test-app.js';

// What an anonymous reader gets of a gated article, everywhere it is published (ADR 0026).
const body =
  '<p>Opening alpha words.</p><p>Second bravo words.</p><p>Third charlie secret.</p><p>Fourth delta secret.</p>';

describeEachDialect('access levels: the preview everywhere', (getDatabase) => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp(getDatabase());
  });
  after(() => t.close());

  it('shows a paid article’s preview and wall, not its rest, on page, feed, API and search', async () => {
    const article = await buildArticle(getDatabase(), {
      title: 'Paid analysis piece',
      tags: ['Analysis'],
      html: body,
      access_level: 'paid',
    });
    const page = await t.app.inject({ url: `/${article.slug}/` });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Opening alpha words/);
    assert.match(page.body, /Second bravo words/);
    assert.doesNotMatch(page.body, /secret/);
    assert.match(page.body, /class="access-wall[ "]/);
    assert.match(page.body, /"isAccessibleForFree":false/);
    assert.match(page.body, /"cssSelector":".article__gated"/);

    const feed = await t.app.inject({ url: '/rss/' });
    assert.match(feed.body, /Opening alpha words/);
    assert.doesNotMatch(feed.body, /secret/);

    const api = await t.app.inject({ url: `/api/content/articles/${article.slug}` });
    const json = api.json() as { article: { html: string; is_accessible_for_free: boolean } };
    assert.match(json.article.html, /Second bravo/);
    assert.doesNotMatch(json.article.html, /secret/);
    assert.equal(json.article.is_accessible_for_free, false);

    const inPreview = await t.app.inject({ url: '/search?q=bravo' });
    assert.match(inPreview.body, /Paid analysis piece/);
    const pastPreview = await t.app.inject({ url: '/search?q=charlie' });
    assert.doesNotMatch(pastPreview.body, /Paid analysis piece/);
  });

  it('shows a public article whole, marked free, with no wall', async () => {
    const article = await buildArticle(getDatabase(), { title: 'Open news', html: body });
    const page = await t.app.inject({ url: `/${article.slug}/` });
    assert.match(page.body, /Fourth delta secret/);
    assert.doesNotMatch(page.body, /class="access-wall[ "]/);
    assert.match(page.body, /"isAccessibleForFree":true/);
  });

  it('ends the preview at the editor’s marker', async () => {
    const article = await buildArticle(getDatabase(), {
      html: '<p>One.</p><p>Two.</p><p>Three marked.</p><hr data-type="previewBreak"><p>Four secret.</p>',
      access_level: 'members',
    });
    const page = await t.app.inject({ url: `/${article.slug}/` });
    assert.match(page.body, /Three marked/);
    assert.doesNotMatch(page.body, /Four secret/);
  });

  it('gives articles that follow their tags the tag’s default, and its change', async () => {
    const { headers } = await signInAs(t, 'editor');
    const article = await buildArticle(getDatabase(), { tags: ['Archive'], html: body });
    assert.equal(article.access_level, 'public');
    const tags = (await t.app.inject({ url: '/api/admin/tags', headers })).json() as {
      tags: { id: number; name: string }[];
    };
    const archive = tags.tags.find((tag) => tag.name === 'Archive');
    assert.ok(archive);
    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/api/admin/tags/${archive.id}`,
      headers,
      payload: { access_level: 'members' },
    });
    assert.equal(patched.statusCode, 200, patched.body);
    const page = await t.app.inject({ url: `/${article.slug}/` });
    assert.doesNotMatch(page.body, /secret/);
    const later = await buildArticle(getDatabase(), { tags: ['Archive'], html: body });
    assert.equal(later.access_level, 'members');
    const own = await buildArticle(getDatabase(), {
      tags: ['Archive'],
      html: body,
      access_level: 'public',
    });
    assert.equal(own.access_level, 'public');
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/admin/articles',
      headers,
      payload: { title: 'x', access_level: 'vip' },
    });
    assert.equal(bad.statusCode, 422);

    // The Tags screen sends the level alone (and '' as null): a tiers tag keeps its tiers.
    const tiered = await t.app.inject({
      method: 'PATCH',
      url: `/api/admin/tags/${archive.id}`,
      headers,
      payload: { access_level: 'tiers', access_tiers: ['patron'] },
    });
    assert.deepEqual(tiered.json<{ tag: { access_tiers: unknown } }>().tag.access_tiers, [
      'patron',
    ]);
    const renamed = await t.app.inject({
      method: 'PATCH',
      url: `/api/admin/tags/${archive.id}`,
      headers,
      payload: { description: 'Older stories', access_level: 'tiers' },
    });
    assert.deepEqual(renamed.json<{ tag: { access_tiers: unknown } }>().tag.access_tiers, [
      'patron',
    ]);
    const cleared = await t.app.inject({
      method: 'PATCH',
      url: `/api/admin/tags/${archive.id}`,
      headers,
      payload: { access_level: null },
    });
    assert.equal(cleared.json<{ tag: { access_level: unknown } }>().tag.access_level, null);
  });
});
