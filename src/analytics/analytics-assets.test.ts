import assert from 'node:assert/strict';
import { runInNewContext } from 'node:vm';
import { gunzipSync } from 'node:zlib';
import { after, describe, it } from 'node:test';
import Fastify from 'fastify';
import { describeEachDialect } from '../platform/db/test-databases.js';
import { renderSlot } from '../site/slots.js';
import { analyticsScript, compactScript, touchScript } from './analytics-assets.js';
import { registerAnalyticsAssetRoutes } from './analytics-assets.routes.js';
import {
  analyticsSettingsSchema,
  refreshAnalyticsSettings,
  storeAnalyticsSettings,
} from './analytics-settings.js';
import { registerAnalyticsSlot } from './analytics-slots.js';

// The beacon as readers get it: small, cached for a year, on every page only while analytics
// is on, and sending the collector's protocol (run here against a stand-in browser).

type Handler = (event: unknown) => void;

/** Runs the served script in a stand-in browser; returns what it sent and its listeners. */
function runBeacon(
  options: { doNotTrack?: string; articleId?: string; referrer?: string; form?: boolean } = {},
) {
  const beacons: Array<{ url: string; body: Record<string, unknown> }> = [];
  const scripts: Array<{ src?: string }> = [];
  const listeners = new Map<string, Handler>();
  const listen = (type: string, handler: Handler) => listeners.set(type, handler);
  const document = {
    visibilityState: 'visible',
    referrer: options.referrer ?? 'https://search.example/',
    documentElement: { getBoundingClientRect: () => ({ top: 0, height: 4000 }) },
    head: { appendChild: (script: { src?: string }) => (scripts.push(script), script) },
    createElement: () => ({}),
    querySelector: (selector: string) =>
      selector !== '[data-article-id]'
        ? options.form
          ? {}
          : null
        : options.articleId === undefined
          ? null
          : {
              dataset: { articleId: options.articleId },
              getBoundingClientRect: () => ({ top: 100, height: 1600 }),
            },
    querySelectorAll: () => [],
    addEventListener: listen,
  };
  const window = {
    location: {
      pathname: '/a-story/',
      search: '?utm_source=x',
      host: 'news.example',
      origin: 'https://news.example',
    },
    innerWidth: 390,
    innerHeight: 800,
    addEventListener: listen,
    IntersectionObserver: class {
      observe() {}
      unobserve() {}
    },
  };
  const navigator = {
    doNotTrack: options.doNotTrack ?? null,
    sendBeacon(url: string, body: string) {
      beacons.push({ url, body: JSON.parse(body) as Record<string, unknown> });
      return true;
    },
  };
  runInNewContext(analyticsScript().body.toString('utf8'), { window, document, navigator, Date });
  return { beacons, listeners, document, scripts };
}

/** Runs the touch script on a page visit with a stand-in localStorage; returns its state. */
function runTouch(
  storage: Record<string, string>,
  visit: { referrer: string; search?: string; path?: string; now: number },
) {
  const listeners = new Map<string, Handler>();
  const document = {
    referrer: visit.referrer,
    addEventListener: (type: string, handler: Handler) => listeners.set(type, handler),
  };
  const location = {
    origin: 'https://news.example',
    search: visit.search ?? '',
    pathname: visit.path ?? '/a-story/',
  };
  const clock = { now: () => visit.now };
  runInNewContext(touchScript().body.toString('utf8'), {
    document,
    window: { location },
    localStorage: storage,
    Date: clock,
    JSON,
  });
  return { listeners, touches: JSON.parse(storage.mt ?? '{}') as Record<string, unknown> };
}

describe('the analytics beacon', () => {
  it('is served within 1 KB compressed, and still parses once compacted', () => {
    const script = analyticsScript();
    assert.match(script.path, /^\/stats\/s\.[0-9a-f]{10}\.js$/);
    assert.ok(script.gzip.length <= 1024, `gzip: ${script.gzip.length} bytes`);
    assert.ok(script.brotli.length <= 1024, `brotli: ${script.brotli.length} bytes`);
    assert.equal(gunzipSync(script.gzip).toString(), script.body.toString());
    assert.doesNotMatch(script.body.toString(), /\/\/ |\n\n|^\s/m, 'comments and indentation gone');
    assert.doesNotThrow(() => new Function(script.body.toString()));
  });

  it('compacts without touching strings or merging tokens', () => {
    assert.equal(
      compactScript("// why\n  var a = 'x  y', b = a + +1;\n  f(\n    a,\n  );\n"),
      "var a='x  y',b=a+ +1;f(a);",
    );
  });

  it('sends the view at once, with referrer and query, and the rest when the page is hidden', () => {
    const { beacons, listeners, document } = runBeacon({ articleId: '42' });
    assert.equal(beacons.length, 1);
    assert.deepEqual(beacons[0], {
      url: '/api/event',
      body: {
        p: '/a-story/',
        a: 42,
        r: 'https://search.example/',
        q: '?utm_source=x',
        w: 390,
        e: [{ t: 'view' }],
      },
    });
    const link = (href: string, host: string, prompt?: string) => ({
      target: {
        closest: (selector: string) =>
          selector === 'a[href]'
            ? {
                href,
                host,
                closest: () =>
                  prompt ? { tagName: 'A', dataset: { supportPrompt: prompt } } : null,
              }
            : null,
      },
    });
    listeners.get('click')?.(link('https://elsewhere.example/x', 'elsewhere.example'));
    listeners.get('click')?.(link('https://news.example/support/', 'news.example', 'afterBody'));
    assert.equal(listeners.has('play'), false, 'plays are the audio player’s own count');
    document.visibilityState = 'hidden';
    listeners.get('visibilitychange')?.({});
    assert.equal(beacons.length, 2);
    const batch = beacons[1]?.body;
    assert.equal(batch?.r, undefined, 'the referrer travels with the view only');
    assert.equal(batch?.a, 42);
    assert.deepEqual(batch?.e, [
      { t: 'scroll', d: 25 },
      { t: 'click', k: 'out', h: 'https://elsewhere.example/x' },
      { t: 'click', k: 'in', h: 'https://news.example/support/' },
      { t: 'prompt-click', n: 'after-body' },
    ]);
    listeners.get('pagehide')?.({});
    assert.equal(beacons.length, 2, 'nothing left to send');
  });

  it('loads the touch script only on a page not reached from this site, or with a form', () => {
    assert.deepEqual(runBeacon().scripts, [{ src: touchScript().path }]);
    assert.deepEqual(runBeacon({ referrer: '' }).scripts, [{ src: touchScript().path }]);
    const internal = 'https://news.example/earlier-story/';
    assert.deepEqual(runBeacon({ referrer: internal }).scripts, []);
    assert.equal(runBeacon({ referrer: internal, form: true }).scripts.length, 1);
    assert.match(touchScript().path, /^\/stats\/t\.[0-9a-f]{10}\.js$/);
    assert.ok(touchScript().gzip.length <= 512, `touch gzip: ${touchScript().gzip.length} bytes`);
  });

  it('remembers the first and last visit from elsewhere for 30 days, and adds them to forms', () => {
    const storage: Record<string, string> = {};
    const day = 86_400_000;
    const start = Date.UTC(2026, 11, 1);
    runTouch(storage, { referrer: 'https://social.example/post', now: start });
    runTouch(storage, { referrer: 'https://news.example/x/', now: start + 1000 });
    const { touches, listeners } = runTouch(storage, {
      referrer: '',
      search: '?utm_source=weekly&utm_medium=email',
      path: '/b/',
      now: start + 2 * day,
    });
    assert.deepEqual(touches, {
      f: { r: 'https://social.example/post', q: '', p: '/a-story/', t: start },
      l: { r: '', q: '?utm_source=weekly&utm_medium=email', p: '/b/', t: start + 2 * day },
    });
    // A support form gets the hidden field (once, however often it is submitted).
    const html: string[] = [];
    const form: Record<string, unknown> = {
      matches: (selector: string) => selector.includes('[data-support-form]'),
      insertAdjacentHTML(_where: string, markup: string) {
        html.push(markup);
        form.touch = { value: '' };
      },
    };
    listeners.get('submit')?.({ target: form });
    listeners.get('submit')?.({ target: form });
    assert.deepEqual(html, ['<input type=hidden name=touch>']);
    assert.deepEqual(JSON.parse((form.touch as { value: string }).value), touches);
    // Past 30 days from the first touch, the next visit from elsewhere starts afresh.
    const later = runTouch(storage, { referrer: 'https://search.example/', now: start + 31 * day });
    assert.deepEqual(later.touches, {
      f: { r: 'https://search.example/', q: '', p: '/a-story/', t: start + 31 * day },
      l: { r: 'https://search.example/', q: '', p: '/a-story/', t: start + 31 * day },
    });
  });

  it('does nothing at all when the reader asks not to be tracked', () => {
    const { beacons, listeners } = runBeacon({ doNotTrack: '1' });
    assert.equal(beacons.length, 0);
    assert.equal(listeners.size, 0);
  });

  it('is served for a year, revalidated by ETag, compressed when the reader takes it', async () => {
    const app = Fastify();
    registerAnalyticsAssetRoutes(app);
    after(() => app.close());
    const { path, etag, body } = analyticsScript();
    const plain = await app.inject({ method: 'GET', url: path });
    assert.equal(plain.statusCode, 200);
    assert.equal(plain.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.match(String(plain.headers['content-type']), /^text\/javascript/);
    assert.equal(plain.body, body.toString());
    const brotli = await app.inject({
      method: 'GET',
      url: path,
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    assert.equal(brotli.headers['content-encoding'], 'br');
    const again = await app.inject({
      method: 'GET',
      url: path,
      headers: { 'if-none-match': etag },
    });
    assert.equal(again.statusCode, 304);
    const stale = await app.inject({ method: 'GET', url: '/stats/s.0000000000.js' });
    assert.equal(stale.statusCode, 404);
  });
});

describeEachDialect('the analytics slot', (getDatabase) => {
  const context = { page: 'other', language: 'en', path: '/' } as const;

  it('renders the script tag while analytics is on, and nothing when it is off', async () => {
    registerAnalyticsSlot();
    const { db } = getDatabase();
    await refreshAnalyticsSettings(db);
    assert.equal(
      renderSlot('analytics', context).value,
      `<div data-slot="analytics"><script src="${analyticsScript().path}" defer></script></div>`,
    );
    try {
      await storeAnalyticsSettings(db, { enabled: false, rawDays: 30 });
      assert.equal(await refreshAnalyticsSettings(db), true);
      assert.equal(
        renderSlot('analytics', context).value,
        '<div data-slot="analytics" hidden></div>',
      );
    } finally {
      // The settings live in this process: the next suite (another dialect) starts from the default.
      await storeAnalyticsSettings(db, analyticsSettingsSchema.parse({}));
      await refreshAnalyticsSettings(db);
    }
  });
});
