import { sql } from 'kysely';
import type { Executor } from '../platform/db/database.js';
import { parseNewsroomDateTime } from '../platform/time-zone.js';
import type { DayRange } from './analytics-report.js';

// Which stories brought readers' money and signups: read from the revenue ledger and the
// newsletter consent records (both lower layers), which already note the article a checkout or
// a signup form was on, and the free members' registrations a prompt brought (member_signups). A donation counts when paid; a membership or recurring donation once,
// with its first payment; a signup when it is confirmed. Refunds do not un-count a donor.

export interface ArticleConversions {
  articleId: number;
  donations: number;
  memberships: number;
  /** Money from those first payments, in minor units of `currency`. */
  amount: number;
  currency: string;
  signups: number;
}

/** The instants a range of newsroom days spans, for tables stamped in UTC. */
export function instantBounds(range: DayRange, timeZone: string): { from: string; to: string } {
  const start = parseNewsroomDateTime(`${range.from}T00:00`, timeZone);
  const end = parseNewsroomDateTime(`${range.to}T00:00`, timeZone);
  if (!start || !end) throw new Error(`bad day range ${range.from}..${range.to}`);
  return {
    from: start.toISOString(),
    to: new Date(end.getTime() + 24 * 3600_000).toISOString(),
  };
}

/**
 * The payments that count as conversions in [from, to) (as `p`): one-time payments and the
 * first payment of each subscription.
 */
export function conversionPayments(db: Executor, from: string, to: string) {
  const firstOfSubscription = db
    .selectFrom('payments')
    .select((eb) => eb.fn.min<number>('id').as('id'))
    .where('subscription_id', 'is not', null)
    .groupBy('subscription_id');
  return db
    .selectFrom('payments as p')
    .where('p.paid_at', '>=', from)
    .where('p.paid_at', '<', to)
    .where((eb) =>
      eb.or([eb('p.subscription_id', 'is', null), eb('p.id', 'in', firstOfSubscription)]),
    );
}

/** The newsletter signups confirmed in [from, to) (as `c`). */
export function confirmedSignups(db: Executor, from: string, to: string) {
  return db
    .selectFrom('consent_records as c')
    .where('c.action', '=', 'signup')
    .where('c.confirmed_at', '>=', from)
    .where('c.confirmed_at', '<', to);
}

/**
 * The free members registered in [from, to) through a prompt's link (as `s`, the registration
 * wall's), counted once the account was signed into (an unconfirmed one is no registration).
 */
export function promptedRegistrations(db: Executor, from: string, to: string) {
  return db
    .selectFrom('member_signups as s')
    .innerJoin('members as m', 'm.id', 's.member_id')
    .where('m.last_sign_in_at', 'is not', null)
    .where('s.created_at', '>=', from)
    .where('s.created_at', '<', to);
}

/** Conversions per article in the range (articles with none are left out). */
export async function articleConversions(
  db: Executor,
  range: DayRange,
  timeZone: string,
): Promise<Map<number, ArticleConversions>> {
  const { from, to } = instantBounds(range, timeZone);
  const payments = await conversionPayments(db, from, to)
    .select((eb) => [
      'p.article_id',
      'p.currency',
      eb.fn
        .sum<number>(eb.case().when('p.kind', '=', 'donation').then(1).else(0).end())
        .as('donations'),
      eb.fn
        .sum<number>(eb.case().when('p.kind', '!=', 'donation').then(1).else(0).end())
        .as('memberships'),
      eb.fn.sum<number>('p.amount').as('amount'),
    ])
    .where('p.article_id', 'is not', null)
    .groupBy(['p.article_id', 'p.currency'])
    .execute();
  const signups = await confirmedSignups(db, from, to)
    .select((eb) => [
      sql<string>`substr(c.location, 9)`.as('article'),
      eb.fn.countAll<number>().as('signups'),
    ])
    .where('c.location', 'like', 'article:%')
    .groupBy('c.location')
    .execute();
  const registrations = await promptedRegistrations(db, from, to)
    .select((eb) => ['s.article_id', eb.fn.countAll<number>().as('signups')])
    .where('s.article_id', 'is not', null)
    .groupBy('s.article_id')
    .execute();
  const out = new Map<number, ArticleConversions>();
  const entry = (articleId: number) => {
    let found = out.get(articleId);
    if (!found)
      out.set(
        articleId,
        (found = { articleId, donations: 0, memberships: 0, amount: 0, currency: '', signups: 0 }),
      );
    return found;
  };
  for (const row of payments) {
    if (row.article_id === null) continue;
    const e = entry(row.article_id);
    e.donations += Number(row.donations);
    e.memberships += Number(row.memberships);
    // One newsroom sells in one currency; a second one is kept apart rather than added up.
    if (e.currency === '' || e.currency === row.currency) {
      e.amount += Number(row.amount);
      e.currency = row.currency;
    }
  }
  for (const row of signups) {
    const id = /^[1-9]\d{0,12}$/.test(row.article) ? Number(row.article) : undefined;
    if (id !== undefined) entry(id).signups += Number(row.signups);
  }
  for (const row of registrations)
    if (row.article_id !== null) entry(row.article_id).signups += Number(row.signups);
  return out;
}
