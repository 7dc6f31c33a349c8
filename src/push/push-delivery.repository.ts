import { sql } from 'kysely';
import type { Dialect, Executor } from '../platform/db/database.js';
import { nowIso } from '../platform/db/database.js';
import type { PushAlertRow, PushDeliveryStatus } from './push.table.js';

// The delivery rows of an alert: one per (alert, subscription), UNIQUE, frozen when the alert
// starts, each in a batch that one `push.send-batch` job sends. A row is marked `sending` and
// committed before its POST, and `sent` after the push service's 201: a crash leaves only
// `sending` rows in doubt, and those become `ambiguous`, never resent.

/**
 * Freezes the recipients: every subscription following the alert's topic (in its language,
 * when it has one) since before the alert was made, numbered into batches of `batchSize`.
 * Idempotent (a row that exists is left alone). Returns how many rows the alert has.
 */
export async function freezeDeliveries(
  executor: Executor,
  alert: PushAlertRow,
  options: { batchSize: number; now: string },
): Promise<number> {
  const languageFilter = alert.language === null ? sql`` : sql`and s.language = ${alert.language}`;
  await sql`
    insert into push_deliveries (alert_id, subscription_id, batch, status, attempts, next_attempt_at, updated_at)
    select ${alert.id}, s.id, cast((row_number() over (order by s.id) - 1) / ${sql.lit(Math.trunc(options.batchSize))} as integer),
      'pending', 0, ${options.now}, ${options.now}
    from push_subscriptions s
    join push_subscription_topics t on t.subscription_id = s.id
    where t.topic = ${alert.topic} and t.created_at <= ${alert.created_at} ${languageFilter}
    on conflict (alert_id, subscription_id) do nothing`.execute(executor);
  const row = await executor
    .selectFrom('push_deliveries')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('alert_id', '=', alert.id)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** The batch numbers of an alert's rows. */
export async function listBatches(executor: Executor, alertId: number): Promise<number[]> {
  const rows = await executor
    .selectFrom('push_deliveries')
    .select('batch')
    .distinct()
    .where('alert_id', '=', alertId)
    .orderBy('batch')
    .execute();
  return rows.map((row) => row.batch);
}

export interface ClaimedDelivery {
  id: number;
  subscription_id: number | null;
  attempts: number;
}

/**
 * pending → sending for up to `limit` due rows of a batch, in one statement, committed before
 * any POST. PostgreSQL skips rows another worker is taking at this instant (a CTE with a
 * locking clause runs once; see newsletters' claim for why not `IN (… SKIP LOCKED)`).
 */
export async function claimForSending(
  executor: Executor,
  dialect: Dialect,
  input: {
    alertId: number;
    batch: number;
    workerId: string;
    limit: number;
    now: string;
    leaseUntil: string;
  },
): Promise<ClaimedDelivery[]> {
  const due = executor
    .selectFrom('push_deliveries')
    .select('id')
    .where('alert_id', '=', input.alertId)
    .where('batch', '=', input.batch)
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', input.now)
    .orderBy('id')
    .limit(input.limit);
  const claim = {
    status: 'sending' as const,
    claimed_by: input.workerId,
    claim_expires_at: input.leaseUntil,
    attempts: sql<number>`attempts + 1`,
    updated_at: input.now,
  };
  if (dialect === 'postgres')
    return executor
      .with('due', () => due.forUpdate().skipLocked())
      .updateTable('push_deliveries')
      .set(claim)
      .where('id', 'in', (eb) => eb.selectFrom('due').select('due.id'))
      .where('status', '=', 'pending')
      .returning(['id', 'subscription_id', 'attempts'])
      .execute();
  return executor
    .updateTable('push_deliveries')
    .set(claim)
    .where('id', 'in', due)
    .where('status', '=', 'pending')
    .returning(['id', 'subscription_id', 'attempts'])
    .execute();
}

/** sending → sent for the rows the push service accepted, in one statement. */
export async function recordSent(executor: Executor, ids: number[], now: string): Promise<void> {
  if (ids.length === 0) return;
  await executor
    .updateTable('push_deliveries')
    .set({ status: 'sent', sent_at: now, response: '201', updated_at: now })
    .where('id', 'in', ids)
    .where('status', '=', 'sending')
    .execute();
}

/** Records any other outcome of a sending row; `pending` waits until `retryAt`. */
export async function recordOutcome(
  executor: Executor,
  id: number,
  outcome: {
    status: Exclude<PushDeliveryStatus, 'sending' | 'sent'>;
    response: string;
    now: string;
    retryAt?: string;
  },
): Promise<void> {
  await executor
    .updateTable('push_deliveries')
    .set({
      status: outcome.status,
      response: outcome.response.slice(0, 200),
      updated_at: outcome.now,
      ...(outcome.status === 'pending'
        ? {
            next_attempt_at: outcome.retryAt ?? outcome.now,
            claimed_by: null,
            claim_expires_at: null,
          }
        : {}),
    })
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .execute();
}

/** Workers holding `sending` rows of a batch, with their earliest lease end. */
export async function listSendingHolders(executor: Executor, alertId: number, batch: number) {
  return executor
    .selectFrom('push_deliveries')
    .select(['claimed_by', (eb) => eb.fn.min('claim_expires_at').as('expires')])
    .where('alert_id', '=', alertId)
    .where('batch', '=', batch)
    .where('status', '=', 'sending')
    .groupBy('claimed_by')
    .execute();
}

/** A dead worker's `sending` rows may or may not have reached the push service: ambiguous. */
export async function markAmbiguous(
  executor: Executor,
  alertId: number,
  batch: number,
  workerId: string | null,
  now: string,
): Promise<void> {
  let query = executor
    .updateTable('push_deliveries')
    .set({
      status: 'ambiguous',
      response: 'the worker stopped while this notification was being sent',
      updated_at: now,
    })
    .where('alert_id', '=', alertId)
    .where('batch', '=', batch)
    .where('status', '=', 'sending');
  query =
    workerId === null
      ? query.where('claimed_by', 'is', null)
      : query.where('claimed_by', '=', workerId);
  await query.execute();
}

/** Rows per status, for an alert or one of its batches. */
export async function countByStatus(
  executor: Executor,
  alertId: number,
  batch?: number,
): Promise<Record<PushDeliveryStatus, number>> {
  let query = executor
    .selectFrom('push_deliveries')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('alert_id', '=', alertId);
  if (batch !== undefined) query = query.where('batch', '=', batch);
  const rows = await query.groupBy('status').execute();
  const counts: Record<PushDeliveryStatus, number> = {
    pending: 0,
    sending: 0,
    sent: 0,
    failed: 0,
    gone: 0,
    ambiguous: 0,
    skipped: 0,
  };
  for (const row of rows) counts[row.status] = Number(row.n);
  return counts;
}

/** When the earliest waiting retry of a batch is due. */
export async function nextRetryAt(
  executor: Executor,
  alertId: number,
  batch: number,
): Promise<string | undefined> {
  const row = await executor
    .selectFrom('push_deliveries')
    .select((eb) => eb.fn.min('next_attempt_at').as('at'))
    .where('alert_id', '=', alertId)
    .where('batch', '=', batch)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return row?.at ?? undefined;
}

/** Counts a click once per delivery (a delivery in doubt that was clicked was delivered). */
export async function recordClick(
  executor: Executor,
  deliveryId: number,
  now: Date,
): Promise<void> {
  await executor
    .updateTable('push_deliveries')
    .set({ clicked_at: nowIso(now) })
    .where('id', '=', deliveryId)
    .where('clicked_at', 'is', null)
    .where('status', 'in', ['sent', 'ambiguous'])
    .execute();
}

/** Clicks per alert. */
export async function countClicks(
  executor: Executor,
  alertIds: number[],
): Promise<Map<number, number>> {
  if (alertIds.length === 0) return new Map();
  const rows = await executor
    .selectFrom('push_deliveries')
    .select(['alert_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('alert_id', 'in', alertIds)
    .where('clicked_at', 'is not', null)
    .groupBy('alert_id')
    .execute();
  return new Map(rows.map((row) => [row.alert_id, Number(row.n)]));
}
