import type { Selectable } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { PaymentTable, RevenueSubscriptionTable } from '../revenue.table.js';

// What the account page reads about one member: their subscriptions and payments.

export type SubscriptionRow = Selectable<RevenueSubscriptionTable>;
export type PaymentRow = Selectable<PaymentTable>;

/** The member's subscriptions (memberships and recurring donations), newest first. */
export function listMemberSubscriptions(
  executor: Executor,
  memberId: number,
): Promise<SubscriptionRow[]> {
  return executor
    .selectFrom('revenue_subscriptions')
    .selectAll()
    .where('member_id', '=', memberId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export function findMemberSubscription(
  executor: Executor,
  memberId: number,
  id: number,
): Promise<SubscriptionRow | undefined> {
  return executor
    .selectFrom('revenue_subscriptions')
    .selectAll()
    .where('member_id', '=', memberId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The member's payments, newest first (at most `limit`). */
export function listMemberPayments(
  executor: Executor,
  memberId: number,
  limit = 100,
): Promise<PaymentRow[]> {
  return executor
    .selectFrom('payments')
    .selectAll()
    .where('member_id', '=', memberId)
    .orderBy('paid_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** Records at once that the reader asked to cancel at the period end (the provider's event confirms later). */
export async function markCancelAtPeriodEnd(
  executor: Executor,
  id: number,
  currentPeriodEnd: string | null,
  now: string,
): Promise<void> {
  await executor
    .updateTable('revenue_subscriptions')
    .set({
      cancel_at_period_end: 1,
      ...(currentPeriodEnd ? { current_period_end: currentPeriodEnd } : {}),
      updated_at: now,
    })
    .where('id', '=', id)
    .execute();
}
