import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, it } from 'node:test';
import { describeEachDialect } from '../../platform/db/test-databases.js';
import { buildArticle, buildTestApp, signInAs, type TestApp } from '../../test-support/test-app.js';

type Headers = Record<string, string>;

/** Reads an SSE stream until `until` says the text so far is enough (or 5 s pass). */
function readStream(
  port: number,
  path: string,
  until: (text: string) => boolean,
  onOpen: () => Promise<void>,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path }, (res) => {
      let text = '';
      const timer = setTimeout(() => {
        req.destroy();
        resolve(text);
      }, 5000);
      res.setEncoding('utf8');
      let opened = false;
      res.on('data', (chunk: string) => {
        text += chunk;
        if (!opened && text.includes('event: ready')) {
          opened = true;
          onOpen().catch(reject);
        }
        if (until(text)) {
          clearTimeout(timer);
          req.destroy();
          resolve(text);
        }
      });
    });
    req.on('error', (error) => {
      if ((error as NodeJS.ErrnoException).code !== 'ECONNRESET') reject(error);
    });
    req.end();
  });
}

describeEachDialect('live coverage on the site', (getDatabase) => {
  let t: TestApp;
  let port: number;
  before(async () => {
    t = await buildTestApp(getDatabase());
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.app.server.address() as AddressInfo).port;
  });
  after(() => t.close());

  const call = (
    method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    headers: Headers,
    body?: unknown,
  ) =>
    t.app.inject({
      method,
      url,
      headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    });

  async function coverage() {
    const editor = await signInAs(t, 'editor');
    const article = await buildArticle(getDatabase(), {
      status: 'published',
      title: 'Ukraine war latest',
    });
    await call('PUT', `/api/admin/articles/${article.id}/live`, editor.headers, { state: 'live' });
    const post = async (body: Record<string, unknown>) => {
      const response = await call(
        'POST',
        `/api/admin/articles/${article.id}/live/updates`,
        editor.headers,
        {
          status: 'published',
          ...body,
        },
      );
      assert.equal(response.statusCode, 201, response.body);
      return (response.json() as { update: { id: number; version: number } }).update;
    };
    return { editor, article, post };
  }

  it('shows updates on the cached page, with LiveBlogPosting JSON-LD, the same bytes for every reader', async () => {
    const { article, post } = await coverage();
    const first = await post({
      headline: 'Sirens in Kyiv',
      html: '<p>An air raid alert is in force.</p>',
      key_event: true,
    });
    await post({ html: '<p>Trains are running <strong>on time</strong>.</p>' });
    const page = await t.app.inject({ url: `/${article.slug}/` });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /class="live-badge">Live</);
    assert.match(page.body, new RegExp(`id="update-${first.id}"`));
    assert.match(page.body, /Trains are running <strong>on time<\/strong>/);
    assert.match(page.body, /<nav class="live__key-events"/);
    const ld = [...page.body.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/gs)]
      .map((m) => JSON.parse(m[1] ?? '{}') as Record<string, unknown>)
      .find((d) => d['@type'] === 'LiveBlogPosting');
    assert.ok(ld, 'LiveBlogPosting JSON-LD');
    assert.ok(ld.coverageStartTime);
    assert.equal((ld.liveBlogUpdate as unknown[]).length, 2);
    const again = await t.app.inject({
      url: `/${article.slug}/`,
      headers: { cookie: 'consent=1; utm=x' },
    });
    assert.equal(again.body, page.body);
    assert.equal(again.headers['etag'], page.headers['etag']);
    assert.match(String(again.headers['surrogate-key']), new RegExp(`live:${article.id}`));
  });

  it('turns an article already read (and cached) into a live page when its coverage starts', async () => {
    const editor = await signInAs(t, 'editor');
    const article = await buildArticle(getDatabase(), {
      status: 'published',
      title: 'Storm warning',
    });
    const before = await t.app.inject({ url: `/${article.slug}/` });
    assert.doesNotMatch(before.body, /class="live"/);
    await call('PUT', `/api/admin/articles/${article.id}/live`, editor.headers, { state: 'live' });
    const after = await t.app.inject({ url: `/${article.slug}/` });
    assert.match(after.body, /class="live-badge"/);
  });

  it('marks an open coverage LIVE on the home page with its latest key events', async () => {
    const { article, post, editor } = await coverage();
    const key = await post({
      headline: 'Power restored in Kharkiv',
      html: '<p>Lights are back.</p>',
      key_event: true,
    });
    const home = await t.app.inject({ url: '/' });
    const card = new RegExp(`live-badge">Live</span> <a href="/${article.slug}/">`);
    assert.match(home.body, card);
    assert.match(
      home.body,
      new RegExp(
        `href="/${article.slug}/#update-${key.id}"><time[^>]*>[^<]*</time> Power restored in Kharkiv`,
      ),
    );
    await call('PUT', `/api/admin/articles/${article.id}/live`, editor.headers, { state: 'ended' });
    const after = await t.app.inject({ url: '/' });
    assert.doesNotMatch(after.body, card, 'the purge of the home page drops the badge');
    const page = await t.app.inject({ url: `/${article.slug}/` });
    assert.match(page.body, /This live coverage has ended/);
  });

  it('serves live.json cached with an ETag and purges it (and the page) with every update', async () => {
    const { article, post, editor } = await coverage();
    const one = await post({ html: '<p>First.</p>' });
    const json = await t.app.inject({ url: `/${article.slug}/live.json` });
    assert.equal(json.statusCode, 200);
    assert.match(String(json.headers['cache-control']), /max-age=5/);
    const etag = String(json.headers['etag']);
    const notModified = await t.app.inject({
      url: `/${article.slug}/live.json`,
      headers: { 'if-none-match': etag },
    });
    assert.equal(notModified.statusCode, 304);
    const data = json.json() as { updates: { id: number; html: string }[]; digest: string };
    assert.deepEqual(
      data.updates.map((u) => u.id),
      [one.id],
    );
    await call('PATCH', `/api/admin/live/updates/${one.id}`, editor.headers, {
      version: one.version,
      html: '<p>First, corrected.</p>',
    });
    const after = await t.app.inject({
      url: `/${article.slug}/live.json`,
      headers: { 'if-none-match': etag },
    });
    assert.equal(after.statusCode, 200);
    assert.match(after.body, /First, corrected/);
    assert.notEqual((after.json() as { digest: string }).digest, data.digest);
    assert.equal(
      (await t.app.inject({ url: `/${article.slug}/live.json?before=abc` })).statusCode,
      400,
    );
  });

  it('pages older updates without JavaScript, and gives each update its own page and feeds', async () => {
    const { article, post } = await coverage();
    const ids: number[] = [];
    for (let i = 1; i <= 23; i += 1)
      ids.push((await post({ html: `<p>Update number ${i}.</p>` })).id);
    const page = await t.app.inject({ url: `/${article.slug}/` });
    const more = /href="(\/[^"]+\/updates\/\?before=\d+)"/.exec(page.body);
    assert.ok(more, 'a "load earlier" link');
    assert.doesNotMatch(page.body, /Update number 3\./);
    const older = await t.app.inject({ url: more[1] ?? '' });
    assert.equal(older.statusCode, 200);
    assert.match(older.body, /Update number 3\./);
    assert.match(older.body, /Update number 1\./);
    assert.doesNotMatch(older.body, /Update number 23\./);

    const single = await t.app.inject({ url: `/${article.slug}/updates/${ids[4]}/` });
    assert.equal(single.statusCode, 200);
    assert.match(single.body, /<meta property="og:title" content="Update number 5\./);
    assert.match(
      single.body,
      new RegExp(`<link rel="canonical" href="[^"]+/${article.slug}/updates/${ids[4]}/"`),
    );
    assert.equal(
      (await t.app.inject({ url: `/${article.slug}/updates/99999999/` })).statusCode,
      404,
    );
    const rss = await t.app.inject({ url: `/${article.slug}/updates/rss/` });
    assert.equal(rss.statusCode, 200);
    assert.match(rss.body, /Update number 23\./);
    const feed = await t.app.inject({ url: `/${article.slug}/updates/feed.json` });
    assert.equal((feed.json() as { items: unknown[] }).items.length, 20);
    assert.equal((await t.app.inject({ url: '/no-such-article/live.json' })).statusCode, 404);
  });

  it('streams new, edited and deleted updates over Server-Sent Events', async () => {
    const { article, post, editor } = await coverage();
    const first = await post({ html: '<p>Before the stream.</p>' });
    let second: { id: number; version: number } | undefined;
    const text = await readStream(
      port,
      `/${article.slug}/live/stream`,
      (so) => so.includes('event: delete'),
      async () => {
        second = await post({ html: '<p>Posted while you watch.</p>', key_event: true });
        await new Promise((r) => setTimeout(r, 100));
        await call('PATCH', `/api/admin/live/updates/${first.id}`, editor.headers, {
          version: first.version,
          html: '<p>Edited live.</p>',
        });
        await new Promise((r) => setTimeout(r, 100));
        await call('DELETE', `/api/admin/live/updates/${first.id}`, editor.headers);
      },
    );
    assert.ok(second);
    assert.match(text, /event: update\ndata: \{"id":\d+/);
    assert.match(text, /Posted while you watch/);
    assert.match(text, /event: edit\n/);
    assert.match(text, /Edited live/);
    assert.match(text, new RegExp(`event: delete\\ndata: \\{"id":${first.id}\\}`));
    assert.match(text, /event: blocks\n/, 'the key events list changed');
  });

  it('ends the streams of an article that is unpublished', async () => {
    const { article, post, editor } = await coverage();
    await post({ html: '<p>One.</p>' });
    const text = await readStream(
      port,
      `/${article.slug}/live/stream`,
      (so) => so.includes('event: gone'),
      async () => {
        const response = await call(
          'POST',
          `/api/admin/articles/${article.id}/unpublish`,
          editor.headers,
        );
        assert.equal(response.statusCode, 200, response.body);
      },
    );
    assert.match(text, /event: gone/);
  });

  it('resynchronizes a reader whose page is older than the stream', async () => {
    const { article, post } = await coverage();
    await post({ html: '<p>One.</p>' });
    const text = await readStream(
      port,
      `/${article.slug}/live/stream?since=stale`,
      (so) => so.includes('event: resync'),
      async () => undefined,
    );
    assert.match(text, /event: resync/);
  });
});
