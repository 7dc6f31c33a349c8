import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { updateArticle } from '../content/article.service.js';
import { insertCollection, setCollectionItems } from '../content/collection.repository.js';
import { describeEachDialect } from '../platform/db/test-databases.js';
import { writeSiteSettings } from '../platform/settings/site-settings.js';
import { buildArticle, buildTestApp, type TestApp, testEvents } from '../test-support/test-app.js';
import { siteAssets } from './assets.js';

const admin = { role: 'admin' as const, userId: null, tokenId: null };
const deps = {
  now: () => new Date(),
  timeZone: 'Europe/Kyiv',
  internalHosts: ['news.test'],
  events: testEvents(),
};
const evil = `<script>alert(1)</script>"><img src=x onerror=alert(1)>`;

describeEachDialect('public site', (getDatabase) => {
  let t: TestApp;
  before(async () => {
    await writeSiteSettings(getDatabase().db, { name: 'The Test Ledger', timeZone: 'Europe/Kyiv' });
    t = await buildTestApp(getDatabase());
  });
  after(() => t.close());
  const get = (url: string) => t.app.inject({ method: 'GET', url });

  it('renders the article page: headline, desk byline, time in the newsroom zone, reading time, tags, body, slots', async () => {
    const article = await buildArticle(getDatabase(), {
      title: 'Ukraine brings home 215 POWs',
      excerpt: 'The largest exchange since spring.',
      authors: ['The Test Ledger news desk', 'Olena Shevchuk'],
      tags: ['Ukraine news', 'War'],
      published_at: '2022-10-06T15:33',
      html: '<p>One.</p><p>Two.</p><p>Three.</p><p>Four.</p>',
    });
    const response = await get(`/${article.slug}/`);
    assert.equal(response.statusCode, 200);
    const body = response.body;
    assert.match(body, /<h1 class="article__title">Ukraine brings home 215 POWs<\/h1>/);
    assert.match(
      body,
      /By <a href="\/author\/the-test-ledger-news-desk\/">The Test Ledger news desk<\/a> and <a href="\/author\/olena-shevchuk\/">Olena Shevchuk<\/a>/,
    );
    assert.match(
      body,
      /<time datetime="2022-10-06T15:33:00\+03:00">October 6, 2022 3:33\s?PM<\/time>/,
    );
    assert.match(body, /1 min read/);
    assert.match(body, /<a href="\/tag\/war\/" rel="tag">War<\/a>/);
    assert.match(body, /data-slot="audio-player"/);
    assert.match(
      body,
      /<p>Three.<\/p><div data-slot="support-prompt-inline"><aside [^]*?<\/aside><\/div><p>Four.<\/p>/,
    );
    assert.match(body, /data-slot="support-prompt"/);
    assert.match(body, /data-slot="newsletter-signup"/);
    assert.match(body, /<html lang="en">/);
    assert.match(body, /<a class="skip-link" href="#main">Skip to content<\/a>/);
    assert.doesNotMatch(body, /Edit post|\/admin\//, 'no staff link in anonymous HTML');
    assert.ok(
      Buffer.byteLength(body) <= 20 * 1024,
      `article HTML is ${Buffer.byteLength(body)} bytes`,
    );
    assert.ok(
      siteAssets().css.body.length <= 15 * 1024,
      `CSS is ${siteAssets().css.body.length} bytes`,
    );
    const desk = await get('/author/the-test-ledger-news-desk/');
    assert.equal(desk.statusCode, 200);
    assert.match(desk.body, /Ukraine brings home 215 POWs/);
  });

  it('redirects old slugs and slash-less URLs with 301, answers 410 for unpublished and 404 for drafts', async () => {
    const article = await buildArticle(getDatabase(), { title: 'Original headline' });
    await updateArticle(getDatabase().db, deps, article.id, { slug: 'new-headline' }, admin);
    const moved = await get(`/${article.slug}/`);
    assert.equal(moved.statusCode, 301);
    assert.equal(moved.headers.location, '/new-headline/');
    assert.equal((await get('/new-headline')).headers.location, '/new-headline/');
    await updateArticle(getDatabase().db, deps, article.id, { status: 'unpublished' }, admin);
    const gone = await get('/new-headline/');
    assert.equal(gone.statusCode, 410);
    assert.match(gone.body, /removed/);
    const section = await get('/tag/ukraine-news/');
    assert.doesNotMatch(section.body, /new-headline/, 'an unpublished article leaves its sections');
    const related = await buildArticle(getDatabase(), { title: 'Sibling story' });
    assert.match((await get(`/${related.slug}/`)).body, /Related/);
    const draft = await buildArticle(getDatabase(), { status: 'draft', title: 'Secret draft' });
    const missing = await get(`/${draft.slug}/`);
    assert.equal(missing.statusCode, 404);
    assert.match(missing.body, /Page not found/);
    assert.doesNotMatch(missing.body, /Secret draft/);
    assert.equal((await get('/no-such-article/')).statusCode, 404);
    assert.equal((await get('/tag/no-such-tag/')).statusCode, 404);
    assert.equal((await get('/?page=9999')).statusCode, 404);
    assert.equal((await get('/?page=abc')).statusCode, 404);
  });

  it('keeps internal links pointing at the current URL after the target changes slug', async () => {
    const target = await buildArticle(getDatabase(), { title: 'Link target' });
    const source = await buildArticle(getDatabase(), {
      title: 'Link source',
      html: `<p>See <a href="https://news.test/${target.slug}/">the target</a>.</p>`,
    });
    await updateArticle(getDatabase().db, deps, target.id, { slug: 'renamed-target' }, admin);
    const page = await get(`/${source.slug}/`);
    assert.match(page.body, /<a href="\/renamed-target\/">the target<\/a>/);
  });

  it('shows the home page with lead, News Feed, Editors’ Picks and pagination', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 15; i += 1)
      ids.push((await buildArticle(getDatabase(), { title: `Feed story ${i}` })).id);
    const picks = await insertCollection(getDatabase().db, {
      name: "Editors' Picks",
      slug: 'editors-picks',
      description: '',
      now: new Date().toISOString(),
    });
    await setCollectionItems(getDatabase().db, picks.id, ids.slice(0, 3));
    const home = await get('/');
    assert.equal(home.statusCode, 200);
    assert.match(home.body, /News Feed/);
    assert.match(home.body, /Editors&#39; Picks/, 'the catalog text, escaped');
    assert.match(
      home.body,
      /<h2 class="lead__title"><a href="\/feed-story-14\/">Feed story 14<\/a><\/h2>/,
    );
    assert.match(home.body, /href="\/\?page=2" rel="next"/);
    const second = await get('/?page=2');
    assert.equal(second.statusCode, 200);
    assert.match(second.body, /rel="prev"/);
    assert.ok(Buffer.byteLength(home.body) < 40 * 1024);
  });

  it('renders an XSS corpus in titles, excerpts, names, tags, alt text and captions inert', async () => {
    const article = await buildArticle(getDatabase(), {
      title: `Title ${evil}`,
      slug: 'xss-probe',
      excerpt: `Excerpt ${evil}`,
      authors: [`Author ${evil}`],
      tags: [`Tag ${evil}`],
      featured_image_url: 'javascript:alert(1)',
      featured_image_alt: `Alt ${evil}`,
      featured_image_caption: `Caption ${evil}`,
      html: `<p>Body ${evil}</p><figure><img src="https://news.test/a.jpg" alt="${evil.replace(/"/g, '&quot;')}"><figcaption>${evil}</figcaption></figure><p><a href="javascript:alert(1)">link</a></p>`,
    });
    for (const url of [
      '/xss-probe/',
      '/',
      '/author/author-script-alert-1-script-img-src-x-onerror-alert-1/',
      '/tag/tag-script-alert-1-script-img-src-x-onerror-alert-1/',
    ]) {
      const page = await get(url);
      assert.equal(page.statusCode, 200, url);
      assert.doesNotMatch(page.body, /<script>alert/, url);
      assert.doesNotMatch(page.body, /<img src=x onerror/, url);
      assert.doesNotMatch(page.body, /href="javascript:|src="javascript:/, url);
      assert.match(
        page.body,
        /&lt;script&gt;alert\(1\)&lt;\/script&gt;/,
        `${url} shows the text escaped`,
      );
    }
    assert.ok(article.id > 0);
  });

  it('answers /healthz and serves hashed assets with long cache lifetimes', async () => {
    const health = await get('/healthz');
    assert.equal(health.statusCode, 200);
    assert.equal(health.headers['cache-control'], 'no-store');
    const { css } = siteAssets();
    const asset = await t.app.inject({
      method: 'GET',
      url: css.path,
      headers: { 'accept-encoding': 'br' },
    });
    assert.equal(asset.statusCode, 200);
    assert.equal(asset.headers['content-encoding'], 'br');
    assert.match(String(asset.headers['cache-control']), /immutable/);
    assert.equal((await get('/assets/site.0000000000.css')).statusCode, 404);
  });
});
