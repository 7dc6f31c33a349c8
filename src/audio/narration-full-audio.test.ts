import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, it } from 'node:test';
import type { Entitlement } from '../content/access/access-level.js';
import { loadAccessKey, signEntitlement } from '../content/access/entitlement-cookie.js';
import { describeEachDialect } from '../platform/db/test-databases.js';
import {
  buildArticle,
  buildTestApp,
  buildToken,
  signInAs,
  type TestApp,
} from '../test-support/test-app.js';
import { fullAudioKey } from './audio-files.js';
import { collectAudioGarbage } from './audio-gc.service.js';
import { narrateArticle, type NarrationResult } from './narration.service.js';

// A gated article's whole-body narration (ADR 0026 addendum): the public file speaks the
// headline and preview; the full variant's player plays the whole body from a route that
// checks the entitlement cookie or a staff session; the preview page and the podcast feed
// never name the whole-body file. Through the real server, so the page cache answers repeats.

const html = '<p>One here.</p><p>Two here.</p><p>Three secret.</p><p>Four secret.</p>';

describeEachDialect('full narration for entitled readers', (getDatabase) => {
  let t: TestApp;
  let origin: string;
  let key: string;
  let paid: { id: number; slug: string };
  let tiers: { id: number; slug: string };
  let paidAudio: NarrationResult;
  let tiersAudio: NarrationResult;
  const later = () => Math.floor(Date.now() / 1000) + 3600;
  const claim = (e: Entitlement, signingKey = key) =>
    `masthead_access=${signEntitlement(signingKey, e, later())}`;
  const cookies = {} as Record<
    'free' | 'paying' | 'otherTier' | 'forged' | 'edited' | 'editor' | 'contributor',
    string
  >;
  const get = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
    fetch(`${origin}${path}`, { method, headers });
  const fullPath = (article: { id: number }, audio: NarrationResult) =>
    `/audio/full/${article.id}/${audio.fullFile ?? ''}`;

  before(async () => {
    t = await buildTestApp(getDatabase());
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    origin = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    key = await loadAccessKey(getDatabase().db);
    paid = await buildArticle(getDatabase(), {
      title: 'Paid analysis',
      html,
      access_level: 'paid',
      preview_paragraphs: 1,
    });
    tiers = await buildArticle(getDatabase(), {
      title: 'Patrons only',
      html,
      access_level: 'tiers',
      access_tiers: ['patron'],
      preview_paragraphs: 1,
    });
    paidAudio = await narrateArticle(t.services, paid.id);
    tiersAudio = await narrateArticle(t.services, tiers.id);
    cookies.free = claim({ kind: 'member', tiers: [] });
    cookies.paying = `theme=dark; ${claim({ kind: 'paid', tiers: ['member', 'patron'] })}`;
    cookies.otherTier = claim({ kind: 'paid', tiers: ['member'] });
    cookies.forged = claim({ kind: 'paid', tiers: ['patron'] }, 'not-the-installation-key');
    // A free member's signature under a paying claim.
    const free = cookies.free.slice('masthead_access='.length).split('.');
    cookies.edited = `masthead_access=${['v1', 'p', 'patron', ...free.slice(3)].join('.')}`;
    cookies.editor = (await signInAs(t, 'editor')).headers.cookie;
    cookies.contributor = (await signInAs(t, 'contributor')).headers.cookie;
  });
  after(() => t.close());

  it('makes two files of a gated article: the public preview and the whole body under audio/full/', async () => {
    assert.equal(paidAudio.status, 'ready');
    assert.equal(paidAudio.paragraphs, 2, 'headline and the one preview paragraph');
    assert.equal(paidAudio.fullParagraphs, 5, 'headline and all four paragraphs');
    assert.ok(paidAudio.fullFile && paidAudio.fullFile !== paidAudio.file);
    const stored = await t.services.storage.stat(fullAudioKey(paidAudio.fullFile));
    assert.ok(stored && stored.size > (paidAudio.bytes ?? 0), 'the whole body is longer');
    // The public route never serves it, whatever the name.
    assert.equal((await get(`/audio/${paidAudio.fullFile}`)).status, 404);
    assert.equal((await get(`/audio/full/${paidAudio.fullFile}`)).status, 404);
    const open = await buildArticle(getDatabase(), { html });
    const whole = await narrateArticle(t.services, open.id);
    assert.equal(whole.fullFile, undefined, 'a public article has one file, the whole body');
  });

  it('serves the whole-body audio to entitled readers and staff, 403 to everyone else', async () => {
    const path = fullPath(paid, paidAudio);
    const expected = await t.services.storage.get(fullAudioKey(paidAudio.fullFile ?? ''));
    const paying = await get(path, { cookie: cookies.paying });
    assert.equal(paying.status, 200);
    assert.equal(paying.headers.get('content-type'), 'audio/mpeg');
    assert.equal(paying.headers.get('cache-control'), 'private, no-store');
    assert.deepEqual(Buffer.from(await paying.arrayBuffer()), expected);

    const staff = await get(path, { cookie: cookies.editor });
    assert.equal(staff.status, 200, 'an editor may listen, as they may preview');
    await staff.arrayBuffer();

    for (const reader of ['anonymous', 'free', 'forged', 'edited', 'contributor'] as const) {
      const response = await get(path, reader === 'anonymous' ? {} : { cookie: cookies[reader] });
      const text = await response.text();
      assert.equal(response.status, 403, reader);
      assert.equal(response.headers.get('cache-control'), 'private, no-store', reader);
      assert.match(text, /whole story is for readers whose membership opens it/, reader);
      assert.ok(text.includes(`/${paid.slug}/`), `${reader}: says where to sign in`);
    }

    const tiersPath = fullPath(tiers, tiersAudio);
    assert.equal((await get(tiersPath, { cookie: cookies.otherTier })).status, 403, 'other tier');
    const patron = await get(tiersPath, { cookie: cookies.paying });
    assert.equal(patron.status, 200, 'the patron tier');
    await patron.arrayBuffer();
    // One story's claim never opens another's file under its id.
    const crossed = `/audio/full/${paid.id}/${tiersAudio.fullFile ?? ''}`;
    assert.equal((await get(crossed, { cookie: cookies.paying })).status, 404);
    const previewName = `/audio/full/${paid.id}/${paidAudio.file ?? ''}`;
    assert.equal((await get(previewName, { cookie: cookies.paying })).status, 404);
  });

  it('answers ranges and HEAD like the public audio route', async () => {
    const path = fullPath(paid, paidAudio);
    const whole = await t.services.storage.get(fullAudioKey(paidAudio.fullFile ?? ''));
    assert.ok(whole);
    const part = await get(path, { cookie: cookies.paying, range: 'bytes=100-299' });
    assert.equal(part.status, 206);
    assert.equal(part.headers.get('content-range'), `bytes 100-299/${whole.length}`);
    assert.equal(part.headers.get('accept-ranges'), 'bytes');
    assert.equal(part.headers.get('cache-control'), 'private, no-store');
    assert.deepEqual(Buffer.from(await part.arrayBuffer()), whole.subarray(100, 300));
    const tail = await get(path, { cookie: cookies.paying, range: 'bytes=-50' });
    assert.equal(tail.status, 206);
    assert.deepEqual(Buffer.from(await tail.arrayBuffer()), whole.subarray(whole.length - 50));
    const beyond = await get(path, { cookie: cookies.paying, range: `bytes=${whole.length}-` });
    assert.equal(beyond.status, 416);
    await beyond.arrayBuffer();
    const head = await get(path, { cookie: cookies.paying }, 'HEAD');
    assert.equal(head.status, 200);
    assert.equal(head.headers.get('content-length'), String(whole.length));
    const refused = await get(path, { range: 'bytes=0-99' });
    assert.equal(refused.status, 403, 'a range is checked like the whole');
    await refused.arrayBuffer();
  });

  it('points the full variant’s player at the whole body and the preview’s at the preview, byte-identical per variant', async () => {
    const previewSrc = `/audio/${paidAudio.file ?? ''}`;
    const fullSrc = fullPath(paid, paidAudio);
    const pages: Record<string, string[]> = {};
    for (const [reader, cookie] of [
      ['anonymous', undefined],
      ['free', cookies.free],
      ['forged', cookies.forged],
      ['paying', cookies.paying],
      ['paying-again', claim({ kind: 'paid', tiers: ['member', 'patron'] })],
    ] as const) {
      pages[reader] = [];
      for (const round of [1, 2]) {
        const response = await get(`/${paid.slug}/`, cookie ? { cookie } : {});
        assert.equal(response.status, 200, `${reader}, ${round}`);
        pages[reader]?.push(await response.text());
      }
    }
    for (const reader of ['anonymous', 'free', 'forged']) {
      for (const page of pages[reader] ?? []) {
        assert.doesNotMatch(page, /Three secret/, reader);
        assert.ok(page.includes(`src="${previewSrc}"`), `${reader}: plays the preview`);
        assert.ok(!page.includes('/audio/full/'), `${reader}: never names the whole-body route`);
        assert.ok(!page.includes(paidAudio.fullFile ?? '-'), `${reader}: nor its file`);
      }
    }
    for (const reader of ['paying', 'paying-again']) {
      for (const page of pages[reader] ?? []) {
        assert.match(page, /Three secret/, reader);
        assert.ok(page.includes(`src="${fullSrc}"`), `${reader}: plays the whole body`);
        assert.ok(!page.includes(`src="${previewSrc}"`), `${reader}: not the preview`);
        assert.match(page, /data-narration-p="3"/, `${reader}: the last paragraph is followed`);
      }
    }
    const bytes = (reader: string) => new Set(pages[reader]);
    assert.equal(bytes('anonymous').size, 1, 'the preview page is one set of bytes');
    assert.deepEqual(bytes('free'), bytes('anonymous'));
    assert.deepEqual(bytes('forged'), bytes('anonymous'));
    assert.equal(new Set([...bytes('paying'), ...bytes('paying-again')]).size, 1);
  });

  it('shows staff the whole-body player in the preview and each variant its own', async () => {
    const full = await get(`/admin/preview/${paid.id}`, { cookie: cookies.editor });
    assert.ok((await full.text()).includes(`src="${fullPath(paid, paidAudio)}"`));
    const preview = await get(`/admin/preview/${paid.id}?variant=preview`, {
      cookie: cookies.editor,
    });
    const text = await preview.text();
    assert.ok(text.includes(`src="/audio/${paidAudio.file ?? ''}"`));
    assert.ok(!text.includes('/audio/full/'));
  });

  it('keeps the podcast feed to the preview audio', async () => {
    const feed = await (await get('/podcast.xml')).text();
    assert.ok(feed.includes(`/audio/${paidAudio.file ?? ''}"`), 'the preview is the episode');
    assert.ok(feed.includes(`/audio/${tiersAudio.file ?? ''}"`));
    for (const audio of [paidAudio, tiersAudio])
      assert.ok(!feed.includes(audio.fullFile ?? '-'), 'the whole body is never in the feed');
    assert.ok(!feed.includes('/audio/full/'));
  });

  it('keeps the whole-body audio in use, deletes it once superseded or unpublished and stale', async () => {
    const dayMs = 24 * 3600 * 1000;
    const store = t.services.storage;
    const exists = async (file: string) => (await store.stat(fullAudioKey(file))) !== undefined;
    const gc = (inDays = 0) =>
      collectAudioGarbage(
        {
          database: getDatabase(),
          storage: store,
          now: () => new Date(Date.now() + inDays * dayMs),
        },
        { graceMs: 3 * dayMs },
      );
    const token = await buildToken(getDatabase(), 'editor');
    const api = (method: 'POST' | 'PATCH', url: string, payload?: object) =>
      t.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, payload });
    const article = await buildArticle(getDatabase(), {
      title: 'Archive piece',
      html,
      access_level: 'members',
      preview_paragraphs: 1,
    });
    const first = await narrateArticle(t.services, article.id);
    const orphan = `${'c'.repeat(32)}.mp3`;
    await store.put(fullAudioKey(orphan), Buffer.from('x'));
    const week = new Date(Date.now() - 7 * dayMs);
    await store.touch(fullAudioKey(orphan), week);
    await store.touch(fullAudioKey(first.fullFile ?? ''), week);
    const now = await gc();
    assert.ok(now.filesDeleted.includes(`full/${orphan}`), 'an unreferenced stale one goes');
    assert.ok(await exists(first.fullFile ?? ''), 'the one in use stays, however old');

    const edited = await api('PATCH', `/api/admin/articles/${article.id}`, {
      html: `${html}<p>Five secret, added.</p>`,
    });
    assert.equal(edited.statusCode, 200, edited.body);
    const second = await narrateArticle(t.services, article.id);
    assert.equal(second.file, first.file, 'the preview did not change');
    assert.notEqual(second.fullFile, first.fullFile);
    await gc();
    assert.ok(await exists(first.fullFile ?? ''), 'superseded: kept for the grace period');
    const later = await gc(4);
    assert.ok(later.filesDeleted.includes(`full/${first.fullFile ?? ''}`));
    assert.ok(!(await exists(first.fullFile ?? '')));
    assert.ok(await exists(second.fullFile ?? ''));

    const unpublished = await api('POST', `/api/admin/articles/${article.id}/unpublish`);
    assert.equal(unpublished.statusCode, 200, unpublished.body);
    const gone = await gc(4);
    assert.ok(gone.filesDeleted.includes(`full/${second.fullFile ?? ''}`));
    assert.ok(!(await exists(second.fullFile ?? '')));
  });
});
