import { hostname } from 'node:os';
import type { DatabaseHandle } from '../platform/db/database.js';
import { nowIso } from '../platform/db/database.js';
import type { Logger } from '../platform/logger.js';
import { findAlert, markFinished } from './push-alert.repository.js';
import { clickToken } from './push-click.js';
import {
  claimForSending,
  countByStatus,
  listSendingHolders,
  markAmbiguous,
  nextRetryAt,
  recordOutcome,
  recordSent,
} from './push-delivery.repository.js';
import type { PushKeys } from './push-keys.js';
import type { PushMessage, PushSender } from './push-sender.js';
import { deleteSubscription } from './push-subscription.repository.js';
import { isAllowedPushService } from './push-subscription.service.js';
import type { PushAlertRow } from './push.table.js';
import type { SendPacer } from './send-pacer.js';
import { openSubscription } from './subscription-seal.js';

// Sends one batch of an alert. The rule that makes it safe (as for newsletters): a group of
// rows is marked `sending` and committed BEFORE its POSTs, and `sent` after the push service's
// 201s. If the process dies, its `sending` rows — the only ones whose fate is unknown — become
// `ambiguous` when the batch is taken up again, and are never resent. So nobody is alerted
// twice, and every recipient ends sent, failed, gone, skipped or ambiguous.

export interface PushEngineDeps {
  database: DatabaseHandle;
  /** Makes the alert's site paths absolute (a notification opens outside any page). */
  baseUrl: string;
  logger: Logger;
  now: () => Date;
  keys: PushKeys;
  sender: PushSender;
  pacer: SendPacer;
  /** The allowed push service origins, checked again before every POST. */
  services: readonly string[];
}

export interface BatchOptions {
  workerId?: string;
  /** Rows marked `sending` (and POSTed in parallel) at a time (default 64). */
  groupSize?: number;
  /** How long a `sending` row is held before another worker may call it ambiguous (2 min). */
  leaseMs?: number;
  /** Attempts before a 429/5xx row is failed (default 6). */
  maxAttempts?: number;
  /** First retry delay (default 30 s), doubling; a longer Retry-After wins. */
  retryBaseMs?: number;
  signal?: AbortSignal;
}

export type BatchResult =
  { state: 'finished' | 'interrupted' | 'missing' } | { state: 'waiting'; retryAt: string };

/** A worker id naming host and process, so a dead worker on this host is recognized. */
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

/** The RFC 8030 Topic: a live coverage's newest alert replaces an older one not yet delivered. */
export function topicHeader(alert: Pick<PushAlertRow, 'id' | 'kind' | 'article_id'>): string {
  return alert.kind === 'live' && alert.article_id !== null
    ? `live-${alert.article_id}`
    : `alert-${alert.id}`;
}

/** What the service worker receives (after decryption) for one delivery. */
export function notificationPayload(
  alert: PushAlertRow,
  deliveryId: number,
  keys: Pick<PushKeys, 'hashKey'>,
  baseUrl: string,
): string {
  const absolute = (value: string) => (value.startsWith('/') ? `${baseUrl}${value}` : value);
  return JSON.stringify({
    title: alert.title,
    body: alert.body,
    url: absolute(alert.url),
    ...(alert.image_url ? { image: absolute(alert.image_url) } : {}),
    tag: alert.kind === 'live' ? `live-${alert.article_id}` : `alert-${alert.id}`,
    ...(alert.language ? { lang: alert.language } : {}),
    alert: alert.id,
    d: deliveryId,
    t: clickToken(keys, deliveryId),
  });
}

/** Runs one batch of an alert until nothing in it is due. */
export async function runPushBatch(
  deps: PushEngineDeps,
  alertId: number,
  batch: number,
  options: BatchOptions = {},
): Promise<BatchResult> {
  const { db, dialect } = deps.database;
  const workerId = options.workerId ?? newWorkerId();
  const groupSize = options.groupSize ?? 64;
  const leaseMs = options.leaseMs ?? 120_000;
  const maxAttempts = options.maxAttempts ?? 6;
  const retryBaseMs = options.retryBaseMs ?? 30_000;
  const alert = await findAlert(db, alertId);
  if (!alert) return { state: 'missing' };

  // Rows a previous run left `sending`: in doubt if their worker is gone (or its lease ran
  // out); if it is alive and within its lease, it may still be sending them, so wait.
  const nowText = nowIso(deps.now());
  for (const holder of await listSendingHolders(db, alertId, batch)) {
    if (holder.claimed_by === workerId) continue;
    const expired = holder.expires === null || String(holder.expires) < nowText;
    if (holder.claimed_by === null || expired || deadLocally(holder.claimed_by))
      await markAmbiguous(db, alertId, batch, holder.claimed_by, nowText);
    else return { state: 'waiting', retryAt: String(holder.expires) };
  }

  const base = {
    ttlSeconds: alert.ttl_seconds,
    urgency: alert.urgency,
    topic: topicHeader(alert),
  };
  for (;;) {
    if (options.signal?.aborted) return { state: 'interrupted' };
    const now = deps.now();
    const rows = await claimForSending(db, dialect, {
      alertId,
      batch,
      workerId,
      limit: groupSize,
      now: nowIso(now),
      leaseUntil: nowIso(new Date(now.getTime() + leaseMs)),
    });
    if (rows.length === 0) break;
    const ids = rows.flatMap((row) => (row.subscription_id === null ? [] : [row.subscription_id]));
    const subscriptions = new Map(
      (ids.length === 0
        ? []
        : await db
            .selectFrom('push_subscriptions')
            .select(['id', 'sealed', 'key_id'])
            .where('id', 'in', ids)
            .execute()
      ).map((s) => [s.id, s]),
    );
    const sent: number[] = [];
    await Promise.all(
      rows.map(async (row) => {
        const at = () => nowIso(deps.now());
        const stored =
          row.subscription_id === null ? undefined : subscriptions.get(row.subscription_id);
        if (!stored)
          return recordOutcome(db, row.id, {
            status: 'skipped',
            response: 'unsubscribed before it was sent',
            now: at(),
          });
        const secret = openSubscription(deps.keys, stored.key_id, stored.sealed);
        if (!secret)
          return recordOutcome(db, row.id, {
            status: 'failed',
            response:
              'the stored subscription could not be opened (was PUSH_ENCRYPTION_KEY changed?)',
            now: at(),
          });
        if (!isAllowedPushService(secret.endpoint, deps.services))
          return recordOutcome(db, row.id, {
            status: 'failed',
            response: 'the push service is not in PUSH_SERVICES',
            now: at(),
          });
        await deps.pacer.take();
        const message: PushMessage = {
          ...base,
          endpoint: secret.endpoint,
          p256dh: secret.p256dh,
          auth: secret.auth,
          payload: notificationPayload(alert, row.id, deps.keys, deps.baseUrl),
        };
        const outcome = await deps.sender.send(message);
        switch (outcome.kind) {
          case 'sent':
            sent.push(row.id);
            return undefined;
          case 'gone':
            await recordOutcome(db, row.id, {
              status: 'gone',
              response: `${outcome.status}: subscription removed`,
              now: at(),
            });
            return deleteSubscription(db, stored.id);
          case 'retry': {
            if (row.attempts >= maxAttempts)
              return recordOutcome(db, row.id, {
                status: 'failed',
                response: `gave up after ${row.attempts} attempts: ${outcome.response}`,
                now: at(),
              });
            const backoff = Math.min(3600_000, retryBaseMs * 2 ** (row.attempts - 1));
            const delay = Math.max(backoff, Math.min(outcome.retryAfterMs ?? 0, 6 * 3600_000));
            return recordOutcome(db, row.id, {
              status: 'pending',
              response: outcome.response,
              now: at(),
              retryAt: nowIso(new Date(deps.now().getTime() + delay)),
            });
          }
          case 'failed':
            return recordOutcome(db, row.id, {
              status: 'failed',
              response: outcome.response,
              now: at(),
            });
          case 'ambiguous':
            return recordOutcome(db, row.id, {
              status: 'ambiguous',
              response: outcome.response,
              now: at(),
            });
          default: {
            const unreachable: never = outcome;
            return unreachable;
          }
        }
      }),
    );
    await recordSent(db, sent, nowIso(deps.now()));
  }

  const counts = await countByStatus(db, alertId, batch);
  if (counts.pending > 0) {
    const retryAt = await nextRetryAt(db, alertId, batch);
    if (retryAt) return { state: 'waiting', retryAt };
  }
  const all = await countByStatus(db, alertId);
  if (all.pending + all.sending === 0) await markFinished(db, alertId, nowIso(deps.now()));
  return { state: 'finished' };
}
