import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { markConsentConfirmed } from '../newsletters/subscriber.repository.js';
import { describeEachDialect } from '../platform/db/test-databases.js';
import { runQueuedJobs } from '../test-support/run-jobs.js';
import { buildArticle, buildTestApp, buildToken, type TestApp } from '../test-support/test-app.js';
import { parseTouches } from './attribution.js';
import type { AttributionFigures } from './attribution-report.js';

// Attribution from the forms' `touch` field to the dashboard: a checkout paid in the sandbox
// and a confirmed signup are counted by first and last touch and by prompt; one without
// touches is "not recorded"; the touch text is untrusted and never breaks a conversion.

const origin = 'http://news.test';
const formHeaders = { 'content-type': 'application/x-www-form-urlencoded', origin };
const encode = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const now = new Date('2026-12-07T12:00:00Z');
const touch = (f: object, l?: object) => JSON.stringify(l ? { f, l } : { f });

describe('parseTouches', () => {
  it('reads the script field, normalized like page views', () => {
    const parsed = parseTouches(
      touch(
        { r: 'https://duckduckgo.com/', q: '', p: '/story/', t: now.getTime() - 86_400_000 },
        { r: '', q: '?utm_source=weekly&utm_medium=email&utm_campaign=dec', p: '/x/', t: 1 },
      ),
      now,
    );
    assert.deepEqual(parsed, {
      first: {
        medium: 'search',
        source: 'duckduckgo',
        campaign: '',
        path: '/story/',
        at: '2026-12-06T12:00:00.000Z',
      },
      // A browser clock from 1970 is not believed.
      last: { medium: 'newsletter', source: 'weekly', campaign: 'dec', path: '/x/', at: '' },
    });
  });

  it('tells "no touches" (nothing recorded) from "nothing from elsewhere" (direct)', () => {
    for (const bad of [
      '',
      'not json',
      '[]',
      '{"f":{"r":5}}',
      '{"f":{"r":"' + 'x'.repeat(700) + '"}}',
    ])
      assert.equal(parseTouches(bad, now), undefined, bad.slice(0, 30));
    assert.deepEqual(parseTouches('{}', now)?.first.medium, 'direct');
    const hostile = parseTouches(
      touch({ r: 'javascript:alert(1)', q: '', p: '//evil\u0000' }),
      now,
    );
    assert.equal(hostile?.first.medium, 'direct');
    assert.equal(hostile?.first.path, '//evil');
    assert.deepEqual(hostile?.last, hostile?.first, 'one touch is both first and last');
  });
});

describeEachDialect('attribution of donations and signups', (getDatabase) => {
  let t: TestApp;
  let token: string;
  let ip = 0;

  before(async () => {
    t = await buildTestApp(getDatabase());
    token = await buildToken(getDatabase(), 'editor');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/admin/newsletters',
      headers: { authorization: `Bearer ${token}` },
      payload: { name: 'The Daily', slug: 'daily', signup_default: true },
    });
    assert.equal(created.statusCode, 201, created.body);
  });
  after(() => t.close());

  const post = (url: string, fields: Record<string, string>) =>
    t.app.inject({
      method: 'POST',
      url,
      remoteAddress: `10.9.0.${(ip += 1)}`,
      headers: formHeaders,
      payload: encode(fields),
    });

  async function donate(fields: Record<string, string>) {
    const start = await post('/support/checkout', { kind: 'donation', amount: '5', ...fields });
    assert.equal(start.statusCode, 303, start.body);
    const paid = await post(String(start.headers.location).replace(origin, ''), {
      name: 'Reader',
      email: `donor${ip}@example.org`,
      number: '4242 4242 4242 4242',
      expiry: '12/40',
      cvc: '123',
    });
    assert.equal(paid.statusCode, 303, paid.body);
  }

  async function signUp(fields: Record<string, string>) {
    const answer = await post('/newsletters/subscribe', {
      email: `reader${ip}@example.org`,
      newsletters: 'daily',
      ...fields,
    });
    assert.equal(answer.statusCode, 303, answer.body);
  }

  it('counts conversions by first and last touch, by prompt and by story', async () => {
    const { db } = getDatabase();
    const story = await buildArticle(getDatabase());
    const search = { r: 'https://www.google.com/', q: '', p: `/${story.slug}/`, t: Date.now() };
    const email = { r: '', q: '?utm_source=daily&utm_medium=email', p: '/', t: Date.now() };
    await donate({
      article_id: String(story.id),
      prompt: 'after-body',
      touch: touch(search, email),
    });
    await donate({ prompt: 'banner', touch: touch(email) });
    await donate({ prompt: 'inline' }); // no script: not recorded
    await donate({ prompt: 'inline', touch: '{"f":' }); // broken: not recorded, still paid
    await signUp({ location: `article:${story.id}`, touch: touch(search) });
    await signUp({ location: 'home', touch: '{}' });
    await runQueuedJobs(t.services);
    assert.equal((await db.selectFrom('payments').selectAll().execute()).length, 4);
    const touches = await db.selectFrom('analytics_touches').selectAll().execute();
    assert.equal(touches.length, 4, 'two checkouts and two signups carried touches');
    for (const row of touches) assert.doesNotMatch(JSON.stringify(row), /google\.com\//);

    // Only confirmed signups count.
    const consents = await db.selectFrom('consent_records').select('id').orderBy('id').execute();
    const confirm = (id: number) =>
      markConsentConfirmed(db, id, { at: new Date().toISOString(), ip: '', userAgent: '' });
    await confirm(consents[0]?.id ?? 0);

    const overview = await t.app.inject({
      url: '/api/admin/analytics/overview?period=today',
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(overview.statusCode, 200, overview.body);
    const body = overview.json() as {
      attribution: AttributionFigures;
      conversions: Array<{ articleId: number; donations: number; signups: number }>;
    };
    const pick = (rows: AttributionFigures['firstTouch']) =>
      rows.map((r) => [r.medium, r.source, r.donations, r.amount, r.signups]);
    assert.deepEqual(pick(body.attribution.firstTouch), [
      ['unrecorded', '', 2, 1000, 0],
      ['search', 'google', 1, 500, 1],
      ['newsletter', 'daily', 1, 500, 0],
    ]);
    assert.deepEqual(pick(body.attribution.lastTouch), [
      ['newsletter', 'daily', 2, 1000, 0],
      ['unrecorded', '', 2, 1000, 0],
      ['search', 'google', 0, 0, 1],
    ]);
    assert.deepEqual(
      body.attribution.prompts.map((p) => [p.prompt, p.donations, p.signups]),
      [
        ['inline', 2, 0],
        ['after-body', 1, 0],
        ['banner', 1, 0],
        ['form:article', 0, 1],
      ],
    );
    assert.deepEqual(
      body.conversions.map((c) => [c.articleId, c.donations, c.signups]),
      [[story.id, 1, 1]],
    );
    await confirm(consents[1]?.id ?? 0);
    const csv = await t.app.inject({
      url: '/api/admin/analytics/conversions.csv?period=today',
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(csv.statusCode, 200);
    assert.match(
      csv.body,
      /^touch,medium,source,campaign,donations,memberships,amount,currency,signups\r?\n/,
    );
    assert.match(csv.body, /first,direct,,,0,0,0,,1/);
    const author = await buildToken(getDatabase(), 'author');
    const refused = await t.app.inject({
      url: '/api/admin/analytics/conversions.csv?period=today',
      headers: { authorization: `Bearer ${author}` },
    });
    assert.equal(refused.statusCode, 403);
  });
});
