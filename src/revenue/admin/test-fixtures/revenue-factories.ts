import type { Insertable } from 'kysely';
import type { Executor } from '../../../platform/db/database.js';
import type { MemberTable, PaymentTable, RevenueSubscriptionTable } from '../../revenue.table.js';

// Small `build*` factories for revenue admin tests: rows inserted straight into the revenue
// tables, as the payment engine would have left them.

let counter = 0;
const next = () => (counter += 1);

/** A member (free unless `status` says otherwise). */
export async function buildMember(
  executor: Executor,
  overrides: Partial<Insertable<MemberTable>> = {},
) {
  const n = next();
  const stamp = overrides.created_at ?? '2026-01-01T00:00:00.000Z';
  return executor
    .insertInto('members')
    .values({
      email: `member${n}-${Math.random().toString(36).slice(2, 6)}@example.org`,
      name: `Member ${n}`,
      status: 'free',
      provider: 'sandbox',
      provider_customer_id: `cus_test_${n}_${Math.random().toString(36).slice(2, 8)}`,
      created_at: stamp,
      updated_at: stamp,
      last_sign_in_at: null,
      ...overrides,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** An active monthly membership of 5.00 USD unless overridden. */
export async function buildSubscription(
  executor: Executor,
  memberId: number,
  overrides: Partial<Insertable<RevenueSubscriptionTable>> = {},
) {
  const n = next();
  const stamp = overrides.created_at ?? '2026-01-01T00:00:00.000Z';
  return executor
    .insertInto('revenue_subscriptions')
    .values({
      member_id: memberId,
      provider: 'sandbox',
      provider_subscription_id: `sub_test_${n}_${Math.random().toString(36).slice(2, 8)}`,
      kind: 'membership',
      tier_id: 'member',
      interval: 'month',
      amount: 500,
      currency: 'USD',
      status: 'active',
      current_period_end: '2026-12-01T00:00:00.000Z',
      cancel_at_period_end: 0,
      canceled_at: null,
      checkout_id: null,
      article_id: null,
      prompt: '',
      page: '',
      provider_updated_at: stamp,
      created_at: stamp,
      updated_at: stamp,
      ...overrides,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A succeeded one-time donation of 10.00 USD unless overridden. */
export async function buildPayment(
  executor: Executor,
  memberId: number,
  overrides: Partial<Insertable<PaymentTable>> = {},
) {
  const n = next();
  const stamp = overrides.paid_at ?? '2026-01-05T12:00:00.000Z';
  return executor
    .insertInto('payments')
    .values({
      member_id: memberId,
      provider: 'sandbox',
      provider_payment_id: `pi_test_${n}_${Math.random().toString(36).slice(2, 8)}`,
      kind: 'donation',
      subscription_id: null,
      amount: 1000,
      fee_amount: 0,
      amount_refunded: 0,
      currency: 'USD',
      status: 'succeeded',
      receipt_url: '',
      checkout_id: null,
      article_id: null,
      prompt: '',
      page: '',
      paid_at: stamp,
      created_at: stamp,
      updated_at: stamp,
      ...overrides,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}
