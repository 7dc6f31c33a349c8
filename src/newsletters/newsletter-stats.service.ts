import { sql } from 'kysely';
import type { Executor } from '../platform/db/database.js';
import { notFound } from '../platform/errors.js';
import { countDeliveries } from './delivery.repository.js';
import { findIssue } from './issue.repository.js';
import { findNewsletterById } from './newsletter.repository.js';
import { countClicks, countClicksPerLink, countOpens } from './tracking.repository.js';

// Newsletter statistics for the admin: per issue (deliveries, bounces, unsubscribes, clicks,
// opens) and subscriber growth and churn per day or week.

/** Bounce events tied (by VERP) to deliveries of the issue, one count per delivery and kind. */
async function countBounces(executor: Executor, issueId: number) {
  const rows = await executor
    .selectFrom('bounce_events as b')
    .innerJoin('newsletter_deliveries as d', 'd.id', 'b.delivery_id')
    .select((eb) => ['b.kind', eb.fn.count<number>('b.delivery_id').distinct().as('n')])
    .where('d.issue_id', '=', issueId)
    .groupBy('b.kind')
    .execute();
  const of = (kind: string) => Number(rows.find((r) => r.kind === kind)?.n ?? 0);
  return { hard: of('hard'), soft: of('soft'), complaints: of('complaint') };
}

/**
 * Recipients of the issue who left the newsletter after it went out and before the
 * newsletter's next issue started (the usual reading of "unsubscribed from this issue").
 */
async function countUnsubscribed(
  executor: Executor,
  issue: { id: number; newsletter_id: number; started_at: string | null },
): Promise<number> {
  if (!issue.started_at) return 0;
  const next = await executor
    .selectFrom('newsletter_issues')
    .select((eb) => eb.fn.min('started_at').as('at'))
    .where('newsletter_id', '=', issue.newsletter_id)
    .where('started_at', '>', issue.started_at)
    .where('id', '<>', issue.id)
    .executeTakeFirst();
  let query = executor
    .selectFrom('newsletter_deliveries as d')
    .innerJoin('subscriptions as s', (join) =>
      join
        .onRef('s.subscriber_id', '=', 'd.subscriber_id')
        .on('s.newsletter_id', '=', issue.newsletter_id),
    )
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('d.issue_id', '=', issue.id)
    .where('d.status', '=', 'sent')
    .where('s.status', '=', 'unsubscribed')
    .where('s.unsubscribed_at', '>=', issue.started_at);
  const until = next?.at;
  if (typeof until === 'string') query = query.where('s.unsubscribed_at', '<', until);
  const row = await query.executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Everything the issue screen shows about one issue's results. */
export async function issueStats(executor: Executor, issueId: number) {
  const issue = await findIssue(executor, issueId);
  if (!issue) throw notFound('Issue');
  const newsletter = await findNewsletterById(executor, issue.newsletter_id);
  const deliveries = await countDeliveries(executor, issueId);
  const bounces = await countBounces(executor, issueId);
  const clicks = await countClicks(executor, issueId);
  const tracksOpens = newsletter?.track_opens === 1;
  const opened = await countOpens(executor, issueId);
  return {
    issue_id: issueId,
    status: issue.status,
    recipients: issue.recipients_total,
    delivered: deliveries.sent,
    failed: deliveries.failed,
    ambiguous: deliveries.ambiguous,
    suppressed: deliveries.suppressed,
    bounced: bounces.hard + bounces.soft,
    hard_bounces: bounces.hard,
    soft_bounces: bounces.soft,
    complaints: bounces.complaints,
    unsubscribed: await countUnsubscribed(executor, issue),
    tracking: {
      clicks: newsletter?.track_clicks === 1,
      opens: tracksOpens,
    },
    clicks: {
      unique: clicks.unique,
      total: clicks.total,
      readers: clicks.readers,
      top_links: await countClicksPerLink(executor, issueId, 10),
    },
    // Opens are reported only while the newsletter counts them (off by default, for privacy).
    opens: tracksOpens || opened > 0 ? opened : null,
  };
}

export type GrowthBucket = 'day' | 'week';

export interface GrowthPoint {
  /** The day (YYYY-MM-DD, UTC) or the Monday starting the ISO week. */
  period: string;
  subscribed: number;
  unsubscribed: number;
  /** Hard bounces and complaints that suppressed a subscriber of the newsletter. */
  suppressed: number;
}

const day = (column: string) => sql<string>`substr(${sql.ref(column)}, 1, 10)`;

function mondayOf(dayText: string): string {
  const date = new Date(`${dayText}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7));
  return date.toISOString().slice(0, 10);
}

function periodsBetween(from: Date, to: Date, bucket: GrowthBucket): string[] {
  const out: string[] = [];
  const cursor = new Date(`${from.toISOString().slice(0, 10)}T00:00:00Z`);
  if (bucket === 'week')
    cursor.setTime(Date.parse(`${mondayOf(cursor.toISOString().slice(0, 10))}T00:00:00Z`));
  while (cursor < to) {
    out.push(cursor.toISOString().slice(0, 10));
    cursor.setUTCDate(cursor.getUTCDate() + (bucket === 'week' ? 7 : 1));
  }
  return out;
}

/**
 * New confirmed subscriptions, unsubscribes and suppressions per day or ISO week (UTC) between
 * `from` (inclusive) and `to` (exclusive), every period present (zeros included). Without a
 * newsletter id, subscriptions to every newsletter are counted (a reader of two counts twice).
 */
export async function subscriberGrowth(
  executor: Executor,
  input: { newsletterId?: number; from: Date; to: Date; bucket: GrowthBucket },
): Promise<GrowthPoint[]> {
  const from = input.from.toISOString();
  const to = input.to.toISOString();
  let subscribed = executor
    .selectFrom('subscriptions')
    .select((eb) => [day('confirmed_at').as('day'), eb.fn.countAll<number>().as('n')])
    .where('confirmed_at', '>=', from)
    .where('confirmed_at', '<', to)
    .groupBy(day('confirmed_at'));
  let unsubscribed = executor
    .selectFrom('subscriptions')
    .select((eb) => [day('unsubscribed_at').as('day'), eb.fn.countAll<number>().as('n')])
    .where('status', '=', 'unsubscribed')
    .where('unsubscribed_at', '>=', from)
    .where('unsubscribed_at', '<', to)
    .groupBy(day('unsubscribed_at'));
  // A suppression counts for a newsletter when the address was on it at that moment.
  let suppressed = executor
    .selectFrom('suppressions as sp')
    .innerJoin('subscribers as r', 'r.email', 'sp.email')
    .innerJoin('subscriptions as s', 's.subscriber_id', 'r.id')
    .select((eb) => [day('sp.created_at').as('day'), eb.fn.countAll<number>().as('n')])
    .where('sp.reason', '<>', 'unsubscribed')
    .where('sp.created_at', '>=', from)
    .where('sp.created_at', '<', to)
    .where('s.confirmed_at', 'is not', null)
    .whereRef('s.confirmed_at', '<=', 'sp.created_at')
    .where((eb) =>
      eb.or([
        eb('s.unsubscribed_at', 'is', null),
        eb('s.unsubscribed_at', '>', eb.ref('sp.created_at')),
      ]),
    )
    .groupBy(day('sp.created_at'));
  if (input.newsletterId !== undefined) {
    subscribed = subscribed.where('newsletter_id', '=', input.newsletterId);
    unsubscribed = unsubscribed.where('newsletter_id', '=', input.newsletterId);
    suppressed = suppressed.where('s.newsletter_id', '=', input.newsletterId);
  }
  const [joined, left, blocked] = await Promise.all([
    subscribed.execute(),
    unsubscribed.execute(),
    suppressed.execute(),
  ]);
  const points = new Map<string, GrowthPoint>(
    periodsBetween(input.from, input.to, input.bucket).map((period) => [
      period,
      { period, subscribed: 0, unsubscribed: 0, suppressed: 0 },
    ]),
  );
  const add = (rows: Array<{ day: string; n: number }>, key: keyof Omit<GrowthPoint, 'period'>) => {
    for (const row of rows) {
      const period = input.bucket === 'week' ? mondayOf(row.day) : row.day;
      const point = points.get(period);
      if (point) point[key] += Number(row.n);
    }
  };
  add(joined, 'subscribed');
  add(left, 'unsubscribed');
  add(blocked, 'suppressed');
  return [...points.values()];
}
