import { findArticleTitles } from '../../content/article-titles.service.js';
import type { Executor } from '../../platform/db/database.js';
import type { Offers } from '../offers.js';
import type { SubscriptionState } from '../revenue.table.js';
import {
  listSubscriptionsForRevenue,
  paymentTotalsPerDay,
  revenueByArticle,
  revenueByPrompt,
} from './member-admin.repository.js';

// The revenue dashboard's figures (decisions in docs/decisions/0010-revenue-admin-figures.md):
// - Money is in the offers' currency only; payments and subscriptions in any other currency
//   are left out of every figure and listed under `excluded` with a note.
// - Payments count net of refunds (amount − amount_refunded, in the period the payment was
//   made); failed payments never count. Processor fees are not subtracted.
// - Monthly recurring revenue (MRR) sums active and past_due subscriptions (memberships and
//   recurring donations), a yearly price counted as price / 12. Trials, incomplete and ended
//   subscriptions add nothing.
// - Past months are rebuilt from today's subscription rows (there is no history table): a
//   subscription counts at a month's end when it had started by then and had not yet ended
//   (canceled_at, or its last update when it ended without one). The current month's point
//   is "now", so it equals the MRR now.
// - Months and weeks are UTC; weeks start on Monday. "Donations per week" are one-time
//   donations (recurring donations are part of MRR).

/** Subscription states that bring in recurring revenue now. */
const liveStates: readonly SubscriptionState[] = ['active', 'past_due'];
/** States in which a subscription has ended for good (it counted until it ended). */
const endedStates: readonly SubscriptionState[] = ['canceled', 'unpaid', 'paused'];

const dayMs = 86_400_000;
const topLimit = 10;

export interface SummaryRange {
  /** First day (YYYY-MM-DD, UTC), inclusive. */
  from: string;
  /** Last day (YYYY-MM-DD, UTC), inclusive. */
  to: string;
}

type RevenueSubscription = Awaited<ReturnType<typeof listSubscriptionsForRevenue>>[number];

/** The monthly value of a subscription in minor units (yearly / 12, unrounded). */
export function monthlyValue(subscription: { interval: string; amount: number }): number {
  return subscription.interval === 'year' ? subscription.amount / 12 : subscription.amount;
}

/** True when the subscription brought in recurring revenue at `point` (an ISO time). */
export function countsAt(subscription: RevenueSubscription, point: string): boolean {
  if (subscription.created_at >= point) return false;
  const status = subscription.status as SubscriptionState;
  if (endedStates.includes(status)) {
    const end = subscription.canceled_at ?? subscription.updated_at;
    return end > point;
  }
  return liveStates.includes(status);
}

function monthStart(day: string): Date {
  return new Date(`${day.slice(0, 7)}-01T00:00:00.000Z`);
}

function nextMonth(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1));
}

/** The Monday (YYYY-MM-DD) of the UTC week holding `day`. */
export function weekStart(day: string): string {
  const date = new Date(`${day}T00:00:00.000Z`);
  const back = (date.getUTCDay() + 6) % 7;
  return new Date(date.getTime() - back * dayMs).toISOString().slice(0, 10);
}

/** Every figure of the revenue dashboard for the range, in the offers' currency. */
export async function summarizeRevenue(
  executor: Executor,
  offers: Offers,
  range: SummaryRange,
  now: Date,
) {
  const { currency } = offers;
  const nowIso = now.toISOString();
  const fromIso = `${range.from}T00:00:00.000Z`;
  const toIso = new Date(Date.parse(`${range.to}T00:00:00.000Z`) + dayMs).toISOString();

  const subscriptions = await listSubscriptionsForRevenue(executor);
  const inCurrency = subscriptions.filter((s) => s.currency === currency);
  const snapshot = (point: string) => {
    const counted = inCurrency.filter((s) => countsAt(s, point));
    return {
      mrr: Math.round(counted.reduce((sum, s) => sum + monthlyValue(s), 0)),
      active_members: new Set(counted.map((s) => s.member_id)).size,
    };
  };

  const months: Array<{ month: string; mrr: number; active_members: number }> = [];
  for (let start = monthStart(range.from); start.toISOString() < toIso; start = nextMonth(start)) {
    const end = nextMonth(start).toISOString();
    const point = end < nowIso ? end : nowIso;
    if (start.toISOString() > nowIso) break; // nothing to say about months to come
    months.push({ month: start.toISOString().slice(0, 7), ...snapshot(point) });
  }

  const days = await paymentTotalsPerDay(executor, fromIso, toIso);
  const weekly = new Map<string, { count: number; amount: number }>();
  for (let day = weekStart(range.from); day <= range.to;) {
    weekly.set(day, { count: 0, amount: 0 });
    day = new Date(Date.parse(`${day}T00:00:00.000Z`) + 7 * dayMs).toISOString().slice(0, 10);
  }
  const excluded = new Map<string, { payments: number; amount: number; subscriptions: number }>();
  for (const row of days) {
    if (row.currency !== currency) {
      const entry = excluded.get(row.currency) ?? { payments: 0, amount: 0, subscriptions: 0 };
      entry.payments += row.payments;
      entry.amount += row.amount;
      excluded.set(row.currency, entry);
      continue;
    }
    if (row.kind !== 'donation') continue;
    const week = weekly.get(weekStart(row.day));
    if (week) {
      week.count += row.payments;
      week.amount += row.amount;
    }
  }
  for (const s of subscriptions) {
    if (s.currency === currency || !countsAt(s, nowIso)) continue;
    const entry = excluded.get(s.currency) ?? { payments: 0, amount: 0, subscriptions: 0 };
    entry.subscriptions += 1;
    excluded.set(s.currency, entry);
  }

  const topRange = { from: fromIso, to: toIso, currency, limit: topLimit };
  const [articles, prompts] = await Promise.all([
    revenueByArticle(executor, topRange),
    revenueByPrompt(executor, topRange),
  ]);
  const titles = await findArticleTitles(
    executor,
    articles.map((a) => a.article_id),
  );

  const excludedList = [...excluded.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, figures]) => ({ currency: code, ...figures }));
  return {
    currency,
    from: range.from,
    to: range.to,
    now: { ...snapshot(nowIso), at: nowIso },
    months,
    donations_per_week: [...weekly.entries()].map(([week, figures]) => ({
      week_start: week,
      ...figures,
    })),
    top_articles: articles.map((a) => ({
      ...a,
      title: titles.get(a.article_id)?.title ?? null,
    })),
    top_prompts: prompts,
    excluded: excludedList,
    notes:
      excludedList.length > 0
        ? [
            `Figures are in ${currency}. Payments and subscriptions in ${excludedList
              .map((e) => e.currency)
              .join(', ')} are left out of them and listed separately.`,
          ]
        : [],
  };
}
