import type { Insertable } from 'kysely';
import type { Executor } from '../../../platform/db/database.js';
import type { RevenueSubscriptionTable } from '../../revenue.table.js';

let counter = 0;

/** A subscription row as the provider's events would leave it: an active monthly membership. */
export async function insertSubscription(
  db: Executor,
  memberId: number,
  overrides: Partial<Insertable<RevenueSubscriptionTable>> = {},
): Promise<void> {
  counter += 1;
  const now = new Date().toISOString();
  await db
    .insertInto('revenue_subscriptions')
    .values({
      member_id: memberId,
      provider: 'sandbox',
      provider_subscription_id: `sub_test_${process.pid}_${counter}_${Date.now()}`,
      kind: 'membership',
      tier_id: 'member',
      interval: 'month',
      amount: 500,
      currency: 'USD',
      status: 'active',
      current_period_end: null,
      canceled_at: null,
      checkout_id: null,
      article_id: null,
      provider_updated_at: now,
      created_at: now,
      updated_at: now,
      ...overrides,
    })
    .execute();
}
