import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeEachDialect } from '../platform/db/test-databases.js';
import { buildArticle, buildTestApp, buildToken, type TestApp } from '../test-support/test-app.js';

// A story's comments follow it when its slug changes: the old comments URL answers 301 to the
// new one, as the story's own old URL does (content keeps old slugs in article_slugs).

describeEachDialect('comments of a story whose slug changed', (getDatabase) => {
  let t: TestApp;
  let token: string;
  const api = (method: 'PATCH' | 'POST', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, payload });

  before(async () => {
    t = await buildTestApp(getDatabase());
    token = await buildToken(getDatabase(), 'editor');
  });
  after(() => t.close());

  it('redirects the old comments URL to the new slug, like the article', async () => {
    const article = await buildArticle(getDatabase(), {
      title: 'Bridge closes',
      slug: 'bridge-closes',
    });
    const renamed = await api('PATCH', `/api/admin/articles/${article.id}`, {
      slug: 'bridge-reopens',
    });
    assert.equal(renamed.statusCode, 200, renamed.body);

    const story = await t.app.inject({ url: '/bridge-closes/' });
    assert.equal(story.statusCode, 301);
    assert.equal(story.headers.location, '/bridge-reopens/');
    const comments = await t.app.inject({ url: '/comments/bridge-closes/' });
    assert.equal(comments.statusCode, 301);
    assert.equal(comments.headers.location, '/comments/bridge-reopens/');
    const current = await t.app.inject({ url: '/comments/bridge-reopens/' });
    assert.equal(current.statusCode, 200);
    // Without the slash: first the slash, then the move.
    const bare = await t.app.inject({ url: '/comments/bridge-closes' });
    assert.equal(bare.statusCode, 301);
    assert.equal(bare.headers.location, '/comments/bridge-closes/');
  });

  it('answers 404 for a slug nobody had and for the old slug of an unpublished story', async () => {
    assert.equal((await t.app.inject({ url: '/comments/no-such-story/' })).statusCode, 404);
    const article = await buildArticle(getDatabase(), { title: 'Old news', slug: 'old-news' });
    const renamed = await api('PATCH', `/api/admin/articles/${article.id}`, { slug: 'older-news' });
    assert.equal(renamed.statusCode, 200, renamed.body);
    const unpublished = await api('POST', `/api/admin/articles/${article.id}/unpublish`);
    assert.equal(unpublished.statusCode, 200, unpublished.body);
    assert.equal((await t.app.inject({ url: '/comments/old-news/' })).statusCode, 404);
    assert.equal((await t.app.inject({ url: '/comments/older-news/' })).statusCode, 404);
  });
});
