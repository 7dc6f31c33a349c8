import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  meterAllowance,
  meterPeriod,
  readMeter,
  signMeter,
  spendMeter,
  storyMark,
} from '../content/access/meter-cookie.js';
import { describeEachDialect } from '../platform/db/test-databases.js';
import { writeSiteSettings } from '../platform/settings/site-settings.js';
import { buildArticle, buildTestApp, type TestApp } from '../test-support/test-app.js';
import { signEntitlement, loadAccessKey } from '../content/access/entitlement-cookie.js';

describe('the meter cookie', () => {
  const key = 'k'.repeat(43);
  it('counts a story once, signs what it holds, and starts again each period', () => {
    const period = meterPeriod(new Date('2026-12-08T10:00:00Z'), 30);
    let state = readMeter(key, undefined, period);
    const a = storyMark(key, 1);
    const b = storyMark(key, 2);
    assert.notEqual(a, b);
    assert.ok(!a.includes('1'), 'a mark is no article id');
    const first = spendMeter(state, a, 2);
    assert.ok(first.open && first.changed && first.left === 1);
    state = readMeter(key, signMeter(key, first.state), period);
    const again = spendMeter(state, a, 2);
    assert.ok(again.open && !again.changed && again.left === 1, 'the same story costs nothing');
    const second = spendMeter(state, b, 2);
    assert.ok(second.open && second.left === 0);
    const third = spendMeter(second.state, storyMark(key, 3), 2);
    assert.equal(third.open, false);
    const cookie = signMeter(key, second.state);
    assert.deepEqual(readMeter(key, cookie, period + 1).marks, [], 'a new period');
    assert.deepEqual(readMeter('another key'.padEnd(43, 'x'), cookie, period).marks, []);
    const [v, p, marks, sig] = cookie.split('.');
    assert.deepEqual(readMeter(key, [v, p, marks?.slice(8), sig].join('.'), period).marks, []);
    assert.deepEqual(readMeter(key, 'v1.x.y.z', period).marks, []);
  });

  it('allows anonymous readers on member and paid stories, free members on paid ones', () => {
    const meter = { anonymous: 3, registered: 1, periodDays: 30 };
    const none = { kind: 'none' as const, tiers: [] };
    const member = { kind: 'member' as const, tiers: [] };
    assert.equal(meterAllowance({ level: 'members', tiers: [] }, none, meter), 3);
    assert.equal(meterAllowance({ level: 'paid', tiers: [] }, none, meter), 3);
    assert.equal(meterAllowance({ level: 'paid', tiers: [] }, member, meter), 1);
    assert.equal(meterAllowance({ level: 'tiers', tiers: ['patron'] }, none, meter), 0);
    assert.equal(meterAllowance({ level: 'tiers', tiers: ['patron'] }, member, meter), 0);
  });
});

describeEachDialect('metering through the app', (getDatabase) => {
  let t: TestApp;
  const stories: Array<{ id: number; slug: string }> = [];
  let tiers: { slug: string };
  let open: { slug: string };
  before(async () => {
    t = await buildTestApp(getDatabase());
    await writeSiteSettings(getDatabase().db, {
      meter: { anonymous: 2, registered: 1, periodDays: 30 },
    });
    for (const n of [1, 2, 3])
      stories.push(
        await buildArticle(getDatabase(), {
          title: `Paid story ${n}`,
          html: `<p>Open ${n}.</p><p>Open again ${n}.</p><p>Secret ${n} &amp; more.</p>`,
          access_level: 'paid',
        }),
      );
    tiers = await buildArticle(getDatabase(), {
      html: '<p>A.</p><p>B.</p><p>Tier secret.</p>',
      access_level: 'tiers',
      access_tiers: ['patron'],
    });
    open = await buildArticle(getDatabase(), { html: '<p>Free for all.</p>' });
  });
  after(() => t.close());

  const ask = (slug: string, cookie?: string, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url: '/access/meter',
      headers: {
        'content-type': 'application/json',
        origin: 'http://news.test',
        ...(cookie ? { cookie } : {}),
        ...headers,
      },
      payload: JSON.stringify({ slug }),
    });
  const meterCookieOf = (response: Awaited<ReturnType<typeof ask>>) =>
    response.cookies.find((c) => c.name === 'masthead_meter');

  it('opens two stories for an anonymous reader, counting each once, then says none is left', async () => {
    const [one, two, three] = stories as [
      (typeof stories)[0],
      (typeof stories)[0],
      (typeof stories)[0],
    ];
    const page = await t.app.inject({ url: `/${one.slug}/` });
    assert.match(page.body, /data-meter="1"/);
    assert.match(page.body, /<script src="\/assets\/meter\.[0-9a-f]{10}\.js" defer>/);
    assert.doesNotMatch(page.body, /Secret 1/, 'the page is the cached preview');

    const first = await ask(one.slug);
    assert.equal(first.statusCode, 200, first.body);
    assert.equal(first.headers['cache-control'], 'no-store');
    const answer = first.json<{ open: boolean; left: number; html: string }>();
    assert.equal(answer.open, true);
    assert.equal(answer.left, 1);
    assert.match(answer.html, /Secret 1 &amp; more/);
    assert.doesNotMatch(answer.html, /Open 1\./, 'only the rest after the preview');
    const cookie = meterCookieOf(first);
    assert.ok(cookie?.httpOnly, 'the count lives in an HttpOnly cookie');
    // The period, one keyed 8-character mark (no id, no slug) and the signature.
    assert.match(cookie.value, /^v1\.\d+\.[A-Za-z0-9_-]{8}\.[A-Za-z0-9_-]{22}$/);
    assert.ok(!cookie.value.includes(one.slug));
    let jar = `masthead_meter=${cookie.value}`;

    const again = await ask(one.slug, jar);
    assert.equal(again.json<{ left: number }>().left, 1, 'the same story again costs nothing');
    assert.equal(meterCookieOf(again), undefined);
    const second = await ask(two.slug, jar);
    assert.equal(second.json<{ open: boolean; left: number }>().left, 0);
    jar = `masthead_meter=${meterCookieOf(second)?.value ?? ''}`;
    const third = await ask(three.slug, jar);
    const refused = third.json<{ open: boolean; html?: string; allowance: number }>();
    assert.equal(refused.open, false);
    assert.equal(refused.html, undefined, 'nothing of the story leaves the server');
    assert.equal(refused.allowance, 2);
    assert.equal(
      (await ask(one.slug, jar)).json<{ open: boolean }>().open,
      true,
      'opened ones stay open',
    );
  });

  it('gives free members their own allowance on paid stories, and meters no tier story', async () => {
    const key = await loadAccessKey(getDatabase().db);
    const member = `masthead_access=${signEntitlement(key, { kind: 'member', tiers: [] }, Math.floor(Date.now() / 1000) + 3600)}`;
    const first = await ask(stories[2]?.slug ?? '', member);
    assert.equal(first.json<{ open: boolean; left: number }>().open, true);
    const jar = `${member}; masthead_meter=${meterCookieOf(first)?.value ?? ''}`;
    assert.equal((await ask(stories[1]?.slug ?? '', jar)).json<{ open: boolean }>().open, false);
    assert.deepEqual((await ask(tiers.slug)).json(), { metered: false });
    assert.deepEqual((await ask(open.slug)).json(), { metered: false });
    const paying = `masthead_access=${signEntitlement(key, { kind: 'paid', tiers: [] }, Math.floor(Date.now() / 1000) + 3600)}`;
    const entitled = (await ask(stories[0]?.slug ?? '', paying)).json<{
      open: boolean;
      html: string;
    }>();
    assert.ok(entitled.open && /Secret 1/.test(entitled.html), 'a paying member gets it uncounted');
  });

  it('refuses other sites, bad input and unknown stories clearly', async () => {
    assert.equal(
      (await ask(stories[0]?.slug ?? '', undefined, { origin: 'https://evil.example' })).statusCode,
      403,
    );
    assert.equal((await ask('Not A Slug')).statusCode, 422);
    assert.equal((await ask('no-such-story')).statusCode, 404);
    const bad = await t.app.inject({
      method: 'POST',
      url: '/access/meter',
      headers: { 'content-type': 'text/plain', origin: 'http://news.test' },
      payload: '{not json',
    });
    assert.equal(bad.statusCode, 400);
  });

  it('leaves the wall unmetered when the newsroom sets no free stories', async () => {
    await writeSiteSettings(getDatabase().db, { meter: { anonymous: 0, registered: 0 } });
    t.services.pageCache.purgeAll();
    const page = await t.app.inject({ url: `/${stories[0]?.slug ?? ''}/` });
    assert.doesNotMatch(page.body, /data-meter/);
    assert.doesNotMatch(page.body, /meter\.[0-9a-f]{10}\.js/);
    assert.deepEqual((await ask(stories[0]?.slug ?? '')).json(), { metered: false });
  });
});
