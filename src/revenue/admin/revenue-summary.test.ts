import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeEachDialect } from '../../platform/db/test-databases.js';
import {
  buildArticle,
  buildTestApp,
  buildToken,
  type TestApp,
} from '../../test-support/test-app.js';
import { weekStart } from './revenue-summary.service.js';
import { buildMember, buildPayment, buildSubscription } from './test-fixtures/revenue-factories.js';

interface Summary {
  currency: string;
  now: { mrr: number; active_members: number };
  months: Array<{ month: string; mrr: number; active_members: number }>;
  donations_per_week: Array<{ week_start: string; count: number; amount: number }>;
  top_articles: Array<{ article_id: number; title: string; payments: number; amount: number }>;
  top_prompts: Array<{ prompt: string; payments: number; amount: number }>;
  excluded: Array<{ currency: string; payments: number; amount: number; subscriptions: number }>;
  notes: string[];
}

it('weeks start on Monday (UTC)', () => {
  assert.equal(weekStart('2026-01-01'), '2025-12-29'); // a Thursday
  assert.equal(weekStart('2026-01-05'), '2026-01-05'); // a Monday
  assert.equal(weekStart('2026-01-11'), '2026-01-05'); // a Sunday
});

describeEachDialect('revenue summary against hand-computed figures', (getDatabase) => {
  let t: TestApp;
  let headers: Record<string, string>;
  const titles: Record<string, string> = {};

  before(async () => {
    t = await buildTestApp(getDatabase());
    t.services.now = () => new Date('2026-03-15T12:00:00.000Z');
    headers = { authorization: `Bearer ${await buildToken(getDatabase(), 'editor')}` };
    const db = getDatabase().db;
    const a = await buildArticle(getDatabase(), { title: 'Article A: the bridge' });
    const b = await buildArticle(getDatabase(), { title: 'Article B: the budget' });
    titles.a = a.title;
    titles.b = b.title;
    const [m1, m2, m3, m4] = [
      await buildMember(db, { status: 'paying' }),
      await buildMember(db, { status: 'paying' }),
      await buildMember(db, { status: 'lapsed' }),
      await buildMember(db),
    ].map((m) => m.id) as [number, number, number, number];

    // s1: 5.00 a month since December: every month.
    await buildSubscription(db, m1, { amount: 500, created_at: '2025-12-10T00:00:00.000Z' });
    // s2: 50.00 a year from 10 February: 416.67 a month at the end of February and now.
    await buildSubscription(db, m2, {
      amount: 5000,
      interval: 'year',
      created_at: '2026-02-10T00:00:00.000Z',
    });
    // s3: 15.00 a month, canceled on 15 February: counts at the end of January only.
    await buildSubscription(db, m3, {
      amount: 1500,
      status: 'canceled',
      created_at: '2025-11-01T00:00:00.000Z',
      canceled_at: '2026-02-15T00:00:00.000Z',
      updated_at: '2026-02-15T00:00:00.000Z',
    });
    // s4: a recurring donation of 3.00 in its retry window (past_due), m1's second plan.
    await buildSubscription(db, m1, {
      kind: 'recurring_donation',
      tier_id: '',
      amount: 300,
      status: 'past_due',
      created_at: '2026-01-20T00:00:00.000Z',
    });
    // Never counted: a trial, an incomplete checkout; a EUR plan is reported apart.
    await buildSubscription(db, m4, { amount: 999, status: 'trialing' });
    await buildSubscription(db, m4, { amount: 800, status: 'incomplete' });
    await buildSubscription(db, m4, { amount: 700, currency: 'EUR' });

    const donation = (amount: number, paidAt: string, extra: object = {}) =>
      buildPayment(db, m4, { amount, paid_at: paidAt, ...extra });
    await donation(1000, '2026-01-05T10:00:00.000Z', { article_id: a.id, prompt: 'after-body' });
    await donation(2500, '2026-01-11T23:59:59.000Z', { article_id: b.id, prompt: 'banner' });
    // Fully refunded: left out of every figure.
    await donation(2000, '2026-01-12T10:00:00.000Z', {
      amount_refunded: 2000,
      status: 'refunded',
      article_id: b.id,
      prompt: 'banner',
    });
    // Partly refunded: counts 7.00.
    await donation(1000, '2026-01-13T10:00:00.000Z', {
      amount_refunded: 300,
      status: 'partially_refunded',
      article_id: a.id,
      prompt: 'after-body',
    });
    await donation(5000, '2026-01-14T10:00:00.000Z', { status: 'failed', article_id: a.id });
    await donation(4000, '2026-02-02T10:00:00.000Z', { currency: 'EUR', article_id: a.id });
    await donation(9000, '2025-12-20T10:00:00.000Z', { article_id: a.id, prompt: 'banner' });
    await buildPayment(db, m1, {
      kind: 'membership',
      amount: 500,
      paid_at: '2026-02-03T10:00:00.000Z',
      article_id: b.id,
      prompt: 'inline',
    });
  });
  after(async () => {
    await t.close();
  });

  const summary = async (query: string) => {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/admin/revenue/summary${query}`,
      headers,
    });
    assert.equal(response.statusCode, 200, response.body);
    return response.json() as Summary;
  };

  it('computes MRR and active members per month, yearly plans as a twelfth', async () => {
    const result = await summary('?from=2026-01-01&to=2026-03-31');
    assert.equal(result.currency, 'USD');
    assert.deepEqual(result.months, [
      // s1 500 + s3 1500 + s4 300; members m1 and m3.
      { month: '2026-01', mrr: 2300, active_members: 2 },
      // s1 500 + s2 5000/12 + s4 300 = 1216.67; s3 was canceled on 15 February.
      { month: '2026-02', mrr: 1217, active_members: 2 },
      { month: '2026-03', mrr: 1217, active_members: 2 },
    ]);
    assert.deepEqual(result.now.mrr, 1217);
    assert.deepEqual(result.now.active_members, 2);
  });

  it('counts one-time donations per week, net of refunds, failed ones left out', async () => {
    const result = await summary('?from=2026-01-01&to=2026-03-31');
    assert.equal(result.donations_per_week.length, 14);
    assert.equal(result.donations_per_week[0]?.week_start, '2025-12-29');
    assert.equal(result.donations_per_week.at(-1)?.week_start, '2026-03-30');
    const week = (start: string) => result.donations_per_week.find((w) => w.week_start === start);
    assert.deepEqual(week('2026-01-05'), { week_start: '2026-01-05', count: 2, amount: 3500 });
    assert.deepEqual(week('2026-01-12'), { week_start: '2026-01-12', count: 1, amount: 700 });
    assert.deepEqual(week('2026-02-02'), { week_start: '2026-02-02', count: 0, amount: 0 });
    assert.equal(
      result.donations_per_week.reduce((sum, w) => sum + w.amount, 0),
      4200,
    );
  });

  it('ranks articles and prompts by net revenue in the period', async () => {
    const result = await summary('?from=2026-01-01&to=2026-03-31');
    assert.deepEqual(
      result.top_articles.map((a) => [a.title, a.payments, a.amount]),
      [
        [titles.b, 2, 3000],
        [titles.a, 2, 1700],
      ],
    );
    assert.deepEqual(
      result.top_prompts.map((p) => [p.prompt, p.payments, p.amount]),
      [
        ['banner', 1, 2500],
        ['after-body', 2, 1700],
        ['inline', 1, 500],
      ],
    );
  });

  it('reports other currencies apart with a note', async () => {
    const result = await summary('?from=2026-01-01&to=2026-03-31');
    assert.deepEqual(result.excluded, [
      { currency: 'EUR', payments: 1, amount: 4000, subscriptions: 1 },
    ]);
    assert.match(result.notes[0] ?? '', /in USD.*EUR are left out/);
  });

  it('defaults to the last twelve months and stops at the current month', async () => {
    const result = await summary('');
    assert.equal(result.months[0]?.month, '2025-04');
    assert.equal(result.months.at(-1)?.month, '2026-03');
    assert.equal(result.months.length, 12);
    const november = result.months.find((m) => m.month === '2025-11');
    assert.deepEqual(november, { month: '2025-11', mrr: 1500, active_members: 1 });
    const future = await summary('?from=2026-03-01&to=2026-06-30');
    assert.deepEqual(
      future.months.map((m) => m.month),
      ['2026-03'],
    );
  });

  it('refuses bad ranges with field errors', async () => {
    for (const [query, field] of [
      ['?from=2026-03-01&to=2026-01-01', 'from'],
      ['?from=2026-02-30', 'from'],
      ['?to=yesterday', 'to'],
      ['?from=2020-01-01&to=2026-01-01', 'from'],
    ] as const) {
      const response = await t.app.inject({
        method: 'GET',
        url: `/api/admin/revenue/summary${query}`,
        headers,
      });
      assert.equal(response.statusCode, 422, query);
      assert.ok((response.json() as { fields: Record<string, unknown> }).fields[field], query);
    }
  });
});
