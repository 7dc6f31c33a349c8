import assert from 'node:assert/strict';
import { it } from 'node:test';
import { publishDueArticles } from '../content/article-publishing.js';
import { scheduleArticle, unpublishArticle } from '../content/article-workflow.service.js';
import { removeArticle, updateArticle } from '../content/article.service.js';
import { describeEachDialect } from '../platform/db/test-databases.js';
import { buildArticle, testEvents } from '../test-support/test-app.js';
import { clearSearchDocuments } from './search.repository.js';
import {
  ensureSearchIndex,
  indexAllArticles,
  searchArticles,
  type SearchInput,
} from './search.service.js';

const admin = { role: 'admin' as const, userId: null, tokenId: null };
const articleDeps = {
  now: () => new Date(),
  timeZone: 'Europe/Kyiv',
  internalHosts: [],
  events: testEvents(),
};
const searchDeps = { now: () => new Date('2026-11-25T12:00:00Z'), timeZone: 'Europe/Kyiv' };

describeEachDialect('search index and queries', (getDatabase) => {
  const search = (q: string, extra: Partial<SearchInput> = {}) =>
    searchArticles(getDatabase().db, searchDeps, { q, page: 1, ...extra });
  const titles = async (q: string, extra: Partial<SearchInput> = {}) =>
    (await search(q, extra)).hits.map((h) => h.title);

  it('indexes published articles only, and follows publish, edit, unpublish and delete', async () => {
    const { db } = getDatabase();
    const draft = await buildArticle(getDatabase(), {
      title: 'Quillwort survey',
      status: 'draft',
      html: '<p>Botanists count quillwort.</p>',
    });
    assert.deepEqual(await titles('quillwort'), [], 'a draft is not searchable');

    await db
      .transaction()
      .execute((tx) => updateArticle(tx, articleDeps, draft.id, { status: 'published' }, admin));
    assert.deepEqual(await titles('quillwort'), ['Quillwort survey'], 'found once published');

    await db
      .transaction()
      .execute((tx) =>
        updateArticle(
          tx,
          articleDeps,
          draft.id,
          { title: 'Marshland census', slug: 'marshland-census' },
          admin,
        ),
      );
    assert.deepEqual(await titles('marshland'), ['Marshland census'], 'found under the new title');
    assert.deepEqual(await titles('survey'), [], 'not under the old one');
    assert.deepEqual(await titles('quillwort'), ['Marshland census'], 'body still indexed');

    await db.transaction().execute((tx) => unpublishArticle(tx, articleDeps, draft.id, admin));
    assert.deepEqual(await titles('marshland'), [], 'gone when unpublished');

    await db
      .transaction()
      .execute((tx) => updateArticle(tx, articleDeps, draft.id, { status: 'published' }, admin));
    assert.deepEqual(await titles('marshland'), ['Marshland census']);
    await db.transaction().execute((tx) => removeArticle(tx, testEvents(), draft.id, admin));
    assert.deepEqual(await titles('marshland'), [], 'gone when deleted');
  });

  it('a rolled-back change leaves the index as it was', async () => {
    const { db } = getDatabase();
    const article = await buildArticle(getDatabase(), { title: 'Heliograph signals' });
    await assert.rejects(
      db.transaction().execute(async (tx) => {
        await updateArticle(tx, articleDeps, article.id, { title: 'Semaphore towers' }, admin);
        throw new Error('abort');
      }),
    );
    assert.deepEqual(await titles('heliograph'), ['Heliograph signals']);
    assert.deepEqual(await titles('semaphore'), []);
  });

  it('the scheduled-publish job adds the article to the index', async () => {
    const { db } = getDatabase();
    const draft = await buildArticle(getDatabase(), {
      title: 'Embargoed orrery report',
      status: 'draft',
    });
    const deps = { ...articleDeps, now: () => new Date('2030-01-01T10:00:00Z') };
    await db
      .transaction()
      .execute((tx) => scheduleArticle(tx, deps, draft.id, admin, '2030-01-01T13:00'));
    assert.deepEqual(await titles('orrery'), [], 'not while scheduled');
    await db
      .transaction()
      .execute((tx) => publishDueArticles(tx, testEvents(), new Date('2030-01-01T12:00:00Z')));
    assert.deepEqual(await titles('orrery'), ['Embargoed orrery report']);
  });

  it('ranks a title match above a body match, and the recent above the old', async () => {
    const at = '2026-11-20T10:00:00Z';
    await buildArticle(getDatabase(), {
      title: 'Weather notes',
      html: '<p>Meteorologists mention the zephyrine wind once.</p>',
      published_at: at,
    });
    await buildArticle(getDatabase(), {
      title: 'The zephyrine wind returns',
      html: '<p>Meteorologists expect gusts.</p>',
      published_at: at,
    });
    assert.deepEqual(await titles('zephyrine'), ['The zephyrine wind returns', 'Weather notes']);

    const same = { html: '<p>The lighthouse keepers of Odesa.</p>' };
    await buildArticle(getDatabase(), {
      ...same,
      title: 'Keepers (old)',
      published_at: '2024-01-05T10:00:00Z',
    });
    await buildArticle(getDatabase(), {
      ...same,
      title: 'Keepers (new)',
      published_at: '2026-11-24T10:00:00Z',
    });
    assert.deepEqual(await titles('lighthouse keepers'), ['Keepers (new)', 'Keepers (old)']);
  });

  it('highlights matches in snippets and escapes the stored text', async () => {
    await buildArticle(getDatabase(), {
      title: 'Script kiddies',
      html: '<p>Pentesters typed &lt;script&gt;alert(1)&lt;/script&gt; &amp; "quotes" near the xylograph \uE000 exhibit.</p>',
    });
    await buildArticle(getDatabase(), { title: 'Xylograph <i>prints</i> & co' });
    const titled = (await search('xylograph')).hits.find((h) => h.title.startsWith('Xylograph'));
    assert.ok(titled);
    assert.match(titled.titleHtml, /&lt;i&gt;prints&lt;\/i&gt; &amp; co$/, 'titles are escaped');
    assert.doesNotMatch(titled.titleHtml, /<i>/);
    const [hit] = (await search('xylograph')).hits.filter((h) => h.title === 'Script kiddies');
    assert.ok(hit);
    assert.match(hit.snippetHtml, /<mark>xylograph<\/mark>/);
    assert.doesNotMatch(hit.snippetHtml, /<script/i, 'stored text never becomes markup');
    assert.match(hit.snippetHtml, /&amp;/);
    const tags = hit.snippetHtml.match(/<[^>]*>/g) ?? [];
    assert.ok(
      tags.every((t) => t === '<mark>' || t === '</mark>'),
      tags.join(' '),
    );
  });

  it('filters by tag, author and newsroom-zone dates, and pages results', async () => {
    const base = { html: '<p>A report on the pangolin trade.</p>' };
    await buildArticle(getDatabase(), {
      ...base,
      title: 'Pangolin A',
      tags: ['Wildlife'],
      authors: ['Iryna Bondar'],
      published_at: '2026-03-01T21:30:00Z',
    });
    await buildArticle(getDatabase(), {
      ...base,
      title: 'Pangolin B',
      tags: ['Courts'],
      authors: ['Iryna Bondar'],
      published_at: '2026-03-02T10:00:00Z',
    });
    await buildArticle(getDatabase(), {
      ...base,
      title: 'Pangolin C',
      tags: ['Wildlife'],
      authors: ['Taras Melnyk'],
      published_at: '2026-03-10T10:00:00Z',
    });
    assert.deepEqual((await titles('pangolin', { tag: 'wildlife' })).sort(), [
      'Pangolin A',
      'Pangolin C',
    ]);
    assert.deepEqual((await titles('pangolin', { author: 'iryna-bondar' })).sort(), [
      'Pangolin A',
      'Pangolin B',
    ]);
    assert.deepEqual(await titles('pangolin', { tag: 'no-such-tag' }), []);
    // 21:30 UTC on 1 March is 23:30 on 1 March in Kyiv; 2 March in Kyiv starts at 22:00 UTC on 1 March.
    assert.deepEqual((await titles('pangolin', { from: '2026-03-02', to: '2026-03-02' })).sort(), [
      'Pangolin B',
    ]);
    assert.deepEqual((await titles('pangolin', { from: '2026-03-01', to: '2026-03-02' })).sort(), [
      'Pangolin A',
      'Pangolin B',
    ]);

    for (let n = 0; n < 12; n += 1)
      await buildArticle(getDatabase(), {
        title: `Okapi sighting ${n}`,
        html: '<p>An okapi was seen.</p>',
      });
    const first = await search('okapi');
    assert.equal(first.total, 12);
    assert.equal(first.hits.length, 10);
    assert.equal(first.pageCount, 2);
    const second = await search('okapi', { page: 2 });
    assert.equal(second.hits.length, 2);
    assert.equal(second.total, 12);
    const seen = new Set([...first.hits, ...second.hits].map((h) => h.id));
    assert.equal(seen.size, 12, 'pages do not overlap');
    const beyond = await search('okapi', { page: 5 });
    assert.deepEqual([beyond.hits.length, beyond.total], [0, 12]);
  });

  it('Cyrillic matches case-insensitively; Ukrainian gets no English stemming', async () => {
    await buildArticle(getDatabase(), {
      title: 'КИЇВ ГОТУЄТЬСЯ ДО ЗИМИ',
      language: 'uk',
      html: '<p>Енергетики працюють.</p>',
    });
    await buildArticle(getDatabase(), {
      title: 'Вечірній київ',
      language: 'uk',
      html: '<p>Місто світиться.</p>',
    });
    assert.deepEqual((await titles('Київ')).sort(), ['Вечірній київ', 'КИЇВ ГОТУЄТЬСЯ ДО ЗИМИ']);
    assert.deepEqual(await titles('"київ готується"'), ['КИЇВ ГОТУЄТЬСЯ ДО ЗИМИ']);
    assert.deepEqual(await titles('Киів'), [], 'ї is not folded to і');

    await buildArticle(getDatabase(), {
      title: 'Marathon day',
      language: 'en',
      html: '<p>Thousands running.</p>',
    });
    await buildArticle(getDatabase(), {
      title: 'Cricket day',
      language: 'uk',
      html: '<p>Hundreds of runs.</p>',
    });
    // The trailing space ends the word, so no prefix matching: only stemming can match.
    const found = await titles('run ');
    assert.ok(found.includes('Marathon day'), 'English "running" is stemmed to "run"');
    assert.ok(!found.includes('Cricket day'), 'a non-English article is not stemmed');
  });

  it('filters through facet tokens give the same results as the join plan', async () => {
    const spread = ['2024-12-31T23:30:00Z', '2025-01-15T10:00:00Z', '2025-07-01T00:00:00Z'];
    for (const [n, publishedAt] of spread.entries())
      for (const tag of ['Tundra', 'Steppe'])
        await buildArticle(getDatabase(), {
          title: `Saiga count ${tag} ${n}`,
          html: '<p>Saiga antelope herds.</p>',
          tags: [tag],
          authors: [n % 2 === 0 ? 'Mariia Koval' : 'Petro Hnat'],
          published_at: publishedAt,
        });
    const cases: Array<Partial<SearchInput>> = [
      { tag: 'tundra' },
      { author: 'mariia-koval' },
      { tag: 'steppe', author: 'petro-hnat' },
      { from: '2025-01-01' },
      { to: '2025-01-01' },
      { from: '2025-01-01', to: '2025-06-30' },
      { from: '2020-01-01', to: '2025-12-31', tag: 'tundra' },
    ];
    for (const extra of cases) {
      const input = { q: 'saiga', page: 1, ...extra };
      const facets = await searchArticles(getDatabase().db, searchDeps, input);
      const join = await searchArticles(
        getDatabase().db,
        { ...searchDeps, filterPlan: 'join' },
        input,
      );
      assert.deepEqual(
        facets.hits.map((h) => h.title).sort(),
        join.hits.map((h) => h.title).sort(),
        JSON.stringify(extra),
      );
      assert.equal(facets.total, join.total, JSON.stringify(extra));
      assert.ok(facets.total > 0, JSON.stringify(extra));
    }
  });

  it('facet-like text in an article does not put it under a tag', async () => {
    const { db } = getDatabase();
    const steppe = await db
      .selectFrom('tags')
      .select('id')
      .where('slug', '=', 'steppe')
      .executeTakeFirstOrThrow();
    await buildArticle(getDatabase(), {
      title: 'Marmot burrows',
      tags: ['Burrows'],
      html: `<p>Marmots \uE010t${steppe.id} dig.</p>`,
    });
    assert.deepEqual(await titles('marmots'), ['Marmot burrows']);
    assert.deepEqual(await titles('marmots', { tag: 'steppe' }), []);
    assert.deepEqual(await titles('marmots', { tag: 'burrows' }), ['Marmot burrows']);
  });

  it('indexAllArticles rebuilds the index from the articles table', async () => {
    const { db } = getDatabase();
    await buildArticle(getDatabase(), { title: 'Bathyscaphe dive' });
    const count = await indexAllArticles(db);
    const published = await db
      .selectFrom('articles')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'published')
      .executeTakeFirstOrThrow();
    assert.equal(count, Number(published.n));
    assert.deepEqual(await titles('bathyscaphe'), ['Bathyscaphe dive']);
  });

  it('start-up fills an empty index when articles are published, and does nothing otherwise', async () => {
    const { db } = getDatabase();
    await buildArticle(getDatabase(), { title: 'Astrolabe restoration' });
    assert.equal(await ensureSearchIndex(db), undefined, 'an index with entries is left alone');
    await clearSearchDocuments(db);
    assert.deepEqual(await titles('astrolabe'), []);
    const indexed = await ensureSearchIndex(db);
    assert.ok(indexed !== undefined && indexed > 0);
    assert.deepEqual(await titles('astrolabe'), ['Astrolabe restoration']);
  });
});
