import { sql } from 'kysely';
import type { Dialect, Executor } from '../platform/db/database.js';
import type { DeliveryRow, DeliveryStatus } from './newsletter.table.js';

// The delivery rows of a send: one per (issue, subscriber), UNIQUE, created when the send
// starts and moved through pending → claimed → sending → sent | failed | ambiguous | suppressed.

/**
 * Adds the next batch of recipients (active subscribers confirmed before the send started,
 * after `afterSubscriberId`). Idempotent: a row that exists is left alone, so a freeze
 * interrupted by a crash simply runs again. Returns the last subscriber id, or undefined at the end.
 */
export async function freezeRecipientBatch(
  executor: Executor,
  input: {
    issueId: number;
    newsletterId: number;
    startedAt: string;
    afterSubscriberId: number;
    batchSize: number;
    now: string;
  },
): Promise<number | undefined> {
  const ids = await executor
    .selectFrom('subscriptions')
    .select('subscriber_id')
    .where('newsletter_id', '=', input.newsletterId)
    .where('status', '=', 'active')
    .where('confirmed_at', '<=', input.startedAt)
    .where('subscriber_id', '>', input.afterSubscriberId)
    .orderBy('subscriber_id')
    .limit(input.batchSize)
    .execute();
  const first = ids[0]?.subscriber_id;
  const last = ids[ids.length - 1]?.subscriber_id;
  if (first === undefined || last === undefined) return undefined;
  await executor
    .insertInto('newsletter_deliveries')
    .columns([
      'issue_id',
      'subscriber_id',
      'email',
      'name',
      'status',
      'next_attempt_at',
      'updated_at',
    ])
    .expression((eb) =>
      eb
        .selectFrom('subscriptions as sub')
        .innerJoin('subscribers as s', 's.id', 'sub.subscriber_id')
        .leftJoin('suppressions as sup', 'sup.email', 's.email')
        .select([
          sql.lit(input.issueId).as('issue_id'),
          's.id',
          's.email',
          's.name',
          sql<DeliveryStatus>`case when sup.email is null then 'pending' else 'suppressed' end`.as(
            'status',
          ),
          sql.val(input.now).as('next_attempt_at'),
          sql.val(input.now).as('updated_at'),
        ])
        .where('sub.newsletter_id', '=', input.newsletterId)
        .where('sub.status', '=', 'active')
        .where('sub.confirmed_at', '<=', input.startedAt)
        .where('sub.subscriber_id', '>=', first)
        .where('sub.subscriber_id', '<=', last),
    )
    .onConflict((oc) => oc.columns(['issue_id', 'subscriber_id']).doNothing())
    .execute();
  return last;
}

/** The highest subscriber id already frozen for an issue (where an interrupted freeze resumes). */
export async function lastFrozenSubscriber(executor: Executor, issueId: number): Promise<number> {
  const row = await executor
    .selectFrom('newsletter_deliveries')
    .select((eb) => eb.fn.max('subscriber_id').as('last'))
    .where('issue_id', '=', issueId)
    .executeTakeFirst();
  return Number(row?.last ?? 0);
}

/**
 * Atomically takes up to `limit` due pending rows for one worker. PostgreSQL skips rows that
 * another worker is claiming at this instant; on SQLite the single UPDATE is atomic.
 */
export function claimDeliveries(
  executor: Executor,
  dialect: Dialect,
  input: { issueId: number; workerId: string; limit: number; now: string; leaseUntil: string },
): Promise<DeliveryRow[]> {
  const due = executor
    .selectFrom('newsletter_deliveries')
    .select('id')
    .where('issue_id', '=', input.issueId)
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', input.now)
    // The index's own order (issue, status, next_attempt_at): LIMIT stops early instead of
    // sorting every pending row of a 100,000-recipient send on each claim.
    .orderBy('next_attempt_at')
    .limit(input.limit);
  const claim = {
    status: 'claimed' as const,
    claimed_by: input.workerId,
    claim_expires_at: input.leaseUntil,
    updated_at: input.now,
  };
  // PostgreSQL may run an `IN (… LIMIT n FOR UPDATE SKIP LOCKED)` subquery more than once and
  // so claim more than n rows; a CTE with a locking clause is evaluated exactly once.
  if (dialect === 'postgres')
    return executor
      .with('due', () => due.forUpdate().skipLocked())
      .updateTable('newsletter_deliveries')
      .set(claim)
      .where('id', 'in', (eb) => eb.selectFrom('due').select('due.id'))
      .where('status', '=', 'pending')
      .returningAll()
      .execute();
  return executor
    .updateTable('newsletter_deliveries')
    .set(claim)
    .where('id', 'in', due)
    .where('status', '=', 'pending')
    .returningAll()
    .execute();
}

/** claimed → sending, committed before the SMTP transaction starts. False: not ours any more. */
export async function markSending(
  executor: Executor,
  id: number,
  workerId: string,
  now: string,
): Promise<boolean> {
  const result = await executor
    .updateTable('newsletter_deliveries')
    .set({ status: 'sending', attempts: sql<number>`attempts + 1`, updated_at: now })
    .where('id', '=', id)
    .where('status', '=', 'claimed')
    .where('claimed_by', '=', workerId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Records what SMTP answered. `sent` also overrides `ambiguous` (we know better now). */
export async function recordOutcome(
  executor: Executor,
  id: number,
  outcome: {
    status: 'sent' | 'failed' | 'ambiguous' | 'pending' | 'suppressed';
    response: string;
    now: string;
    messageId?: string;
    retryAt?: string;
  },
): Promise<void> {
  await executor
    .updateTable('newsletter_deliveries')
    .set({
      status: outcome.status,
      smtp_response: outcome.response.slice(0, 500),
      updated_at: outcome.now,
      ...(outcome.status === 'sent'
        ? { sent_at: outcome.now, message_id: outcome.messageId ?? null }
        : {}),
      ...(outcome.status === 'pending'
        ? {
            next_attempt_at: outcome.retryAt ?? outcome.now,
            claimed_by: null,
            claim_expires_at: null,
          }
        : {}),
    })
    .where('id', '=', id)
    .where(
      'status',
      'in',
      outcome.status === 'sent' ? ['sending', 'ambiguous'] : ['sending', 'claimed'],
    )
    .execute();
}

/** Gives this worker's untouched claims back (pause, shutdown). */
export async function releaseClaims(
  executor: Executor,
  issueId: number,
  workerId: string,
  now: string,
): Promise<void> {
  await executor
    .updateTable('newsletter_deliveries')
    .set({ status: 'pending', claimed_by: null, claim_expires_at: null, updated_at: now })
    .where('issue_id', '=', issueId)
    .where('status', '=', 'claimed')
    .where('claimed_by', '=', workerId)
    .execute();
}

/** The workers holding claimed or sending rows of an issue. */
export async function listClaimHolders(executor: Executor, issueId: number) {
  return executor
    .selectFrom('newsletter_deliveries')
    .select(['claimed_by', (eb) => eb.fn.min('claim_expires_at').as('expires')])
    .where('issue_id', '=', issueId)
    .where('status', 'in', ['claimed', 'sending'])
    .groupBy('claimed_by')
    .execute();
}

/**
 * After a worker died: its claimed rows were never handed to SMTP and go back to pending; its
 * sending rows may or may not have been delivered and become ambiguous (never resent on their own).
 */
export async function recoverWorkerClaims(
  executor: Executor,
  issueId: number,
  workerId: string | null,
  now: string,
): Promise<void> {
  const owned = (q: ReturnType<typeof base>) =>
    workerId === null ? q.where('claimed_by', 'is', null) : q.where('claimed_by', '=', workerId);
  const base = () => executor.updateTable('newsletter_deliveries').where('issue_id', '=', issueId);
  await owned(base())
    .set({ status: 'pending', claimed_by: null, claim_expires_at: null, updated_at: now })
    .where('status', '=', 'claimed')
    .execute();
  await owned(base())
    .set({
      status: 'ambiguous',
      smtp_response: 'the worker stopped while this message was being sent',
      updated_at: now,
    })
    .where('status', '=', 'sending')
    .execute();
}

/** Rows per status. */
export async function countDeliveries(
  executor: Executor,
  issueId: number,
): Promise<Record<DeliveryStatus, number>> {
  const rows = await executor
    .selectFrom('newsletter_deliveries')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('issue_id', '=', issueId)
    .groupBy('status')
    .execute();
  const counts: Record<DeliveryStatus, number> = {
    pending: 0,
    claimed: 0,
    sending: 0,
    sent: 0,
    failed: 0,
    ambiguous: 0,
    suppressed: 0,
  };
  for (const row of rows) counts[row.status] = Number(row.n);
  return counts;
}

/** When the earliest waiting retry is due, if any. */
export async function nextRetryAt(
  executor: Executor,
  issueId: number,
): Promise<string | undefined> {
  const row = await executor
    .selectFrom('newsletter_deliveries')
    .select((eb) => eb.fn.min('next_attempt_at').as('at'))
    .where('issue_id', '=', issueId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return row?.at ?? undefined;
}

/** The suppressed addresses among these. */
export async function suppressedAmong(executor: Executor, emails: string[]): Promise<Set<string>> {
  if (emails.length === 0) return new Set();
  const rows = await executor
    .selectFrom('suppressions')
    .select('email')
    .where('email', 'in', emails)
    .execute();
  return new Set(rows.map((r) => r.email));
}

/** claimed → sending for a group, in one statement; returns the ids that were still ours. */
export async function markSendingMany(
  executor: Executor,
  ids: number[],
  workerId: string,
  now: string,
): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await executor
    .updateTable('newsletter_deliveries')
    .set({ status: 'sending', attempts: sql<number>`attempts + 1`, updated_at: now })
    .where('id', 'in', ids)
    .where('status', '=', 'claimed')
    .where('claimed_by', '=', workerId)
    .returning('id')
    .execute();
  return new Set(rows.map((r) => r.id));
}

/**
 * sending → sent for a group the server accepted (250), in one statement. The Message-ID is
 * `<nl.<delivery>.<issue>@domain>` (bulk-message.ts), so it is written here rather than carried.
 */
export async function recordSentMany(
  executor: Executor,
  ids: number[],
  now: string,
  message?: { issueId: number; domain: string },
): Promise<void> {
  if (ids.length === 0) return;
  await executor
    .updateTable('newsletter_deliveries')
    .set({
      status: 'sent',
      sent_at: now,
      smtp_response: '250',
      updated_at: now,
      ...(message
        ? {
            message_id: sql<string>`'<nl.' || cast(id as text) || ${`.${message.issueId}@${message.domain}>`}`,
          }
        : {}),
    })
    .where('id', 'in', ids)
    .where('status', 'in', ['sending', 'ambiguous'])
    .execute();
}

/**
 * Messages handed to SMTP in the hour before `now`, over every issue: sent ones by `sent_at`,
 * plus those in flight. Also when the oldest of them leaves the window.
 */
export async function countSentInLastHour(
  executor: Executor,
  now: Date,
): Promise<{ used: number; oldest: string | undefined }> {
  const since = new Date(now.getTime() - 3600_000).toISOString();
  const sent = await executor
    .selectFrom('newsletter_deliveries')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min('sent_at').as('oldest')])
    .where('sent_at', '>=', since)
    .executeTakeFirst();
  const inFlight = await executor
    .selectFrom('newsletter_deliveries')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'sending')
    .executeTakeFirst();
  return {
    used: Number(sent?.n ?? 0) + Number(inFlight?.n ?? 0),
    oldest: sent?.oldest ?? undefined,
  };
}
