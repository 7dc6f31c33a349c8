import { type Selectable, sql } from 'kysely';
import type { Executor } from '../platform/db/database.js';
import type {
  CheckoutTable,
  PaymentTable,
  ProviderName,
  RevenueSubscriptionTable,
} from './revenue.table.js';

// Checkouts, subscriptions, payments and notices: the newsroom's own record of reader money,
// written by the event-processing job. Every write is idempotent (unique provider ids,
// on-conflict clauses), so applying the same provider state twice changes nothing.

export type Checkout = Selectable<CheckoutTable>;
export type RevenueSubscription = Selectable<RevenueSubscriptionTable>;
export type Payment = Selectable<PaymentTable>;

export async function insertCheckout(
  executor: Executor,
  row: Omit<Checkout, 'status' | 'completed_at' | 'provider_session_id' | 'member_id'>,
): Promise<void> {
  await executor
    .insertInto('checkouts')
    .values({ ...row, provider_session_id: null, member_id: null, completed_at: null })
    .execute();
}

export async function findCheckout(executor: Executor, id: string): Promise<Checkout | undefined> {
  return executor.selectFrom('checkouts').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function setCheckoutSession(
  executor: Executor,
  id: string,
  sessionId: string,
): Promise<void> {
  await executor
    .updateTable('checkouts')
    .set({ provider_session_id: sessionId })
    .where('id', '=', id)
    .execute();
}

/** Marks the checkout paid by this member (once; later calls change nothing). */
export async function completeCheckout(
  executor: Executor,
  id: string,
  memberId: number,
  now: string,
): Promise<void> {
  await executor
    .updateTable('checkouts')
    .set({ status: 'complete', member_id: memberId, completed_at: now })
    .where('id', '=', id)
    .where('status', '!=', 'complete')
    .execute();
}

export async function findSubscription(
  executor: Executor,
  provider: ProviderName,
  providerSubscriptionId: string,
): Promise<RevenueSubscription | undefined> {
  return executor
    .selectFrom('revenue_subscriptions')
    .selectAll()
    .where('provider', '=', provider)
    .where('provider_subscription_id', '=', providerSubscriptionId)
    .executeTakeFirst();
}

export type SubscriptionWrite = Omit<RevenueSubscription, 'id' | 'created_at' | 'updated_at'>;

/**
 * Inserts the subscription, or updates it with the provider's state unless the stored state
 * was fetched later (`provider_updated_at`): an older read never overwrites a newer one.
 * Attribution and the member stay as first recorded.
 */
export async function upsertSubscription(
  executor: Executor,
  row: SubscriptionWrite,
  now: string,
): Promise<RevenueSubscription> {
  await executor
    .insertInto('revenue_subscriptions')
    .values({ ...row, created_at: now, updated_at: now })
    .onConflict((oc) =>
      oc
        .columns(['provider', 'provider_subscription_id'])
        .doUpdateSet({
          status: (eb) => eb.ref('excluded.status'),
          amount: (eb) => eb.ref('excluded.amount'),
          currency: (eb) => eb.ref('excluded.currency'),
          interval: (eb) => eb.ref('excluded.interval'),
          current_period_end: (eb) => eb.ref('excluded.current_period_end'),
          cancel_at_period_end: (eb) => eb.ref('excluded.cancel_at_period_end'),
          canceled_at: (eb) => eb.ref('excluded.canceled_at'),
          provider_updated_at: (eb) => eb.ref('excluded.provider_updated_at'),
          updated_at: (eb) => eb.ref('excluded.updated_at'),
        })
        .where(
          sql<boolean>`revenue_subscriptions.provider_updated_at <= excluded.provider_updated_at`,
        ),
    )
    .execute();
  const stored = await findSubscription(executor, row.provider, row.provider_subscription_id);
  if (!stored) throw new Error('subscription vanished after upsert');
  return stored;
}

export type PaymentWrite = Omit<Payment, 'id' | 'created_at' | 'updated_at' | 'amount_refunded'>;

/** Records a payment once; `inserted` is false when it was already recorded. */
export async function insertPayment(
  executor: Executor,
  row: PaymentWrite,
  now: string,
): Promise<{ payment: Payment; inserted: boolean }> {
  const inserted = await executor
    .insertInto('payments')
    .values({ ...row, amount_refunded: 0, created_at: now, updated_at: now })
    .onConflict((oc) => oc.columns(['provider', 'provider_payment_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  const payment = await findPayment(executor, row.provider, row.provider_payment_id);
  if (!payment) throw new Error('payment vanished after insert');
  return { payment, inserted: inserted !== undefined };
}

export async function findPayment(
  executor: Executor,
  provider: ProviderName,
  providerPaymentId: string,
): Promise<Payment | undefined> {
  return executor
    .selectFrom('payments')
    .selectAll()
    .where('provider', '=', provider)
    .where('provider_payment_id', '=', providerPaymentId)
    .executeTakeFirst();
}

export async function countSubscriptionPayments(
  executor: Executor,
  subscriptionId: number,
): Promise<number> {
  const row = await executor
    .selectFrom('payments')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('subscription_id', '=', subscriptionId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Sets the refunded total as the provider reports it (a total, so replays are harmless). */
export async function setAmountRefunded(
  executor: Executor,
  payment: Payment,
  amountRefunded: number,
  now: string,
): Promise<void> {
  const refunded = Math.min(amountRefunded, payment.amount);
  await executor
    .updateTable('payments')
    .set({
      amount_refunded: refunded,
      status:
        refunded >= payment.amount ? 'refunded' : refunded > 0 ? 'partially_refunded' : 'succeeded',
      updated_at: now,
    })
    .where('id', '=', payment.id)
    .execute();
}

/** Claims a notice key; true only the first time (then the email job is enqueued). */
export async function claimNotice(executor: Executor, key: string, now: string): Promise<boolean> {
  const row = await executor
    .insertInto('revenue_notices')
    .values({ key, created_at: now })
    .onConflict((oc) => oc.column('key').doNothing())
    .returning('key')
    .executeTakeFirst();
  return row !== undefined;
}
