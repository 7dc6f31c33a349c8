import { type Selectable, sql } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { MemberStatus, PaymentTable, RevenueSubscriptionTable } from '../revenue.table.js';

// Read-only queries behind the admin's members list, member detail and revenue dashboard.
// Money that counts is net of refunds: amount − amount_refunded of every payment that did
// not fail. In the dashboard's counts a fully refunded payment is left out altogether.

const netAmount = sql<number>`amount - amount_refunded`;

export type SubscriptionRow = Selectable<RevenueSubscriptionTable>;
export type PaymentRow = Selectable<PaymentTable>;

/** The sorts the members list allows (anything else is refused at the route). */
export const memberSorts = ['newest', 'oldest', 'email', 'name', 'lifetime'] as const;
export type MemberSort = (typeof memberSorts)[number];

export interface MemberSearch {
  query?: string | undefined;
  status?: MemberStatus | undefined;
  sort: MemberSort;
  /** Lifetime totals are summed in this currency only. */
  currency: string;
  limit: number;
  offset: number;
}

export interface MemberListRow {
  id: number;
  email: string;
  name: string;
  status: MemberStatus;
  created_at: string;
  lifetime_total: number;
}

/** `%fragment%` for LIKE with the fragment's own \ % _ taken literally (used with escape '\'). */
export function likeContains(fragment: string): string {
  return `%${fragment.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function filteredMembers(executor: Executor, search: MemberSearch) {
  let query = executor.selectFrom('members');
  if (search.query) {
    const pattern = likeContains(search.query);
    query = query.where((eb) =>
      eb.or([
        eb(sql`lower(members.email)`, 'like', sql<string>`${pattern} escape '\\'`),
        eb(sql`lower(members.name)`, 'like', sql<string>`${pattern} escape '\\'`),
      ]),
    );
  }
  if (search.status) query = query.where('members.status', '=', search.status);
  return query;
}

/** One page of members matching the search, with lifetime totals, and the total count. */
export async function searchMembers(
  executor: Executor,
  search: MemberSearch,
): Promise<{ rows: MemberListRow[]; total: number }> {
  const base = filteredMembers(executor, search);
  const lifetime = sql<number>`coalesce(totals.lifetime, 0)`;
  let page = base
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('payments')
          .select([
            'payments.member_id',
            (e) => e.fn.sum<number>(sql`payments.amount - payments.amount_refunded`).as('lifetime'),
          ])
          .where('payments.status', '!=', 'failed')
          .where('payments.currency', '=', search.currency)
          .groupBy('payments.member_id')
          .as('totals'),
      (join) => join.onRef('totals.member_id', '=', 'members.id'),
    )
    .select([
      'members.id',
      'members.email',
      'members.name',
      'members.status',
      'members.created_at',
      lifetime.as('lifetime_total'),
    ]);
  switch (search.sort) {
    case 'oldest':
      page = page.orderBy('members.created_at', 'asc').orderBy('members.id', 'asc');
      break;
    case 'email':
      page = page.orderBy('members.email', 'asc').orderBy('members.id', 'asc');
      break;
    case 'name':
      page = page
        .orderBy(sql`lower(members.name)`, 'asc')
        .orderBy('members.email', 'asc')
        .orderBy('members.id', 'asc');
      break;
    case 'lifetime':
      page = page.orderBy(lifetime, 'desc').orderBy('members.id', 'desc');
      break;
    default:
      page = page.orderBy('members.created_at', 'desc').orderBy('members.id', 'desc');
  }
  const [rows, count] = await Promise.all([
    page.limit(search.limit).offset(search.offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    rows: rows.map((row) => ({ ...row, lifetime_total: Number(row.lifetime_total) })),
    total: Number(count.n),
  };
}

/** Every subscription of these members, newest first. */
export async function listSubscriptionsOfMembers(
  executor: Executor,
  memberIds: number[],
): Promise<SubscriptionRow[]> {
  if (memberIds.length === 0) return [];
  return executor
    .selectFrom('revenue_subscriptions')
    .selectAll()
    .where('member_id', 'in', memberIds)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** Every payment of a member, newest first. */
export function listPaymentsOfMember(executor: Executor, memberId: number): Promise<PaymentRow[]> {
  return executor
    .selectFrom('payments')
    .selectAll()
    .where('member_id', '=', memberId)
    .orderBy('paid_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** One payment of a member, or undefined when the member has no payment with that id. */
export function findPaymentOfMember(
  executor: Executor,
  memberId: number,
  paymentId: number,
): Promise<PaymentRow | undefined> {
  return executor
    .selectFrom('payments')
    .selectAll()
    .where('id', '=', paymentId)
    .where('member_id', '=', memberId)
    .executeTakeFirst();
}

/** The subscription columns the recurring-revenue figures need (every currency). */
export function listSubscriptionsForRevenue(executor: Executor) {
  return executor
    .selectFrom('revenue_subscriptions')
    .select([
      'member_id',
      'kind',
      'interval',
      'amount',
      'currency',
      'status',
      'created_at',
      'canceled_at',
      'updated_at',
    ])
    .execute();
}

export interface DayTotal {
  day: string;
  kind: string;
  currency: string;
  payments: number;
  amount: number;
}

/** Net payment totals per UTC day, kind and currency with paid_at in [from, to). */
export async function paymentTotalsPerDay(
  executor: Executor,
  from: string,
  to: string,
): Promise<DayTotal[]> {
  const day = sql<string>`substr(paid_at, 1, 10)`;
  const rows = await executor
    .selectFrom('payments')
    .select([
      day.as('day'),
      'kind',
      'currency',
      (eb) => eb.fn.countAll<number>().as('payments'),
      (eb) => eb.fn.sum<number>(sql`amount - amount_refunded`).as('amount'),
    ])
    .where('status', '!=', 'failed')
    .where(netAmount, '>', 0)
    .where('paid_at', '>=', from)
    .where('paid_at', '<', to)
    .groupBy([day, 'kind', 'currency'])
    .orderBy(day)
    .execute();
  return rows.map((r) => ({ ...r, payments: Number(r.payments), amount: Number(r.amount) }));
}

/** Net revenue per article (attributed payments in `currency`, paid in [from, to)), top first. */
export async function revenueByArticle(
  executor: Executor,
  range: { from: string; to: string; currency: string; limit: number },
) {
  const amount = sql<number>`sum(amount - amount_refunded)`;
  const rows = await executor
    .selectFrom('payments')
    .select(['article_id', (eb) => eb.fn.countAll<number>().as('payments'), amount.as('amount')])
    .where('status', '!=', 'failed')
    .where(netAmount, '>', 0)
    .where('currency', '=', range.currency)
    .where('paid_at', '>=', range.from)
    .where('paid_at', '<', range.to)
    .where('article_id', 'is not', null)
    .groupBy('article_id')
    .orderBy(amount, 'desc')
    .orderBy('article_id')
    .limit(range.limit)
    .execute();
  return rows.map((r) => ({
    article_id: Number(r.article_id),
    payments: Number(r.payments),
    amount: Number(r.amount),
  }));
}

/** Net revenue per support prompt (placement id), like revenueByArticle. */
export async function revenueByPrompt(
  executor: Executor,
  range: { from: string; to: string; currency: string; limit: number },
) {
  const amount = sql<number>`sum(amount - amount_refunded)`;
  const rows = await executor
    .selectFrom('payments')
    .select(['prompt', (eb) => eb.fn.countAll<number>().as('payments'), amount.as('amount')])
    .where('status', '!=', 'failed')
    .where(netAmount, '>', 0)
    .where('currency', '=', range.currency)
    .where('paid_at', '>=', range.from)
    .where('paid_at', '<', range.to)
    .where('prompt', '!=', '')
    .groupBy('prompt')
    .orderBy(amount, 'desc')
    .orderBy('prompt')
    .limit(range.limit)
    .execute();
  return rows.map((r) => ({
    prompt: r.prompt,
    payments: Number(r.payments),
    amount: Number(r.amount),
  }));
}
