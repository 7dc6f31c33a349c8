import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, it } from 'node:test';
import { Readable } from 'node:stream';
import { describeEachDialect } from '../../platform/db/test-databases.js';
import { writeSiteSettings } from '../../platform/settings/site-settings.js';
import { buildArticle, buildTestApp, type TestApp } from '../../test-support/test-app.js';

// feedparser (sax-based, a different XML parser from the fast-xml-parser our own feed tests use)
// is the independent reader here; it ships no type declarations.
interface ParsedItem {
  title: string | null;
  description: string | null;
  summary: string | null;
  link: string | null;
  guid: string | null;
  date: Date | null;
  pubdate: Date | null;
  author: string | null;
  categories: string[];
  enclosures: Array<{ url: string; type?: string }>;
}
interface ParsedMeta {
  '#type': string;
  '#version': string;
  title: string | null;
  description: string | null;
  link: string | null;
  xmlurl: string | null;
  date: Date | null;
  language: string | null;
}
type FeedParserStream = Omit<NodeJS.ReadWriteStream, 'read'> & {
  meta: ParsedMeta;
  read(): ParsedItem | null;
};
const require = createRequire(import.meta.url);
const FeedParser = require('feedparser') as new (options: object) => FeedParserStream;

/**
 * Parses a feed as feed readers do. (feedparser's sax "strict" mode keeps element names'
 * case and then misses RSS's lastBuildDate; well-formedness is checked in feeds.test.ts.)
 */
function parseFeed(
  body: string,
  feedurl: string,
): Promise<{ meta: ParsedMeta; items: ParsedItem[] }> {
  return new Promise((resolve, reject) => {
    const parser = new FeedParser({ feedurl, normalize: true, addmeta: false });
    const items: ParsedItem[] = [];
    parser.on('error', reject);
    parser.on('readable', () => {
      for (let item = parser.read(); item; item = parser.read()) items.push(item);
    });
    parser.on('end', () => resolve({ meta: parser.meta, items }));
    Readable.from([body]).pipe(parser);
  });
}

const evil = `</script><!-- "A & B" <b>]]></b>`;

describeEachDialect('feeds read by feedparser', (getDatabase) => {
  let t: TestApp;
  let energy: Awaited<ReturnType<typeof buildArticle>>;
  before(async () => {
    await writeSiteSettings(getDatabase().db, {
      name: 'The Test Ledger',
      description: 'Independent news from Kyiv.',
    });
    t = await buildTestApp(getDatabase());
    energy = await buildArticle(getDatabase(), {
      title: 'Grid repairs will take weeks',
      excerpt: 'Engineers work through the night.',
      authors: ['Olena Shevchuk'],
      tags: ['Energy'],
      featured_image_url: '/media/grid.jpg',
      featured_image_alt: 'Engineers on a pylon',
      published_at: '2022-10-06T15:33',
    });
    await buildArticle(getDatabase(), {
      title: evil,
      excerpt: 'Match report.',
      authors: [`Ivan ${evil}`],
      tags: ['Sport'],
      published_at: '2022-10-07T10:00',
    });
  });
  after(() => t.close());

  const fetchFeed = async (url: string) => {
    const response = await t.app.inject({ method: 'GET', url });
    assert.equal(response.statusCode, 200, url);
    return parseFeed(response.body, `http://news.test${url}`);
  };

  for (const [url, type] of [
    ['/rss/', 'rss'],
    ['/atom.xml', 'atom'],
  ] as const) {
    it(`${url}: a ${type} feed with the required channel and item fields`, async () => {
      const { meta, items } = await fetchFeed(url);
      assert.equal(meta['#type'], type);
      if (type === 'rss') assert.equal(meta['#version'], '2.0');
      assert.equal(meta.title, 'The Test Ledger');
      assert.equal(meta.link, 'http://news.test/');
      assert.ok(meta.date instanceof Date, 'the feed has an updated/lastBuildDate');
      if (type === 'rss') assert.equal(meta.description, 'Independent news from Kyiv.');
      assert.equal(items.length, 2);
      // Newest first. The hostile title arrives as text: feedparser then strips what looks
      // like tags from titles (as a reader would), leaving the rest verbatim.
      assert.equal(items[0]?.title, '<!-- "A & B" ]]>');
      const item = items.find((i) => i.title === energy.title);
      assert.ok(item, 'the energy story is in the feed');
      assert.equal(item.link, `http://news.test/${energy.slug}/`);
      assert.match(item.guid ?? '', /^urn:uuid:[0-9a-f-]{36}$/);
      assert.equal(item.pubdate?.toISOString(), '2022-10-06T12:33:00.000Z');
      assert.match(item.author ?? '', /Olena Shevchuk/);
      assert.deepEqual(item.categories, ['Energy']);
      assert.ok((item.description ?? item.summary ?? '').length > 0, 'the item has content');
      assert.ok(
        item.enclosures.some((e) => e.url === 'http://news.test/media/grid.jpg'),
        `the featured image is an enclosure: ${JSON.stringify(item.enclosures)}`,
      );
      for (const each of items) assert.ok(each.guid && each.link && each.date, 'every item');
    });
  }

  it('tag and author feeds parse and hold only their stories', async () => {
    const tag = await fetchFeed('/tag/energy/rss/');
    assert.deepEqual(
      tag.items.map((i) => i.title),
      [energy.title],
    );
    const author = await fetchFeed('/author/olena-shevchuk/rss/');
    assert.deepEqual(
      author.items.map((i) => i.title),
      [energy.title],
    );
  });

  it('the parser refuses what is not a feed (so passing means it recognised ours)', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/' });
    await assert.rejects(parseFeed(response.body, 'http://news.test/'), /Not a feed/);
  });
});
