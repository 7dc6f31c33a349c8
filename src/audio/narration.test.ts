import assert from 'node:assert/strict';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { XMLParser } from 'fast-xml-parser';
import { describeEachDialect } from '../platform/db/test-databases.js';
import { buildTestApp, buildToken, type TestApp } from '../test-support/test-app.js';
import { describeMp3 } from './encode/mp3-frames.js';
import { narrateArticle } from './narration.service.js';

const paragraphs = [
  'The council met on Tuesday.',
  'It approved the budget for 2027.',
  'Residents will vote in March.',
];
const bodyHtml = (items: string[]) =>
  `${items.map((p) => `<p>${p}</p>`).join('')}<figure><img src="https://img.test/a.jpg" alt="x"><figcaption>A caption nobody hears</figcaption></figure>`;
const hostileTitle = 'Budget <script>alert(1)</script> & "cuts"';

describeEachDialect('narration: publish → job → page, audio, feed', (getDatabase) => {
  let test: TestApp;
  let token: string;
  let articleId = 0;
  let slug = '';
  const api = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
    test.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}` },
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });

  before(async () => {
    test = await buildTestApp(getDatabase());
    token = await buildToken(getDatabase(), 'editor');
  });
  after(() => test.close());

  async function queuedNarrationJobs() {
    return getDatabase()
      .db.selectFrom('jobs')
      .select(['id', 'payload', 'idempotency_key'])
      .where('name', '=', 'audio.narrate')
      .where('status', '=', 'queued')
      .execute();
  }

  it('publishing enqueues a narration job in the same transaction, and the job makes the audio', async () => {
    const created = await api('POST', '/api/admin/articles', {
      title: hostileTitle,
      authors: ['Olena Shevchuk'],
      tags: ['City'],
      status: 'published',
      html: bodyHtml(paragraphs),
    });
    assert.equal(created.statusCode, 201, created.body);
    const article = created.json<{ article: { id: number; slug: string } }>().article;
    articleId = article.id;
    slug = article.slug;
    const jobs = await queuedNarrationJobs();
    assert.equal(jobs.length, 1);
    assert.match(jobs[0]?.idempotency_key ?? '', new RegExp(`^narrate:${articleId}:\\d+$`));

    // Read before the audio exists: no player (the page and its fragments are then purged).
    const before = await test.app.inject({ method: 'GET', url: `/${slug}/` });
    assert.equal(before.statusCode, 200);
    assert.doesNotMatch(before.body, /data-audio-player/);
    const result = await narrateArticle(test.services, articleId);
    assert.equal(result.status, 'ready');
    assert.equal(result.paragraphs, 4, 'headline and three paragraphs (the caption is skipped)');
    assert.equal(result.synthesized, 4);
    assert.ok(
      test.purged.includes(`article:${articleId}`),
      'the page is purged when audio is ready',
    );

    const status = await api('GET', `/api/admin/articles/${articleId}/narration`);
    const narration = status.json<{
      narration: { status: string; url: string; duration_seconds: number };
    }>().narration;
    assert.equal(narration.status, 'ready');
    assert.match(narration.url, /^http:\/\/news\.test\/audio\/[0-9a-f]{32}\.mp3$/);
  });

  it('shows the player on the page; its audio serves with ranges, HEAD and long caching', async () => {
    const page = await test.app.inject({ method: 'GET', url: `/${slug}/` });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /This audio is created with AI assistance/);
    const src = /<audio controls preload="none" src="(\/audio\/[0-9a-f]{32}\.mp3)"/.exec(
      page.body,
    )?.[1];
    assert.ok(src, 'a native audio element with the file');
    assert.match(
      page.body,
      /<script src="\/assets\/audio-player\.[0-9a-f]{10}\.js" defer><\/script>/,
    );
    assert.equal((page.body.match(/data-narration-p="\d"/g) ?? []).length, 3);
    assert.doesNotMatch(page.body, /<script>alert/);

    const full = await test.app.inject({ method: 'GET', url: src });
    assert.equal(full.statusCode, 200);
    assert.equal(full.headers['content-type'], 'audio/mpeg');
    assert.equal(full.headers['accept-ranges'], 'bytes');
    assert.equal(full.headers['cache-control'], 'public, max-age=31536000, immutable');
    const bytes = full.rawPayload;
    const mp3 = describeMp3(bytes);
    assert.equal(mp3.sampleRate, 44100);
    assert.equal(mp3.channels, 1);
    assert.ok(mp3.durationSeconds > 4 && mp3.durationSeconds < 20, `${mp3.durationSeconds} s`);
    const row = await getDatabase()
      .db.selectFrom('narrations')
      .selectAll()
      .where('article_id', '=', articleId)
      .executeTakeFirstOrThrow();
    assert.equal(row.bytes, bytes.length);
    assert.ok(Math.abs(row.duration_ms / 1000 - mp3.durationSeconds) < 0.01);
    const timings = JSON.parse(row.paragraphs) as { index: number; startMs: number }[];
    assert.deepEqual(
      timings.map((t) => t.index),
      [-1, 0, 1, 2],
    );
    assert.equal(timings[0]?.startMs, 0);

    const head = await test.app.inject({ method: 'HEAD', url: src });
    assert.equal(head.statusCode, 200);
    assert.equal(head.headers['content-length'], String(bytes.length));
    assert.equal(head.rawPayload.length, 0);

    const ranged = await test.app.inject({
      method: 'GET',
      url: src,
      headers: { range: 'bytes=100-199' },
    });
    assert.equal(ranged.statusCode, 206);
    assert.equal(ranged.headers['content-range'], `bytes 100-199/${bytes.length}`);
    assert.deepEqual(ranged.rawPayload, bytes.subarray(100, 200));
    const suffix = await test.app.inject({
      method: 'GET',
      url: src,
      headers: { range: 'bytes=-10' },
    });
    assert.equal(suffix.statusCode, 206);
    assert.deepEqual(suffix.rawPayload, bytes.subarray(bytes.length - 10));
    const beyond = await test.app.inject({
      method: 'GET',
      url: src,
      headers: { range: `bytes=${bytes.length}-` },
    });
    assert.equal(beyond.statusCode, 416);
    assert.equal(beyond.headers['content-range'], `bytes */${bytes.length}`);
    const cached = await test.app.inject({
      method: 'GET',
      url: src,
      headers: { 'if-none-match': full.headers.etag as string },
    });
    assert.equal(cached.statusCode, 304);

    for (const bad of [
      '/audio/..%2F..%2Fetc%2Fpasswd',
      '/audio/ABC.mp3',
      `/audio/${'0'.repeat(32)}.mp3`,
    ])
      assert.equal((await test.app.inject({ method: 'GET', url: bad })).statusCode, 404, bad);
  });

  it('lists the narration in the podcast feed, escaped, with the exact enclosure length', async () => {
    const response = await test.app.inject({ method: 'GET', url: '/podcast.xml' });
    assert.equal(response.statusCode, 200);
    assert.match(response.headers['content-type'] as string, /^application\/rss\+xml/);
    assert.doesNotMatch(response.body, /<script>/);
    const feed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(
      response.body,
    ) as {
      rss: {
        channel: {
          title: string;
          language: string;
          'itunes:category': { text: string };
          'itunes:explicit': string | boolean;
          item: Record<string, unknown> | Record<string, unknown>[];
        };
      };
    };
    const channel = feed.rss.channel;
    assert.equal(channel.language, 'en');
    assert.equal(channel['itunes:category'].text, 'News');
    const items = ([] as Record<string, unknown>[]).concat(channel.item);
    assert.equal(items.length, 1);
    const item = items[0] as {
      title: string;
      guid: { '#text': string };
      pubDate: string;
      enclosure: { url: string; length: string; type: string };
    };
    assert.equal(item.title, hostileTitle, 'the title survives escaping intact');
    const uuid = await getDatabase()
      .db.selectFrom('articles')
      .select('uuid')
      .where('id', '=', articleId)
      .executeTakeFirstOrThrow();
    assert.equal(item.guid['#text'], uuid.uuid);
    assert.match(item.pubDate, /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
    assert.equal(item.enclosure.type, 'audio/mpeg');
    const file = item.enclosure.url.replace('http://news.test/audio/', '');
    const size = (await stat(join(test.services.config.dataDir, 'audio', file))).size;
    assert.equal(Number(item.enclosure.length), size);
  });

  it('an edit re-synthesizes only the paragraph that changed', async () => {
    const edited = [
      paragraphs[0] ?? '',
      'It approved the budget for 2028 after a long debate.',
      paragraphs[2] ?? '',
    ];
    const response = await api('PATCH', `/api/admin/articles/${articleId}`, {
      html: bodyHtml(edited),
    });
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(
      (await queuedNarrationJobs()).length,
      2,
      'the edit enqueued a narration of the new version',
    );
    const result = await narrateArticle(test.services, articleId);
    assert.equal(result.paragraphs, 4);
    assert.equal(result.synthesized, 1, 'three paragraphs came from the cache');
  });

  it('listening beacons are counted without personal data, and stats add them up', async () => {
    for (const event of ['play', 'play', '25', '100'])
      assert.equal(
        (
          await test.app.inject({
            method: 'POST',
            url: '/audio/beacon',
            payload: { article: articleId, event },
          })
        ).statusCode,
        204,
      );
    const bad = await test.app.inject({
      method: 'POST',
      url: '/audio/beacon',
      payload: { article: articleId, event: 'skip' },
    });
    assert.equal(bad.statusCode, 422);
    const stats = await api('GET', '/api/admin/audio/stats');
    const body = stats.json<{
      articles: { article_id: number; plays: number; completion: Record<string, number> }[];
    }>();
    const entry = body.articles.find((a) => a.article_id === articleId);
    assert.equal(entry?.plays, 2);
    assert.equal(entry?.completion['25'], 1);
    assert.equal(entry?.completion['100'], 1);
    const columns = Object.keys(
      await getDatabase().db.selectFrom('audio_listens').selectAll().executeTakeFirstOrThrow(),
    );
    assert.deepEqual(columns.sort(), ['article_id', 'count', 'day', 'event']);
  });

  it('unpublishing removes the player and the feed item', async () => {
    const response = await api('POST', `/api/admin/articles/${articleId}/unpublish`);
    assert.equal(response.statusCode, 200, response.body);
    const page = await test.app.inject({ method: 'GET', url: `/${slug}/` });
    assert.equal(page.statusCode, 410);
    assert.doesNotMatch(page.body, /data-audio-player/);
    const feed = await test.app.inject({ method: 'GET', url: '/podcast.xml' });
    assert.doesNotMatch(feed.body, /<item>/);
    const regenerate = await api('POST', `/api/admin/articles/${articleId}/narration/regenerate`);
    assert.equal(regenerate.statusCode, 409);
  });
});
