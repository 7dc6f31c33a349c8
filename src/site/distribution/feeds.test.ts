import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { updateArticle } from '../../content/article.service.js';
import { describeEachDialect } from '../../platform/db/test-databases.js';
import { writeSiteSettings } from '../../platform/settings/site-settings.js';
import {
  buildArticle,
  buildTestApp,
  buildToken,
  type TestApp,
  testEvents,
} from '../../test-support/test-app.js';

const admin = { role: 'admin' as const, userId: null, tokenId: null };
const deps = {
  now: () => new Date(),
  timeZone: 'Europe/Kyiv',
  internalHosts: ['news.test'],
  events: testEvents(),
};
const evil = `</script><!-- "A & B" <b>]]></b>`;
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  isArray: (name, jpath) =>
    ['item', 'entry', 'category', 'dc:creator', 'author'].includes(name) ||
    (name === 'link' && String(jpath).startsWith('feed')),
});

type Node = Record<string, unknown>;
const text = (value: unknown): string =>
  typeof value === 'object' && value !== null
    ? String((value as Node)['#text'] ?? '')
    : String(value ?? '');

describeEachDialect('feeds', (getDatabase) => {
  let t: TestApp;
  let energy: Awaited<ReturnType<typeof buildArticle>>;
  let sport: Awaited<ReturnType<typeof buildArticle>>;
  before(async () => {
    await writeSiteSettings(getDatabase().db, {
      name: 'The Test Ledger',
      websubHub: 'https://hub.example.net/',
    });
    t = await buildTestApp(getDatabase());
    energy = await buildArticle(getDatabase(), {
      title: 'Grid repairs will take weeks',
      excerpt: 'Engineers work through the night.',
      authors: ['Olena Shevchuk'],
      tags: ['Energy', 'Kyiv'],
      featured_image_url: '/media/grid.jpg',
      featured_image_alt: 'Engineers on a pylon',
      published_at: '2022-10-06T15:33',
      html: '<p>Read <a href="/older-story/">the older story</a>.</p><figure><img src="/media/inline.png" alt="A chart"></figure>',
    });
    sport = await buildArticle(getDatabase(), {
      title: evil,
      excerpt: 'Match report.',
      authors: [`Ivan ${evil}`],
      tags: [`Sport ${evil}`],
      published_at: '2022-10-07T10:00',
    });
  });
  after(() => t.close());
  const get = (url: string) => t.app.inject({ method: 'GET', url });

  it('serves RSS 2.0 with stable GUIDs, full content with absolute URLs, enclosures, authors, categories, self and hub', async () => {
    const response = await get('/rss/');
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers['content-type'], 'application/rss+xml; charset=utf-8');
    assert.equal(XMLValidator.validate(response.body), true);
    const channel = (parser.parse(response.body) as Node).rss as Node;
    assert.equal((channel as Node)['@_version'], '2.0');
    const c = channel.channel as Node;
    assert.equal(c.title, 'The Test Ledger');
    assert.equal(c.link, 'http://news.test/');
    assert.ok(c.description);
    const links = c['atom:link'] as Node[];
    assert.deepEqual(
      links.map((l) => [l['@_rel'], l['@_href']]),
      [
        ['self', 'http://news.test/rss/'],
        ['hub', 'https://hub.example.net/'],
      ],
    );
    const items = c.item as Node[];
    assert.equal(items.length, 2);
    const [first, second] = items as [Node, Node];
    assert.equal(text(first.title), evil, 'newest first, title unescaped by the parser');
    assert.deepEqual((first['dc:creator'] as unknown[]).map(text), [`Ivan ${evil}`]);
    assert.deepEqual((first.category as unknown[]).map(text), [`Sport ${evil}`]);
    assert.equal(second.title, 'Grid repairs will take weeks');
    assert.equal(second.link, `http://news.test/${energy.slug}/`);
    assert.deepEqual(second.guid, { '#text': `urn:uuid:${energy.uuid}`, '@_isPermaLink': 'false' });
    assert.equal(second.pubDate, 'Thu, 06 Oct 2022 12:33:00 GMT');
    assert.deepEqual((second.category as unknown[]).map(text), ['Energy', 'Kyiv']);
    assert.equal(second.description, 'Engineers work through the night.');
    const content = String(second['content:encoded']);
    assert.match(content, /href="http:\/\/news\.test\/older-story\/"/);
    assert.match(content, /src="http:\/\/news\.test\/media\/inline\.png"/);
    assert.deepEqual(second.enclosure, {
      '@_url': 'http://news.test/media/grid.jpg',
      '@_length': '0',
      '@_type': 'image/jpeg',
    });
    assert.equal((second['media:content'] as Node)['@_url'], 'http://news.test/media/grid.jpg');
  });

  it('serves Atom 1.0 with the required feed and entry elements', async () => {
    const response = await get('/atom.xml');
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers['content-type'], 'application/atom+xml; charset=utf-8');
    assert.equal(XMLValidator.validate(response.body), true);
    const feed = (parser.parse(response.body) as Node).feed as Node;
    assert.equal(feed['@_xmlns'], 'http://www.w3.org/2005/Atom');
    assert.equal(feed.id, 'http://news.test/atom.xml');
    assert.equal(text(feed.title), 'The Test Ledger');
    assert.match(String(feed.updated), /^\d{4}-\d\d-\d\dT/);
    assert.ok((feed.author as Node[])[0]?.name);
    const rels = (feed.link as Node[]).map((l) => [l['@_rel'], l['@_href']]);
    assert.deepEqual(rels, [
      ['self', 'http://news.test/atom.xml'],
      ['alternate', 'http://news.test/'],
      ['hub', 'https://hub.example.net/'],
    ]);
    const entries = feed.entry as Node[];
    assert.equal(entries.length, 2);
    const entry = entries[1] as Node;
    assert.equal(entry.id, `urn:uuid:${energy.uuid}`);
    assert.equal(text(entry.title), 'Grid repairs will take weeks');
    assert.equal(entry.published, '2022-10-06T12:33:00.000Z');
    assert.ok(entry.updated);
    assert.deepEqual(
      (entry.link as Node[]).map((l) => [l['@_rel'], l['@_href']]),
      [
        ['alternate', `http://news.test/${energy.slug}/`],
        ['enclosure', 'http://news.test/media/grid.jpg'],
      ],
    );
    assert.deepEqual(
      (entry.author as Node[]).map((a) => a.name),
      ['Olena Shevchuk'],
    );
    assert.equal((entry.author as Node[])[0]?.uri, 'http://news.test/author/olena-shevchuk/');
    assert.match(text(entry.content), /<a href="http:\/\/news\.test\/older-story\/">/);
    assert.equal(text((entries[0] as Node).title), evil);
  });

  it('serves JSON Feed 1.1 with the required fields', async () => {
    const response = await get('/feed.json');
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers['content-type'], 'application/feed+json; charset=utf-8');
    const feed = JSON.parse(response.body) as Node;
    assert.equal(feed.version, 'https://jsonfeed.org/version/1.1');
    assert.equal(feed.title, 'The Test Ledger');
    assert.equal(feed.feed_url, 'http://news.test/feed.json');
    assert.deepEqual(feed.hubs, [{ type: 'WebSub', url: 'https://hub.example.net/' }]);
    const items = feed.items as Node[];
    assert.equal(items.length, 2);
    for (const item of items) {
      assert.equal(typeof item.id, 'string');
      assert.ok(typeof item.content_html === 'string' || typeof item.content_text === 'string');
    }
    const item = items[1] as Node;
    assert.equal(item.id, `urn:uuid:${energy.uuid}`);
    assert.equal(item.url, `http://news.test/${energy.slug}/`);
    assert.equal(item.image, 'http://news.test/media/grid.jpg');
    assert.equal(item.date_published, '2022-10-06T12:33:00.000Z');
    assert.deepEqual(item.tags, ['Energy', 'Kyiv']);
    assert.deepEqual(item.authors, [
      { name: 'Olena Shevchuk', url: 'http://news.test/author/olena-shevchuk/' },
    ]);
    assert.equal((items[0] as Node).title, evil);
  });

  it('keeps GUIDs when the slug and title change, and the change purges the cached feeds', async () => {
    const before = await get('/feed.json');
    // inject() skips the raw cache front door, so look in the cache itself.
    assert.ok(t.services.pageCache.lookup('/feed.json'), 'the feed was stored in the page cache');
    const change = await updateArticle(
      getDatabase().db,
      deps,
      energy.id,
      { title: 'Grid repairs: weeks, not days', slug: 'grid-repairs-weeks' },
      admin,
    );
    await t.services.purger.purge(change.purgeKeys);
    assert.equal(t.services.pageCache.lookup('/feed.json'), undefined, 'the change purged it');
    const after = await get('/feed.json');
    const oldItem = (JSON.parse(before.body) as { items: Node[] }).items[1] as Node;
    const newItem = (JSON.parse(after.body) as { items: Node[] }).items[1] as Node;
    assert.equal(newItem.title, 'Grid repairs: weeks, not days');
    assert.equal(newItem.url, 'http://news.test/grid-repairs-weeks/');
    assert.equal(newItem.id, oldItem.id);
    const rss = (parser.parse((await get('/rss/')).body) as Node).rss as Node;
    const guids = ((rss.channel as Node).item as Node[]).map((i) => text(i.guid));
    assert.ok(guids.includes(`urn:uuid:${energy.uuid}`));
  });

  it('tag and author feeds carry only their articles; unknown ones are 404', async () => {
    const tagJson = JSON.parse((await get('/tag/energy/feed.json')).body) as Node;
    assert.deepEqual(
      (tagJson.items as Node[]).map((i) => i.id),
      [`urn:uuid:${energy.uuid}`],
    );
    assert.equal(tagJson.feed_url, 'http://news.test/tag/energy/feed.json');
    const tagRss = (parser.parse((await get('/tag/energy/rss/')).body) as Node).rss as Node;
    assert.equal(((tagRss.channel as Node).item as Node[]).length, 1);
    const authorAtom = await get('/author/olena-shevchuk/atom.xml');
    assert.equal(authorAtom.statusCode, 200);
    const entries = ((parser.parse(authorAtom.body) as Node).feed as Node).entry as Node[];
    assert.deepEqual(
      entries.map((e) => e.id),
      [`urn:uuid:${energy.uuid}`],
    );
    const sportAuthor = (await get('/feed.json').then((r) => JSON.parse(r.body) as Node))
      .items as Node[];
    const ivanUrl = ((sportAuthor[0] as Node).authors as Node[])[0]?.url as string;
    const ivan = JSON.parse((await get(`${new URL(ivanUrl).pathname}feed.json`)).body) as Node;
    assert.deepEqual(
      (ivan.items as Node[]).map((i) => i.id),
      [`urn:uuid:${sport.uuid}`],
    );
    assert.equal((await get('/tag/no-such-tag/rss/')).statusCode, 404);
    assert.equal((await get('/author/nobody/feed.json')).statusCode, 404);
  });

  it('carries excerpts only when the setting (changed through the admin API) says so', async () => {
    const token = await buildToken(getDatabase(), 'admin');
    const patch = (payload: object) =>
      t.app.inject({
        method: 'PATCH',
        url: '/api/admin/settings',
        headers: { authorization: `Bearer ${token}` },
        payload,
      });
    const refused = await patch({ websubHub: 'not a url', feedContent: 'some' });
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /websubHub/);
    const changed = await patch({ feedContent: 'excerpt' });
    assert.equal(changed.statusCode, 200, changed.body);
    assert.equal((changed.json() as { settings: Node }).settings.feedContent, 'excerpt');
    const rss = await get('/rss/');
    assert.doesNotMatch(rss.body, /content:encoded>/);
    const item = ((JSON.parse((await get('/feed.json')).body) as Node).items as Node[])[1] as Node;
    assert.equal(item.content_html, undefined);
    assert.equal(item.content_text, 'Engineers work through the night.');
    await writeSiteSettings(getDatabase().db, { feedContent: 'full' });
    t.services.pageCache.purgeAll();
  });

  it('advertises the feeds in every page head, and tag/author pages their own', async () => {
    const home = await get('/');
    assert.match(
      home.body,
      /<link rel="alternate" type="application\/rss\+xml" title="The Test Ledger \(RSS\)" href="\/rss\/">/,
    );
    assert.match(home.body, /type="application\/atom\+xml"[^>]*href="\/atom\.xml"/);
    assert.match(home.body, /type="application\/feed\+json"[^>]*href="\/feed\.json"/);
    const tag = await get('/tag/energy/');
    assert.match(tag.body, /href="\/tag\/energy\/rss\/"/);
    assert.match(tag.body, /href="\/tag\/energy\/atom\.xml"/);
    assert.match(tag.body, /href="\/tag\/energy\/feed\.json"/);
    const article = await get('/grid-repairs-weeks/');
    assert.match(article.body, /href="\/rss\/"/);
  });
});
