import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Element } from 'domhandler';
import { DomUtils, parseDocument } from 'htmlparser2';
import { describeEachDialect } from '../../platform/db/test-databases.js';
import { writeSiteSettings } from '../../platform/settings/site-settings.js';
import { makePng, multipart } from '../../media/test-support/media-fixtures.js';
import {
  buildArticle,
  buildTestApp,
  buildToken,
  type TestApp,
} from '../../test-support/test-app.js';
import { openGraphLocale, trimDescription } from './sharing-tags.js';
import { serializeJsonLd } from './structured-data.js';

const payload = `</script><script>alert(1)</script><!-- "x"\u2028& y`;
type Node = Record<string, unknown>;

/** The page's JSON-LD blocks, after checking that every script is one of ours. */
function readJsonLd(page: string): Node[] {
  const doc = parseDocument(page);
  const scripts = DomUtils.findAll((el) => el.name === 'script', doc.children);
  const blocks = scripts.filter((el) => el.attribs.type === 'application/ld+json');
  for (const script of scripts) {
    // Anything else must be an external script: inline code would mean a payload broke out.
    if (script.attribs.type !== 'application/ld+json')
      assert.ok(script.attribs.src && DomUtils.textContent(script) === '', 'no inline script');
  }
  return blocks.map((el) => JSON.parse(DomUtils.textContent(el)) as Node);
}

function metaTags(page: string): Array<[string, string]> {
  const doc = parseDocument(page);
  return DomUtils.findAll((el) => el.name === 'meta', doc.children).map((el: Element) => [
    el.attribs.property ?? el.attribs.name ?? '',
    el.attribs.content ?? '',
  ]);
}

describe('JSON-LD serialization', () => {
  it('escapes every character that could end a script or open a comment, and round-trips', () => {
    const value = { headline: payload, nested: ['<!--', '-->', '&amp;', '\u2029'] };
    const text = serializeJsonLd(value);
    assert.doesNotMatch(text, /[<>&\u2028\u2029]/);
    assert.deepEqual(JSON.parse(text), value);
  });

  it('trims descriptions near 160 characters at a word boundary', () => {
    const long = 'word '.repeat(80);
    const trimmed = trimDescription(long);
    assert.ok(trimmed.length <= 160, String(trimmed.length));
    assert.match(trimmed, /word…$/);
    assert.equal(trimDescription('  short\n text '), 'short text');
    assert.equal(openGraphLocale('uk'), 'uk_UA');
    assert.equal(openGraphLocale('en-GB'), 'en_GB');
  });
});

describeEachDialect('structured data and sharing tags', (getDatabase) => {
  let t: TestApp;
  let article: Awaited<ReturnType<typeof buildArticle>>;
  const excerpt = `An exchange of prisoners took place on Thursday ${'after weeks of talks '.repeat(10)}`;
  before(async () => {
    await writeSiteSettings(getDatabase().db, {
      name: `Ledger ${payload}`,
      timeZone: 'Europe/Kyiv',
      logoUrl: '/media/logo.png',
      socialLinks: [{ label: 'Mastodon', url: 'https://mastodon.example/@ledger' }],
    });
    t = await buildTestApp(getDatabase());
    article = await buildArticle(getDatabase(), {
      title: `Prisoners come home ${payload}`,
      excerpt,
      authors: [`Olena ${payload}`, 'The Ledger news desk'],
      tags: [`War ${payload}`, 'Ukraine'],
      featured_image_url: '/media/exchange.jpg',
      featured_image_alt: `Soldiers ${payload}`,
      published_at: '2022-10-06T15:33',
    });
  });
  after(() => t.close());

  it('puts a complete NewsArticle and a BreadcrumbList on the article page, safe against </script>', async () => {
    const page = await t.app.inject({ method: 'GET', url: `/${article.slug}/` });
    assert.equal(page.statusCode, 200);
    const blocks = readJsonLd(page.body);
    assert.equal(blocks.length, 2);
    const [news, crumbs] = blocks as [Node, Node];
    const url = `http://news.test/${article.slug}/`;
    assert.equal(news['@context'], 'https://schema.org');
    assert.equal(news['@type'], 'NewsArticle');
    assert.equal(news.headline, `Prisoners come home ${payload}`);
    assert.deepEqual(news.image, ['http://news.test/media/exchange.jpg']);
    assert.equal(news.datePublished, '2022-10-06T15:33:00+03:00');
    assert.match(String(news.dateModified), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
    const authors = news.author as Node[];
    assert.deepEqual(
      authors.map((a) => [a['@type'], a.name]),
      [
        ['Person', `Olena ${payload}`],
        ['Organization', 'The Ledger news desk'],
      ],
    );
    assert.match(String(authors[0]?.url), /^http:\/\/news\.test\/author\/olena-[a-z0-9-]+\/$/);
    assert.equal(authors[1]?.url, 'http://news.test/author/the-ledger-news-desk/');
    const publisher = news.publisher as Node;
    assert.equal(publisher['@type'], 'NewsMediaOrganization');
    assert.equal(publisher.name, `Ledger ${payload}`);
    assert.deepEqual(publisher.logo, {
      '@type': 'ImageObject',
      url: 'http://news.test/media/logo.png',
    });
    assert.deepEqual(news.mainEntityOfPage, { '@type': 'WebPage', '@id': url });
    assert.ok(String(news.description).startsWith('An exchange of prisoners'));
    assert.equal(news.articleSection, `War ${payload}`);
    assert.equal(news.inLanguage, 'en');
    assert.equal(news.isAccessibleForFree, true);
    assert.equal(crumbs['@type'], 'BreadcrumbList');
    const items = crumbs.itemListElement as Node[];
    assert.deepEqual(
      items.map((i) => [i.position, i.name, i.item]),
      [
        [1, `Ledger ${payload}`, 'http://news.test/'],
        [2, `War ${payload}`, (items[1] as Node).item],
        [3, `Prisoners come home ${payload}`, url],
      ],
    );
    assert.match(String((items[1] as Node).item), /^http:\/\/news\.test\/tag\/war-[a-z0-9-]+\/$/);
  });

  it('has Open Graph, Twitter card, canonical and a trimmed meta description', async () => {
    const page = await t.app.inject({ method: 'GET', url: `/${article.slug}/` });
    const meta = metaTags(page.body);
    const one = (name: string) => meta.filter(([n]) => n === name).map(([, c]) => c);
    const url = `http://news.test/${article.slug}/`;
    assert.deepEqual(one('og:type'), ['article']);
    assert.deepEqual(one('og:title'), [`Prisoners come home ${payload}`]);
    assert.deepEqual(one('og:url'), [url]);
    assert.deepEqual(one('og:site_name'), [`Ledger ${payload}`]);
    assert.deepEqual(one('og:locale'), ['en_US']);
    assert.deepEqual(one('og:image'), ['http://news.test/media/exchange.jpg']);
    assert.deepEqual(one('og:image:alt'), [`Soldiers ${payload}`]);
    assert.ok(one('og:description')[0]?.startsWith('An exchange'));
    assert.deepEqual(one('article:published_time'), ['2022-10-06T15:33:00+03:00']);
    assert.equal(one('article:modified_time').length, 1);
    assert.equal(one('article:author').length, 2);
    assert.deepEqual(one('article:section'), [`War ${payload}`]);
    assert.deepEqual(one('article:tag'), [`War ${payload}`, 'Ukraine']);
    assert.deepEqual(one('twitter:card'), ['summary_large_image']);
    assert.deepEqual(one('twitter:title'), [`Prisoners come home ${payload}`]);
    assert.deepEqual(one('twitter:image'), ['http://news.test/media/exchange.jpg']);
    const description = one('description')[0] ?? '';
    assert.ok(description.length > 100 && description.length <= 160, String(description.length));
    const doc = parseDocument(page.body);
    const canonical = DomUtils.findAll(
      (el) => el.name === 'link' && el.attribs.rel === 'canonical',
      doc.children,
    );
    assert.deepEqual(
      canonical.map((el) => el.attribs.href),
      [url],
    );
  });

  it('gives the image size when the featured image comes from the media library', async () => {
    const token = await buildToken(getDatabase(), 'editor');
    const upload = multipart(
      {},
      { name: 'lead.png', type: 'image/png', data: await makePng(1400, 700) },
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
        title: 'Bridge reopens',
        status: 'published',
        featured_media_id: media.id,
        featured_image_alt: 'The bridge at dawn',
        html: '<p>Traffic returns.</p>',
      },
    });
    assert.equal(created.statusCode, 201, created.body);
    const slug = (created.json() as { article: { slug: string } }).article.slug;
    const page = await t.app.inject({ method: 'GET', url: `/${slug}/` });
    const meta = metaTags(page.body);
    const one = (name: string) => meta.filter(([n]) => n === name).map(([, c]) => c);
    assert.deepEqual(one('og:image:width'), ['1400']);
    assert.deepEqual(one('og:image:height'), ['700']);
    const image = one('og:image')[0] ?? '';
    assert.match(image, /^http:\/\/news\.test\/.+\.(jpe?g|png)$/);
    const [news] = readJsonLd(page.body);
    // NewsArticle.image: the 16:9, 4:3 and 1:1 crops of the 1400 × 700 original.
    const crops = news?.image as string[];
    assert.equal(crops.length, 3);
    assert.match(crops[0] ?? '', /^http:\/\/news\.test\/media\/.+-16x9-1200\.jpg$/);
    assert.match(crops[1] ?? '', /-4x3-933\.jpg$/);
    assert.match(crops[2] ?? '', /-1x1-700\.jpg$/);
  });

  it('puts the Organization and a WebSite with a SearchAction on the home page', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/' });
    const blocks = readJsonLd(page.body);
    const organization = blocks.find((b) => b['@type'] === 'NewsMediaOrganization');
    const website = blocks.find((b) => b['@type'] === 'WebSite');
    assert.equal(organization?.name, `Ledger ${payload}`);
    assert.equal(organization?.url, 'http://news.test/');
    assert.deepEqual(organization?.sameAs, ['https://mastodon.example/@ledger']);
    const action = website?.potentialAction as Node;
    assert.equal(action['@type'], 'SearchAction');
    assert.equal(
      (action.target as Node).urlTemplate,
      'http://news.test/search?q={search_term_string}',
    );
    assert.equal(action['query-input'], 'required name=search_term_string');
    const meta = metaTags(page.body);
    assert.ok(meta.some(([n, c]) => n === 'og:type' && c === 'website'));
    assert.ok(meta.some(([n, c]) => n === 'og:url' && c === 'http://news.test/'));
  });
});
