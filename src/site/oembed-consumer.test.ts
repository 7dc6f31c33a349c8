import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { renderArticleBody } from './article-body.js';
import { renderEmbedHtml } from '../content/document/embed-html.js';
import { describeEachDialect } from '../platform/db/test-databases.js';
import { isBlockedAddress } from '../platform/http/ip-ranges.js';
import { createSafeFetch, type SafeFetchPolicy } from '../platform/http/safe-fetch.js';
import { createLogger } from '../platform/logger.js';
import { buildArticle, buildTestApp, buildToken } from '../test-support/test-app.js';
import { documentLabels } from './i18n/document-labels.js';
import {
  loadEmbedPresentations,
  type OEmbedConsumerDeps,
  refreshEmbeds,
} from './oembed-consumer.service.js';
import { enqueueEmbedFetch, oembedFetchJob } from './oembed-fetch.job.js';
import { defaultOEmbedProviders, type OEmbedProvider } from './oembed-providers.js';
import { presentationFromOEmbed } from './oembed-sanitize.js';

// Providers are local servers on 127.0.0.1. Safe fetch refuses loopback by default; these tests
// pass a policy in code that allows exactly the test server's port (no config can do this).
const loopbackPort = (port: number): SafeFetchPolicy => ({
  isAllowed: (address, p) => p === port && (address === '127.0.0.1' || !isBlockedAddress(address)),
});

const videoProvider = (endpoint: string): OEmbedProvider => ({
  id: 'video',
  name: 'Video Test',
  endpoint,
  urlPatterns: [/^https:\/\/video\.test\//],
  frameHosts: ['player.video.test'],
  frameAllow: 'fullscreen',
});

const labels = documentLabels('en');

describe('oEmbed answers are sanitized', () => {
  const provider = videoProvider('https://video.test/oembed');
  const base = { title: 'A clip', author_name: '', provider_name: '', url: '', thumbnail_url: '' };

  it('keeps only an iframe from the provider frame hosts, rebuilt by us', () => {
    const presentation = presentationFromOEmbed(provider, {
      ...base,
      type: 'video',
      width: 640,
      height: 360,
      html: '<script>alert(1)</script><iframe src="https://player.video.test/e/1" onload="alert(2)" style="x" width="560" height="315"></iframe>',
    });
    assert.deepEqual(presentation, {
      kind: 'frame',
      src: 'https://player.video.test/e/1',
      width: 560,
      height: 315,
      title: 'A clip',
      allow: 'fullscreen',
      providerName: 'Video Test',
    });
    const html = renderEmbedHtml('https://video.test/1', provider, presentation, labels);
    assert.match(
      html,
      /<iframe src="https:\/\/player\.video\.test\/e\/1" title="A clip" width="560" height="315" style="aspect-ratio:560\/315" loading="lazy" sandbox="allow-scripts /,
    );
    assert.doesNotMatch(html, /onload|<script|style="x"/);
  });

  it('falls back to a link card for frames elsewhere, javascript: frames and script embeds', () => {
    for (const html of [
      '<iframe src="https://evil.test/e/1"></iframe>',
      '<iframe src="javascript:alert(1)//player.video.test"></iframe>',
      '<iframe src="http://player.video.test/e/1"></iframe>',
      '<iframe src="https://player.video.test:8443/e/1"></iframe>',
      '<blockquote class="twitter-tweet"><p>Hi</p></blockquote><script src="https://platform.twitter.com/widgets.js"></script>',
    ]) {
      const presentation = presentationFromOEmbed(provider, {
        ...base,
        type: 'rich',
        width: null,
        height: null,
        html,
        author_name: 'Someone <b>',
        thumbnail_url: 'https://img.video.test/t.jpg',
      });
      assert.equal(presentation.kind, 'card', html);
      const out = renderEmbedHtml('https://video.test/1', provider, presentation, labels);
      assert.doesNotMatch(out, /<iframe|<script|<b>/);
      assert.match(
        out,
        /<a href="https:\/\/video\.test\/1" rel="noopener"><img src="https:\/\/img\.video\.test\/t\.jpg"/,
      );
    }
  });

  it('a photo becomes a card with its image; insecure thumbnails are dropped', () => {
    const photo = presentationFromOEmbed(provider, {
      ...base,
      type: 'photo',
      width: 1024,
      height: 768,
      html: '',
      url: 'https://live.staticflickr.test/1.jpg',
    });
    assert.equal(
      photo.kind === 'card' && photo.thumbnailUrl,
      'https://live.staticflickr.test/1.jpg',
    );
    const insecure = presentationFromOEmbed(provider, {
      ...base,
      type: 'link',
      width: null,
      height: null,
      html: '',
      thumbnail_url: 'http://img.video.test/t.jpg',
    });
    assert.equal(insecure.kind === 'card' && insecure.thumbnailUrl, null);
  });

  it('renders a plain link without a presentation, in the reader language', () => {
    assert.equal(
      renderEmbedHtml('https://video.test/1', provider, undefined, documentLabels('uk')),
      '<p class="embed embed--video"><a href="https://video.test/1" rel="noopener">Переглянути на Video Test</a></p>',
    );
  });
});

/** A provider on 127.0.0.1 that answers every request with `answer()` and counts requests. */
async function startProvider(
  answer: (url: URL) => { status: number; body: string; location?: string },
) {
  const requests: URL[] = [];
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    requests.push(url);
    const reply = answer(url);
    response.writeHead(reply.status, {
      'content-type': 'application/json',
      ...(reply.location ? { location: reply.location } : {}),
    });
    response.end(reply.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    endpoint: `http://127.0.0.1:${port}/oembed`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const frameAnswer = (src: string) => ({
  status: 200,
  body: JSON.stringify({
    version: '1.0',
    type: 'video',
    title: 'Clip <one>',
    provider_name: 'Video Test',
    html: `<iframe src="${src}" width="640" height="360"></iframe>`,
    width: 640,
    height: 360,
    cache_age: 86400,
  }),
});

describeEachDialect('oEmbed consumer', (getDatabase) => {
  let provider: Awaited<ReturnType<typeof startProvider>>;
  let mode: 'frame' | 'error' | 'redirect' | 'youtube' = 'frame';
  before(async () => {
    provider = await startProvider(() => {
      if (mode === 'error') return { status: 500, body: 'oops' };
      if (mode === 'redirect')
        return { status: 302, body: '', location: `http://127.0.0.1:${provider.port + 1}/oembed` };
      if (mode === 'youtube') return frameAnswer('https://www.youtube-nocookie.com/embed/abc123');
      return frameAnswer('https://player.video.test/e/1');
    });
  });
  after(() => provider.close());

  const deps = (overrides: Partial<OEmbedConsumerDeps> = {}): OEmbedConsumerDeps => ({
    fetch: createSafeFetch(loopbackPort(provider.port)),
    providers: [videoProvider(provider.endpoint)],
    now: () => new Date(),
    ...overrides,
  });

  it('fetches an allow-listed embed once, caches the sanitized frame with the provider TTL', async () => {
    mode = 'frame';
    const before = provider.requests.length;
    const url = 'https://video.test/watch/1';
    const report = await refreshEmbeds(getDatabase().db, deps(), [url, url]);
    assert.deepEqual(report, { fetched: 1, failed: [], skipped: 0 });
    const asked = provider.requests.at(-1);
    assert.equal(asked?.searchParams.get('url'), url);
    assert.equal(asked?.searchParams.get('format'), 'json');
    const again = await refreshEmbeds(getDatabase().db, deps(), [url]);
    assert.deepEqual(again, { fetched: 0, failed: [], skipped: 1 });
    assert.equal(provider.requests.length, before + 1);
    const row = await getDatabase()
      .db.selectFrom('oembed_cache')
      .selectAll()
      .where('url', '=', url)
      .executeTakeFirstOrThrow();
    assert.equal(row.status, 'ok');
    assert.doesNotMatch(row.presentation ?? '', /<iframe/);
    const ttl = Date.parse(row.expires_at) - Date.parse(row.fetched_at);
    assert.equal(ttl, 86400_000);
    const shown = await loadEmbedPresentations(getDatabase().db, [url], deps().providers);
    assert.equal(shown.get(url)?.kind, 'frame');
    // Not on the allow-list passed at render time: a plain link.
    assert.equal((await loadEmbedPresentations(getDatabase().db, [url])).size, 0);
  });

  it('a provider error is cached as a failure and the embed renders as a link', async () => {
    mode = 'error';
    const url = 'https://video.test/watch/2';
    const report = await refreshEmbeds(getDatabase().db, deps(), [url]);
    assert.equal(report.failed.length, 1);
    assert.match(report.failed[0]?.error ?? '', /answered 500/);
    assert.equal((await loadEmbedPresentations(getDatabase().db, [url], deps().providers)).size, 0);
  });

  it('refuses a provider endpoint on 127.0.0.1 or localhost with the default policy (SSRF)', async () => {
    mode = 'frame';
    const before = provider.requests.length;
    const endpoints = [provider.endpoint, `http://localhost:${provider.port}/oembed`];
    for (const [index, endpoint] of endpoints.entries()) {
      const url = `https://video.test/watch/ssrf-${index}`;
      const report = await refreshEmbeds(
        getDatabase().db,
        deps({ fetch: createSafeFetch(), providers: [videoProvider(endpoint)] }),
        [url],
      );
      assert.equal(report.failed.length, 1, endpoint);
      assert.match(report.failed[0]?.error ?? '', /private or local address/);
    }
    assert.equal(provider.requests.length, before, 'no request reached the local server');
  });

  it('re-checks redirects: a provider redirecting to another local port is refused', async () => {
    mode = 'redirect';
    const report = await refreshEmbeds(getDatabase().db, deps(), ['https://video.test/watch/3']);
    assert.match(report.failed[0]?.error ?? '', /private or local address/);
  });

  it('asks about a pasted YouTube player URL as its watch page', async () => {
    mode = 'youtube';
    const youtube = defaultOEmbedProviders.find((p) => p.id === 'youtube');
    assert.ok(youtube);
    const url = 'https://www.youtube.com/embed/abc123';
    const report = await refreshEmbeds(
      getDatabase().db,
      deps({ providers: [{ ...youtube, endpoint: provider.endpoint }] }),
      [url],
    );
    assert.equal(report.fetched, 1);
    assert.equal(
      provider.requests.at(-1)?.searchParams.get('url'),
      'https://www.youtube.com/watch?v=abc123',
    );
    assert.equal((await loadEmbedPresentations(getDatabase().db, [url])).get(url)?.kind, 'frame');
  });

  it('asks nothing about URLs that are not on the allow-list', async () => {
    const before = provider.requests.length;
    const report = await refreshEmbeds(getDatabase().db, deps(), ['https://evil.test/x']);
    assert.deepEqual(report, { fetched: 0, failed: [], skipped: 1 });
    assert.equal(provider.requests.length, before);
  });

  it('the job fills the cache for an article, purges its page, and the body renders the frame', async () => {
    mode = 'youtube';
    const url = 'https://www.youtube.com/watch?v=abc123';
    const article = await buildArticle(getDatabase(), {
      html: `<p>Watch:</p><figure class="wp-block-embed"><div>${url}</div></figure>`,
    });
    const linkOnly = await renderArticleBody(getDatabase().db, article.doc, '');
    assert.match(
      linkOnly,
      /<p class="embed embed--youtube"><a href="https:\/\/www\.youtube\.com\/watch\?v=abc123" rel="noopener">View on YouTube<\/a><\/p>/,
    );
    const purged: string[] = [];
    const youtube: OEmbedProvider = {
      ...videoProvider(provider.endpoint),
      id: 'youtube',
      urlPatterns: [/^https:\/\/www\.youtube\.com\/watch/],
      frameHosts: ['www.youtube-nocookie.com'],
    };
    await oembedFetchJob.handler(
      { articleId: article.id },
      {
        database: getDatabase(),
        purger: { purge: async (keys: string[]) => void purged.push(...keys) } as never,
        now: () => new Date(),
        oembed: deps({ providers: [youtube] }),
      },
      {
        jobId: 1,
        attempt: 1,
        logger: createLogger('silent'),
        signal: new AbortController().signal,
      },
    );
    assert.deepEqual(purged, [`article:${article.id}`, 'feeds']);
    const body = await renderArticleBody(getDatabase().db, article.doc, '', undefined, {
      language: 'uk',
    });
    assert.match(
      body,
      /<figure class="embed embed--youtube embed--frame"><iframe src="https:\/\/www\.youtube-nocookie\.com\/embed\/abc123" title="Clip &lt;one&gt;" width="640" height="360" style="aspect-ratio:640\/360" loading="lazy" sandbox="[^"]+" allow="fullscreen" referrerpolicy="strict-origin-when-cross-origin" allowfullscreen><\/iframe><figcaption><a href="https:\/\/www\.youtube\.com\/watch\?v=abc123" rel="noopener">Переглянути на YouTube<\/a><\/figcaption><\/figure>/,
    );
  });

  it('saving an article with an allow-listed embed enqueues the fetch job; without one, nothing', async () => {
    const app = await buildTestApp(getDatabase());
    try {
      const token = await buildToken(getDatabase(), 'editor');
      const create = async (html: string) => {
        const response = await app.app.inject({
          method: 'POST',
          url: '/api/admin/articles',
          headers: { authorization: `Bearer ${token}` },
          payload: {
            title: `Embeds ${html.length}`,
            authors: ['A'],
            tags: [],
            status: 'draft',
            html,
          },
        });
        assert.equal(response.statusCode, 201, response.body);
        return (response.json() as { article: { id: number } }).article.id;
      };
      const jobs = async (id: number) =>
        getDatabase()
          .db.selectFrom('jobs')
          .select('id')
          .where('name', '=', 'site.oembed-fetch')
          .where('idempotency_key', 'like', `oembed:${id}:%`)
          .execute();
      const withEmbed = await create(
        '<p><iframe src="https://player.vimeo.com/video/76979871"></iframe></p>',
      );
      assert.equal((await jobs(withEmbed)).length, 1);
      const plain = await create('<p>No embeds here.</p>');
      assert.equal((await jobs(plain)).length, 0);
      // Direct: an embed from a provider that is kept but not on the oEmbed allow-list.
      await enqueueEmbedFetch(getDatabase().db, { id: plain, version: 99 }, [
        'https://www.instagram.com/p/x/',
      ]);
      assert.equal((await jobs(plain)).length, 0);
    } finally {
      await app.close();
    }
  });
});
