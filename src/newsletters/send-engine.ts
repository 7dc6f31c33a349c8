import { hostname } from 'node:os';
import type { AppConfig } from '../config.js';
import type { DatabaseHandle } from '../platform/db/database.js';
import { nowIso } from '../platform/db/database.js';
import type { Logger } from '../platform/logger.js';
import type { SiteSettings } from '../platform/settings/site-settings.js';
import type { BulkTransport } from './bulk-transport.js';
import {
  claimDeliveries,
  countDeliveries,
  countSentInLastHour,
  freezeRecipientBatch,
  lastFrozenSubscriber,
  listClaimHolders,
  markSendingMany,
  nextRetryAt,
  recordOutcome,
  recordSentMany,
  recoverWorkerClaims,
  releaseClaims,
  suppressedAmong,
} from './delivery.repository.js';
import { findIssue, transitionIssue } from './issue.repository.js';
import { compiledIssueFor } from './issue-render.js';
import { findNewsletterById } from './newsletter.repository.js';
import type { DeliveryRow, IssueRow } from './newsletter.table.js';
import { buildBulkMessage } from './bulk-message.js';
import { domainOf, senderOf } from './newsletter-sender.js';
import { loadSigningSecret } from './newsletter-tokens.js';
import { recordHardBounce } from './bounce.service.js';

// The sending engine: one "lane" of a send. Any number of lanes, in any number of processes,
// share a send: each claims batches of delivery rows atomically and never touches another's.
//
// The rule that makes it safe: a row is marked `sending` and committed BEFORE its SMTP
// transaction, and `sent` after the server's 250. If the process dies, its `claimed` rows
// (never handed to SMTP) return to pending, and its `sending` rows — the only ones whose fate
// is unknown — become `ambiguous`: reported, and resent only when someone asks
// (`resendAmbiguous`). So no one is mailed twice by a crash, and every recipient ends in
// exactly one of sent, failed, ambiguous or suppressed.

export interface SendEngineDeps {
  database: DatabaseHandle;
  config: Pick<AppConfig, 'baseUrl' | 'mailFrom'>;
  settings: { get(): Promise<SiteSettings> };
  logger: Logger;
  now: () => Date;
  transport: BulkTransport;
}

export interface SendLaneOptions {
  workerId?: string;
  batchSize?: number;
  /** How long a claim holds before another worker may recover it (default 10 min). */
  leaseMs?: number;
  /** Attempts for temporary (4xx) failures before the row is failed (default 5). */
  maxAttempts?: number;
  /** First retry delay after a 4xx (default 60 s), doubling each time. */
  retryBaseMs?: number;
  signal?: AbortSignal;
  onProgress?: () => void;
}

export type LaneResult =
  | {
      state: 'finished' | 'paused' | 'cancelled' | 'not_sending' | 'interrupted' | 'others_running';
    }
  | { state: 'waiting'; retryAt: string };

/** A worker id that names its host and process, so a dead local worker can be recognized. */
export function newWorkerId(): string {
  return `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
}

function deadLocally(workerId: string): boolean {
  const [host, pidText] = workerId.split(':');
  const pid = Number(pidText);
  if (host !== hostname() || !Number.isInteger(pid) || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** Creates the recipient rows for an issue whose send has started (idempotent, in batches). */
export async function freezeRecipients(
  deps: Pick<SendEngineDeps, 'database' | 'now'>,
  issue: IssueRow,
): Promise<void> {
  if (issue.frozen_at !== null || issue.started_at === null) return;
  const { db } = deps.database;
  let after = await lastFrozenSubscriber(db, issue.id);
  for (;;) {
    const last = await freezeRecipientBatch(db, {
      issueId: issue.id,
      newsletterId: issue.newsletter_id,
      startedAt: issue.started_at,
      afterSubscriberId: after,
      batchSize: 5000,
      now: nowIso(deps.now()),
    });
    if (last === undefined) break;
    after = last;
  }
  const counts = await countDeliveries(db, issue.id);
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  await db
    .updateTable('newsletter_issues')
    .set({ frozen_at: nowIso(deps.now()), recipients_total: total })
    .where('id', '=', issue.id)
    .where('frozen_at', 'is', null)
    .execute();
}

/** Recovers rows held by workers that died (lease passed, or a dead process on this host). */
export async function recoverDeadWorkers(
  deps: Pick<SendEngineDeps, 'database' | 'now'>,
  issueId: number,
): Promise<void> {
  const now = nowIso(deps.now());
  for (const holder of await listClaimHolders(deps.database.db, issueId)) {
    const expired = holder.expires === null || String(holder.expires) < now;
    if (holder.claimed_by === null || expired || deadLocally(holder.claimed_by))
      await recoverWorkerClaims(deps.database.db, issueId, holder.claimed_by, now);
  }
}

/**
 * Keeps to the transport's messages-per-hour (NEWSLETTER_RATE_PER_HOUR), counted in the database
 * so it holds across workers and restarts (workers claiming at the same instant may each take
 * one batch past it). When the hour's quota is used, the issue shows "waiting (hourly limit)"
 * until the oldest message of the hour leaves the window.
 */
async function hourlyQuota(
  deps: SendEngineDeps,
  issueId: number,
  batchSize: number,
): Promise<{ limit: number; wait?: string }> {
  const { db } = deps.database;
  const perHour = deps.transport.ratePerHour;
  const setWait = (reason: string, until: string | null) =>
    db
      .updateTable('newsletter_issues')
      .set({ wait_reason: reason, wait_until: until })
      .where('id', '=', issueId)
      .where('wait_reason', '!=', reason)
      .execute();
  if (!perHour) return { limit: batchSize };
  const now = deps.now();
  const { used, oldest } = await countSentInLastHour(db, now);
  if (used < perHour) {
    await setWait('', null);
    return { limit: Math.min(batchSize, perHour - used) };
  }
  const wait = nowIso(
    new Date(Math.max(now.getTime() + 1000, Date.parse(oldest ?? nowIso(now)) + 3600_000)),
  );
  await db
    .updateTable('newsletter_issues')
    .set({ wait_reason: 'hourly_limit', wait_until: wait })
    .where('id', '=', issueId)
    .execute();
  return { limit: 0, wait };
}

/** Runs one lane of an issue's send until nothing is due, or it is paused or cancelled. */
export async function runSendLane(
  deps: SendEngineDeps,
  issueId: number,
  options: SendLaneOptions = {},
): Promise<LaneResult> {
  const { db, dialect } = deps.database;
  const workerId = options.workerId ?? newWorkerId();
  // Small batches share a send fairly between workers and bound what a crash leaves claimed.
  const batchSize = options.batchSize ?? Math.max(10, deps.transport.concurrency * 4);
  const leaseMs = options.leaseMs ?? 600_000;
  const maxAttempts = options.maxAttempts ?? 5;
  const retryBaseMs = options.retryBaseMs ?? 60_000;

  let issue = await findIssue(db, issueId);
  if (
    issue?.status === 'scheduled' &&
    issue.scheduled_at !== null &&
    issue.scheduled_at <= nowIso(deps.now())
  ) {
    await transitionIssue(db, issueId, ['scheduled'], {
      status: 'sending',
      started_at: nowIso(deps.now()),
      updated_at: nowIso(deps.now()),
    });
    issue = await findIssue(db, issueId);
  }
  // Rescheduled later: the lane job that woke at the old time waits for the new one.
  if (issue?.status === 'scheduled' && issue.scheduled_at !== null)
    return { state: 'waiting', retryAt: issue.scheduled_at };
  if (!issue || issue.status !== 'sending') {
    return {
      state:
        issue?.status === 'paused'
          ? 'paused'
          : issue?.status === 'cancelled'
            ? 'cancelled'
            : 'not_sending',
    };
  }
  await freezeRecipients(deps, issue);
  await recoverDeadWorkers(deps, issueId);
  const newsletter = await findNewsletterById(db, issue.newsletter_id);
  if (!newsletter) return { state: 'cancelled' };
  const settings = await deps.settings.get();
  const compiled = await compiledIssueFor(db, {
    issue,
    newsletter,
    settings,
    baseUrl: deps.config.baseUrl,
  });
  const secret = await loadSigningSecret(db);

  // Rows are marked `sending` a group at a time (one statement per `parallel` rows, each group
  // committed before any of its SMTP transactions starts) and 250s are recorded in groups too:
  // a crash can leave at most about three groups ambiguous, and the database does a few writes
  // per group instead of two per message.
  const parallel = Math.max(1, deps.transport.concurrency * 2);
  const messageDomain = domainOf(senderOf(newsletter, deps.config.mailFrom));
  // 250s are recorded a group at a time: a row stays `sending` until its group is written, so a
  // crash in between leaves it ambiguous (never resent), never wrongly pending.
  let accepted: number[] = [];
  let flushing: Promise<void> = Promise.resolve();
  function flushAccepted(): Promise<void> {
    const ids = accepted;
    accepted = [];
    if (ids.length > 0)
      flushing = flushing.then(() =>
        recordSentMany(db, ids, nowIso(deps.now()), { issueId, domain: messageDomain }),
      );
    return flushing;
  }

  async function deliver(row: DeliveryRow): Promise<void> {
    const message = buildBulkMessage({
      row,
      issue: issue as IssueRow,
      newsletter: newsletter as NonNullable<typeof newsletter>,
      compiled,
      secret,
      baseUrl: deps.config.baseUrl,
      mailFrom: deps.config.mailFrom,
      raw: deps.transport.acceptsRaw,
    });
    const outcome = await deps.transport.send(message);
    const now = nowIso(deps.now());
    const attempts = row.attempts + 1;
    switch (outcome.kind) {
      case 'sent':
        accepted.push(row.id);
        if (accepted.length >= parallel) await flushAccepted();
        break;
      case 'ambiguous':
        await recordOutcome(db, row.id, { status: 'ambiguous', response: outcome.response, now });
        break;
      case 'retry':
        if (attempts >= maxAttempts) {
          await recordOutcome(db, row.id, {
            status: 'failed',
            response: `gave up after ${attempts} temporary failures: ${outcome.response}`,
            now,
          });
        } else {
          const delay = Math.min(3600_000, retryBaseMs * 2 ** (attempts - 1));
          await recordOutcome(db, row.id, {
            status: 'pending',
            response: outcome.response,
            now,
            retryAt: nowIso(new Date(deps.now().getTime() + delay)),
          });
        }
        break;
      case 'failed':
        await recordOutcome(db, row.id, { status: 'failed', response: outcome.response, now });
        if (outcome.hardBounce)
          await recordHardBounce(db, {
            email: row.email,
            deliveryId: row.id,
            detail: outcome.response,
            now: deps.now(),
          });
        break;
      default: {
        const unreachable: never = outcome;
        return unreachable;
      }
    }
    options.onProgress?.();
  }

  for (;;) {
    if (options.signal?.aborted) return { state: 'interrupted' };
    const current = await findIssue(db, issueId);
    if (current?.status !== 'sending')
      return { state: current?.status === 'paused' ? 'paused' : 'cancelled' };
    const now = deps.now();
    const quota = await hourlyQuota(deps, issueId, batchSize);
    if (quota.wait) return { state: 'waiting', retryAt: quota.wait };
    const rows = await claimDeliveries(db, dialect, {
      issueId,
      workerId,
      limit: quota.limit,
      now: nowIso(now),
      leaseUntil: nowIso(new Date(now.getTime() + leaseMs)),
    });
    if (rows.length === 0) break;
    const suppressed = await suppressedAmong(
      db,
      rows.map((r) => r.email),
    );
    const queue = rows.filter((row) => !suppressed.has(row.email));
    for (const row of rows.filter((r) => suppressed.has(r.email)))
      await recordOutcome(db, row.id, {
        status: 'suppressed',
        response: 'on the suppression list',
        now: nowIso(deps.now()),
      });
    // Keep every pooled connection busy: a few more messages in flight than connections.
    let next = 0;
    const ready: DeliveryRow[] = [];
    let marking: Promise<void> | undefined;
    const takeNext = async (): Promise<DeliveryRow | undefined> => {
      while (ready.length === 0) {
        if (next >= queue.length || options.signal?.aborted) return undefined;
        marking ??= (async () => {
          const group = queue.slice(next, next + parallel);
          next += group.length;
          const ours = await markSendingMany(
            db,
            group.map((r) => r.id),
            workerId,
            nowIso(deps.now()),
          );
          ready.push(...group.filter((r) => ours.has(r.id)));
        })().finally(() => {
          marking = undefined;
        });
        await marking;
      }
      return ready.shift();
    };
    await Promise.all(
      Array.from({ length: Math.min(parallel, queue.length) }, async () => {
        for (let row = await takeNext(); row; row = await takeNext()) await deliver(row);
      }),
    );
    await flushAccepted();
    await releaseClaims(db, issueId, workerId, nowIso(deps.now()));
  }

  const counts = await countDeliveries(db, issueId);
  if (counts.pending + counts.claimed + counts.sending === 0) {
    await transitionIssue(db, issueId, ['sending'], {
      status: 'sent',
      finished_at: nowIso(deps.now()),
      updated_at: nowIso(deps.now()),
    });
    return { state: 'finished' };
  }
  if (counts.pending > 0) {
    const retryAt = await nextRetryAt(db, issueId);
    if (retryAt) return { state: 'waiting', retryAt };
  }
  return { state: 'others_running' };
}
