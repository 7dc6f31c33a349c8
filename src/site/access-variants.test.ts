import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, it } from 'node:test';
import type { Entitlement } from '../content/access/access-level.js';
import { loadAccessKey, signEntitlement } from '../content/access/entitlement-cookie.js';
import { describeEachDialect } from '../platform/db/test-databases.js';
import { buildArticle, buildTestApp, signInAs, type TestApp } from '../test-support/test-app.js';

// Who gets which variant of a gated article, through the real server (the page-cache fast path
// in app.ts answers the second request of each reader): nobody gets more than entitled, on the
// page, the feed, the content API, search and JSON-LD (ADR 0026).

const body =
  '<p>Opening alpha words.</p><p>Second bravo words.</p><p>Third secret charlie.</p><p>Fourth secret delta.</p>';
type Level = 'public' | 'members' | 'paid' | 'tiers';
type Reader = 'anonymous' | 'free' | 'paying' | 'otherTier' | 'staff';

// The tiers article is for `patron`; `paying` holds patron, `otherTier` the `member` tier only.
const entitled: Record<Reader, Level[]> = {
  anonymous: ['public'],
  free: ['public', 'members'],
  paying: ['public', 'members', 'paid', 'tiers'],
  otherTier: ['public', 'members', 'paid'],
  // Staff sessions bypass the cache and read the public page as anyone does: the preview route
  // (tested below) is where they see every variant.
  staff: ['public'],
};

describeEachDialect('access variants through the page cache', (getDatabase) => {
  let t: TestApp;
  let origin: string;
  let key: string;
  const slugs = {} as Record<Level, string>;
  const ids = {} as Record<Level, number>;
  const cookies = {} as Record<Reader, string | undefined>;
  const later = () => Math.floor(Date.now() / 1000) + 3600;
  const claim = (e: Entitlement) => `masthead_access=${signEntitlement(key, e, later())}`;

  before(async () => {
    t = await buildTestApp(getDatabase());
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    origin = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    key = await loadAccessKey(getDatabase().db);
    for (const level of ['public', 'members', 'paid', 'tiers'] as const) {
      const article = await buildArticle(getDatabase(), {
        title: `Story for ${level}`,
        html: body,
        access_level: level,
        ...(level === 'tiers' ? { access_tiers: ['patron'] } : {}),
      });
      slugs[level] = article.slug;
      ids[level] = article.id;
    }
    const staff = await signInAs(t, 'editor');
    cookies.anonymous = undefined;
    cookies.free = `theme=dark; ${claim({ kind: 'member', tiers: [] })}`;
    cookies.paying = claim({ kind: 'paid', tiers: ['member', 'patron'] });
    cookies.otherTier = claim({ kind: 'paid', tiers: ['member'] });
    cookies.staff = staff.headers.cookie;
  });
  after(() => t.close());

  const get = (path: string, cookie: string | undefined) =>
    fetch(`${origin}${path}`, { headers: cookie ? { cookie } : {} });

  it('serves each reader exactly the variant they are entitled to, twice (the second from cache)', async () => {
    for (const reader of Object.keys(entitled) as Reader[]) {
      for (const level of ['public', 'members', 'paid', 'tiers'] as const) {
        const full = entitled[reader].includes(level);
        for (const round of [1, 2]) {
          const response = await get(`/${slugs[level]}/`, cookies[reader]);
          const text = await response.text();
          const where = `${reader} × ${level}, request ${round}`;
          assert.equal(response.status, 200, where);
          assert.match(text, /Second bravo words/, where);
          assert.equal(/secret/.test(text), full, `${where}: ${full ? 'full' : 'preview'}`);
          assert.equal(/class="access-wall[ "]/.test(text), !full && level !== 'public', where);
          assert.match(
            text,
            level === 'public' ? /"isAccessibleForFree":true/ : /"isAccessibleForFree":false/,
            where,
          );
          const cacheControl = response.headers.get('cache-control') ?? '';
          if (reader === 'staff') assert.equal(cacheControl, 'private, no-store', where);
          else if (round === 2) assert.equal(response.headers.get('x-cache'), 'HIT', where);
          if (level !== 'public' && reader !== 'staff') {
            assert.match(response.headers.get('vary') ?? '', /Cookie/, where);
            assert.equal(cacheControl.startsWith('private'), full, `${where}: ${cacheControl}`);
          }
        }
      }
      // Feeds, the content API and search give everyone what an anonymous reader gets.
      const feed = await (await get('/rss/', cookies[reader])).text();
      const feedJson = await (await get('/feed.json', cookies[reader])).text();
      for (const level of ['members', 'paid', 'tiers'] as const) {
        const api = await (
          await get(`/api/content/articles/${slugs[level]}`, cookies[reader])
        ).text();
        assert.doesNotMatch(api, /secret/, `${reader} × ${level} API`);
      }
      assert.doesNotMatch(
        feed.replace(/Story for public[\s\S]*?<\/item>/, ''),
        /secret/,
        `${reader} RSS`,
      );
      assert.match(feed, /Opening alpha words/);
      assert.ok(!feedJson.includes('secret') || /"title":"Story for public"/.test(feedJson));
      const search = await (await get('/search?q=charlie', cookies[reader])).text();
      assert.match(search, /Story for public/, `${reader} search`);
      assert.doesNotMatch(search, /Story for (members|paid|tiers)/, `${reader} search`);
    }
  });

  it('gives a forged, expired, foreign or replayed cookie the preview', async () => {
    const good = signEntitlement(key, { kind: 'paid', tiers: ['member'] }, later());
    const [version, , tiers, expires, signature] = good.split('.');
    const forged = [
      `${version}.p.patron.${expires}.${signature}`, // another tier, same signature
      `${good.slice(0, -1)}${good.endsWith('A') ? 'B' : 'A'}`, // a changed signature
      signEntitlement(key, { kind: 'paid', tiers: ['patron'] }, Math.floor(Date.now() / 1000) - 1),
      signEntitlement('another installation', { kind: 'paid', tiers: ['patron'] }, later()),
      `${version}.p.${tiers}.${Number(expires) + 9_999_999}.${signature}`, // a longer life
      'junk',
    ];
    for (const value of forged) {
      const text = await (await get(`/${slugs.tiers}/`, `masthead_access=${value}`)).text();
      assert.doesNotMatch(text, /secret/, value);
      assert.match(text, /class="access-wall[ "]/, value);
    }
    // The member-tier claim opens the paid article but is not replayable on the patron one.
    const paid = await (await get(`/${slugs.paid}/`, `masthead_access=${good}`)).text();
    assert.match(paid, /secret/);
    const members = signEntitlement(key, { kind: 'member', tiers: [] }, later());
    const replayed = await (await get(`/${slugs.paid}/`, `masthead_access=${members}`)).text();
    assert.doesNotMatch(replayed, /secret/);
    // A cookie whose name merely ends like ours is not ours.
    const lookalike = await (await get(`/${slugs.paid}/`, `xmasthead_access=${good}`)).text();
    assert.doesNotMatch(lookalike, /secret/);
  });

  it('shows staff both variants in the preview', async () => {
    const { headers } = await signInAs(t, 'editor');
    const whole = await get(`/admin/preview/${ids.tiers}`, headers.cookie);
    const wholeText = await whole.text();
    assert.match(wholeText, /Fourth secret delta/);
    assert.match(wholeText, /class="article__gated"/);
    assert.match(wholeText, /Show the preview and wall/);
    const preview = await (
      await get(`/admin/preview/${ids.tiers}?variant=preview`, headers.cookie)
    ).text();
    assert.doesNotMatch(preview, /Fourth secret delta/);
    assert.match(preview, /class="access-wall[ "]/);
  });
});
