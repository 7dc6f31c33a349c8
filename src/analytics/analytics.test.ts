import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeEachDialect } from '../platform/db/test-databases.js';
import { buildArticle, buildTestApp, buildToken, type TestApp } from '../test-support/test-app.js';
import { pruneAnalytics } from './analytics-prune.job.js';
import { countListen } from '../audio/listen.repository.js';
import { toZonedIso } from '../platform/time-zone.js';
import { insertConsentRecord } from '../newsletters/subscriber.repository.js';
import { upsertSubscriber } from '../newsletters/subscriber.repository.js';
import { insertPayment } from '../revenue/ledger.repository.js';
import { findOrCreateMember } from '../revenue/member.repository.js';

const chrome =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const iphone =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

describeEachDialect('reader analytics: collection, aggregates, the API', (getDatabase) => {
  let test: TestApp;
  let editor: string;
  let admin: string;
  let contributor: string;
  let articleId: number;
  let path: string;

  const send = (
    body: unknown,
    options: { ip?: string; ua?: string; headers?: Record<string, string> } = {},
  ) =>
    test.app.inject({
      method: 'POST',
      url: '/api/event',
      remoteAddress: options.ip ?? '203.0.113.7',
      headers: {
        'content-type': 'text/plain;charset=UTF-8',
        'user-agent': options.ua ?? chrome,
        ...options.headers,
      },
      payload: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const api = (token: string, url: string, method: 'GET' | 'PUT' = 'GET', payload?: object) =>
    test.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}` },
      ...(payload ? { payload } : {}),
    });
  const count = async (table: 'analytics_events') =>
    Number(
      (
        await getDatabase()
          .db.selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  before(async () => {
    test = await buildTestApp(getDatabase());
    editor = await buildToken(getDatabase(), 'editor');
    admin = await buildToken(getDatabase(), 'admin');
    contributor = await buildToken(getDatabase(), 'contributor');
    const article = await buildArticle(getDatabase(), { title: 'Counted story' });
    articleId = article.id;
    path = `/${article.slug}/`;
  });
  after(() => test.close());

  it('stores a view with its source, counts a visitor once a day, and sets no cookie', async () => {
    const first = await send({
      p: path,
      a: articleId,
      r: 'https://www.google.com/',
      q: '',
      w: 1280,
      e: [{ t: 'view' }],
    });
    assert.equal(first.statusCode, 204, first.body);
    assert.equal(first.headers['set-cookie'], undefined);
    // The same reader again (same address and browser), then someone else from a newsletter.
    assert.equal((await send({ p: path, a: articleId, e: [{ t: 'view' }] })).statusCode, 204);
    const other = await send(
      {
        p: path,
        a: articleId,
        q: '?utm_source=daily&utm_medium=email',
        w: 390,
        e: [{ t: 'view' }],
      },
      { ip: '198.51.100.4', ua: iphone },
    );
    assert.equal(other.statusCode, 204);
    await send(
      {
        p: path,
        a: articleId,
        e: [
          { t: 'engage', s: 40 },
          { t: 'scroll', d: 25 },
          { t: 'scroll', d: 100 },
          { t: 'play' },
          { t: 'click', k: 'out', h: 'https://example.org/report' },
          { t: 'form-submit', n: 'newsletter' },
        ],
      },
      { ip: '198.51.100.4', ua: iphone },
    );
    const day = await getDatabase()
      .db.selectFrom('analytics_page_days')
      .selectAll()
      .where('path', '=', path)
      .executeTakeFirstOrThrow();
    assert.equal(Number(day.views), 3);
    assert.equal(Number(day.visitors), 2, 'two people, one of them twice');
    assert.equal(Number(day.engaged_seconds), 40);
    assert.equal(Number(day.scroll100), 1);
    assert.equal(Number(day.plays), 0, 'a play is the audio player’s count, not the beacon’s');
    assert.equal(Number(day.clicks_out), 1);
    assert.equal(Number(day.form_submits), 1);
    assert.equal(day.article_id, articleId);
    const sources = await getDatabase()
      .db.selectFrom('analytics_source_days')
      .select(['medium', 'source', 'views', 'visitors'])
      .orderBy('medium')
      .execute();
    assert.deepEqual(
      sources.map((s) => [s.medium, s.source, Number(s.views), Number(s.visitors)]),
      [
        ['direct', '', 1, 0],
        ['newsletter', 'daily', 1, 1],
        ['search', 'google', 1, 1],
      ],
    );
  });

  it('keeps no address or user agent, in any analytics table', async () => {
    for (const table of [
      'analytics_events',
      'analytics_page_days',
      'analytics_source_days',
      'analytics_dimension_days',
      'analytics_visitor_days',
    ] as const) {
      const rows = await getDatabase().db.selectFrom(table).selectAll().execute();
      const text = JSON.stringify(rows);
      for (const secret of ['203.0.113.7', '198.51.100.4', 'iPhone', 'Chrome/131'])
        assert.ok(!text.includes(secret), `${table} holds ${secret}`);
    }
  });

  it('aggregates equal a recount from the raw events', async () => {
    const db = getDatabase().db;
    const raw = await db
      .selectFrom('analytics_events')
      .select((eb) => [
        'day',
        'path',
        eb.fn.sum<number>(eb.case().when('type', '=', 'view').then(1).else(0).end()).as('views'),
        eb.fn.sum<number>('new_page_visitor').as('visitors'),
        eb.fn
          .sum<number>(eb.case().when('type', '=', 'engage').then(eb.ref('value')).else(0).end())
          .as('engaged'),
      ])
      .groupBy(['day', 'path'])
      .orderBy('path')
      .execute();
    const rolled = await db
      .selectFrom('analytics_page_days')
      .select(['day', 'path', 'views', 'visitors', 'engaged_seconds'])
      .orderBy('path')
      .execute();
    assert.deepEqual(
      rolled.map((r) => [
        r.day,
        r.path,
        Number(r.views),
        Number(r.visitors),
        Number(r.engaged_seconds),
      ]),
      raw.map((r) => [r.day, r.path, Number(r.views), Number(r.visitors), Number(r.engaged)]),
    );
    const visitors = await db
      .selectFrom('analytics_events')
      .select((eb) => eb.fn.count<number>('visitor').distinct().as('n'))
      .where('type', '=', 'view')
      .executeTakeFirstOrThrow();
    const sourceVisitors = await db
      .selectFrom('analytics_source_days')
      .select((eb) => eb.fn.sum<number>('visitors').as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(sourceVisitors.n), Number(visitors.n));
  });

  it('ignores Do Not Track, Global Privacy Control and bots, and refuses bad input clearly', async () => {
    const before = await count('analytics_events');
    const view = { p: path, a: articleId, e: [{ t: 'view' }] };
    assert.equal((await send(view, { headers: { dnt: '1' } })).statusCode, 204);
    assert.equal((await send(view, { headers: { 'sec-gpc': '1' } })).statusCode, 204);
    assert.equal(
      (await send(view, { ua: 'Googlebot/2.1 (+http://www.google.com/bot.html)' })).statusCode,
      204,
    );
    assert.equal((await send(view, { ua: '' })).statusCode, 204);
    assert.equal(await count('analytics_events'), before, 'nothing stored');
    const notJson = await send('{not json');
    assert.equal(notJson.statusCode, 400);
    assert.match(notJson.json<{ message: string }>().message, /JSON/);
    const badPath = await send({ p: 'https://evil.example/', e: [{ t: 'view' }] });
    assert.equal(badPath.statusCode, 422);
    assert.match(badPath.json<{ message: string }>().message, /path/);
    assert.equal((await send({ p: '/', e: [{ t: 'drop-table' }] })).statusCode, 422);
    const foreign = await send(view, { headers: { 'sec-fetch-site': 'cross-site' } });
    assert.equal(foreign.statusCode, 403);
    assert.equal(await count('analytics_events'), before);
  });

  it('answers the dashboard API with the same figures, as JSON and CSV, for editors only', async () => {
    // The player's own count of plays (POST /audio/beacon) is what the dashboard shows.
    const { timeZone } = await test.services.settings.get();
    await countListen(
      getDatabase().db,
      toZonedIso(new Date(), timeZone).slice(0, 10),
      articleId,
      'play',
    );
    const overview = await api(editor, '/api/admin/analytics/overview?period=7d');
    assert.equal(overview.statusCode, 200, overview.body);
    const body = overview.json<{
      totals: { views: number; visitors: number; plays: number };
      series: Array<{ day: string; views: number }>;
      articles: Array<{ articleId: number; title: string; views: number; visitors: number }>;
      sources: Array<{ medium: string; source: string; views: number }>;
      devices: Array<{ value: string; views: number }>;
      authors: Array<{ name: string; views: number }>;
      tags: Array<{ name: string; views: number }>;
    }>();
    assert.equal(body.totals.views, 3);
    assert.equal(body.totals.visitors, 2);
    assert.equal(body.totals.plays, 1);
    assert.equal(body.series.length, 7);
    assert.equal(
      body.series.reduce((n, d) => n + d.views, 0),
      3,
    );
    assert.deepEqual(
      body.articles.map((a) => [a.title, a.views, a.visitors]),
      [['Counted story', 3, 2]],
    );
    assert.deepEqual(
      body.devices.map((d) => [d.value, d.views]),
      [
        ['desktop', 2],
        ['mobile', 1],
      ],
    );
    assert.deepEqual(
      body.authors.map((a) => [a.name, a.views]),
      [['Olena Shevchuk', 3]],
    );
    assert.deepEqual(
      body.tags.map((a) => [a.name, a.views]),
      [['Ukraine news', 3]],
    );
    const one = await api(editor, `/api/admin/analytics/articles/${articleId}?period=today`);
    assert.equal(one.json<{ figures: { views: number } }>().figures.views, 3);
    const csv = await api(editor, '/api/admin/analytics/articles.csv?period=30d');
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-type']), /text\/csv/);
    assert.match(csv.body, /^article_id,title,slug,views/);
    assert.match(csv.body, new RegExp(`${articleId},Counted story,[^,]+,3,2,`));
    const realtime = await api(editor, '/api/admin/analytics/realtime');
    assert.equal(realtime.json<{ views: number; visitors: number }>().views, 3);
    assert.equal(realtime.json<{ visitors: number }>().visitors, 2);
    assert.equal((await api(contributor, '/api/admin/analytics/overview')).statusCode, 403);
    const badPeriod = await api(editor, '/api/admin/analytics/overview?period=year');
    assert.equal(badPeriod.statusCode, 422);
    assert.match(badPeriod.body, /period must be one of/);
  });

  it('ranks the stories that brought donors, members and newsletter subscribers', async () => {
    const db = getDatabase().db;
    const now = new Date().toISOString();
    const member = await findOrCreateMember(db, 'donor@example.org', now);
    const payment = (id: string, kind: 'donation' | 'membership', amount: number) =>
      insertPayment(
        db,
        {
          member_id: member.id,
          provider: 'sandbox',
          provider_payment_id: id,
          kind,
          subscription_id: null,
          amount,
          fee_amount: 0,
          currency: 'EUR',
          status: 'succeeded',
          receipt_url: '',
          checkout_id: null,
          article_id: articleId,
          prompt: 'inline',
          page: path,
          paid_at: now,
        },
        now,
      );
    await payment('pi_1', 'donation', 1500);
    await payment('pi_2', 'donation', 500);
    const subscriber = await upsertSubscriber(db, 'reader@example.org', '', now);
    await insertConsentRecord(db, {
      subscriber_id: subscriber.id,
      action: 'signup',
      newsletter_ids: '[1]',
      consent_text: 'Yes',
      location: `article:${articleId}`,
      ip: '',
      user_agent: '',
      created_at: now,
      confirmed_at: now,
    });
    const overview = await api(editor, '/api/admin/analytics/overview?period=7d');
    const body = overview.json<{
      conversions: Array<{ title: string; donations: number; amount: number; signups: number }>;
      articles: Array<{ articleId: number; donations: number; signups: number }>;
    }>();
    assert.deepEqual(
      body.conversions.map((c) => [c.title, c.donations, c.amount, c.signups]),
      [['Counted story', 2, 2000, 1]],
    );
    const row = body.articles.find((a) => a.articleId === articleId);
    assert.equal(row?.donations, 2);
    assert.equal(row?.signups, 1);
  });

  it('turns off: the setting stops collection and removes the beacon from pages', async () => {
    assert.equal(
      (await api(editor, '/api/admin/analytics/settings', 'PUT', { enabled: false })).statusCode,
      403,
    );
    const off = await api(admin, '/api/admin/analytics/settings', 'PUT', { enabled: false });
    assert.equal(off.statusCode, 200, off.body);
    const before = await count('analytics_events');
    assert.equal((await send({ p: path, e: [{ t: 'view' }] })).statusCode, 204);
    assert.equal(await count('analytics_events'), before);
    const page = await test.app.inject({ method: 'GET', url: path });
    assert.doesNotMatch(page.body, /data-slot="analytics"><script/);
    const bad = await api(admin, '/api/admin/analytics/settings', 'PUT', { rawDays: 0 });
    assert.equal(bad.statusCode, 422);
    const on = await api(admin, '/api/admin/analytics/settings', 'PUT', { enabled: true });
    assert.equal(on.json<{ enabled: boolean; rawDays: number }>().rawDays, 30);
    const again = await test.app.inject({ method: 'GET', url: path });
    assert.match(again.body, /data-slot="analytics"><script src="[^"]+" defer><\/script>/);
  });

  it('prunes raw events past their keeping, past salts and visitor rows; aggregates stay', async () => {
    const db = getDatabase().db;
    await db
      .insertInto('analytics_events')
      .values({
        at: '2020-01-01T10:00:00.000Z',
        day: '2020-01-01',
        type: 'view',
        path: '/old/',
        article_id: 0,
        medium: 'direct',
        source: '',
        campaign: '',
        device: 'desktop',
        country: '',
        value: 0,
        target: '',
        visitor: 'x',
        new_visitor: 1,
        new_page_visitor: 1,
      })
      .execute();
    await db.insertInto('analytics_salts').values({ day: '2020-01-01', salt: 'old' }).execute();
    await db
      .insertInto('analytics_visitor_days')
      .values({ day: '2020-01-01', visitor: 'x', scope: '' })
      .execute();
    const pagesBefore = await db.selectFrom('analytics_page_days').selectAll().execute();
    const result = await pruneAnalytics(test.services);
    assert.deepEqual(result, { events: 1, visitorDays: 1, salts: 1 });
    assert.equal((await count('analytics_events')) > 0, true, "today's events stay");
    assert.deepEqual(await db.selectFrom('analytics_page_days').selectAll().execute(), pagesBefore);
  });
});
