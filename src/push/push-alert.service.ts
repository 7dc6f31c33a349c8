import { z } from 'zod';
import { findArticleTitles } from '../content/article-titles.service.js';
import type { LiveUpdatePublished } from '../content/live/live-events.js';
import type { Executor } from '../platform/db/database.js';
import { nowIso } from '../platform/db/database.js';
import { validationError } from '../platform/errors.js';
import { enqueueJob } from '../platform/jobs/job-queue.js';
import { countByStatus, countClicks } from './push-delivery.repository.js';
import { findAlert, insertAlert, listAlerts } from './push-alert.repository.js';
import { startAlertJob } from './push-start-alert.job.js';
import type { PushAlertRow } from './push.table.js';

// The rules of an alert: what staff may send, what a live update sends, and how long a push
// service keeps it for a reader who is offline (TTL) and how urgently it delivers it.

/** A breaking alert matters for hours; a live update is stale after a quarter of an hour. */
const breakingTtlSeconds = 4 * 3600;
const liveTtlSeconds = 15 * 60;

const link = z
  .string()
  .trim()
  .min(1, 'a link is required')
  .max(1000)
  .refine((value) => /^\/(?!\/)/.test(value) || /^https?:\/\/[^\s]+$/i.test(value), {
    message: 'a link is a path on this site (/some-story/) or an http(s) address',
  });

export const breakingAlertInput = z
  .object({
    title: z.string().trim().min(1, 'a title is required').max(100, 'at most 100 characters'),
    body: z.string().trim().min(1, 'a text is required').max(300, 'at most 300 characters'),
    url: link,
    imageUrl: link.nullable().optional(),
    /** Only readers who subscribed in this language; everyone when absent. */
    language: z
      .string()
      .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, 'a language code such as en or uk')
      .nullable()
      .optional(),
    ttlMinutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .optional(),
  })
  .strict();

/** Creates a breaking alert and queues its send; the recipients are frozen by that job. */
export async function sendBreakingAlert(
  executor: Executor,
  deps: { now: () => Date },
  input: z.infer<typeof breakingAlertInput>,
  createdBy: number | null,
): Promise<PushAlertRow> {
  const alert = await insertAlert(executor, {
    kind: 'breaking',
    topic: 'breaking',
    language: input.language ?? null,
    title: input.title,
    body: input.body,
    url: input.url,
    image_url: input.imageUrl || null,
    urgency: 'high',
    ttl_seconds: input.ttlMinutes ? input.ttlMinutes * 60 : breakingTtlSeconds,
    article_id: null,
    live_update_id: null,
    status: 'sending',
    created_by: createdBy,
    created_at: nowIso(deps.now()),
  });
  if (!alert) throw validationError({ _: ['the alert could not be created'] });
  await enqueueJob(
    executor,
    startAlertJob,
    { alertId: alert.id },
    {
      idempotencyKey: `push-start:${alert.id}`,
    },
  );
  return alert;
}

/**
 * A published live update with "push" ticked alerts the coverage's followers, once per update
 * (the unique live_update_id makes a repeated event a no-op). Runs in the update's transaction.
 */
export async function alertLiveFollowers(
  executor: Executor,
  deps: { now: () => Date },
  event: LiveUpdatePublished,
): Promise<PushAlertRow | undefined> {
  let title = event.headline.trim();
  if (!title)
    title =
      (await findArticleTitles(executor, [event.articleId])).get(event.articleId)?.title ?? '';
  const body = event.summary.trim() || title;
  const alert = await insertAlert(executor, {
    kind: 'live',
    topic: `live:${event.articleId}`,
    language: null,
    title: (title || body).slice(0, 100),
    body: body.slice(0, 300),
    url: event.url,
    image_url: null,
    urgency: 'normal',
    ttl_seconds: liveTtlSeconds,
    article_id: event.articleId,
    live_update_id: event.updateId,
    status: 'sending',
    created_by: null,
    created_at: nowIso(deps.now()),
  });
  if (alert)
    await enqueueJob(
      executor,
      startAlertJob,
      { alertId: alert.id },
      {
        idempotencyKey: `push-start:${alert.id}`,
      },
    );
  return alert;
}

export interface AlertStats {
  recipients: number;
  queued: number;
  sent: number;
  failed: number;
  /** Subscriptions the push service said are gone (404/410): removed. */
  gone: number;
  /** The worker stopped mid-POST: perhaps delivered, never resent. */
  ambiguous: number;
  skipped: number;
  clicked: number;
}

/** An alert as the admin shows it, with its figures. */
export async function presentAlerts(executor: Executor, alerts: PushAlertRow[]) {
  const clicks = await countClicks(
    executor,
    alerts.map((a) => a.id),
  );
  return Promise.all(
    alerts.map(async (alert) => {
      const counts = await countByStatus(executor, alert.id);
      const stats: AlertStats = {
        recipients: alert.frozen_at === null ? 0 : alert.recipients_total,
        queued: counts.pending + counts.sending,
        sent: counts.sent,
        failed: counts.failed,
        gone: counts.gone,
        ambiguous: counts.ambiguous,
        skipped: counts.skipped,
        clicked: clicks.get(alert.id) ?? 0,
      };
      return {
        id: alert.id,
        kind: alert.kind,
        topic: alert.topic,
        language: alert.language,
        title: alert.title,
        body: alert.body,
        url: alert.url,
        imageUrl: alert.image_url,
        urgency: alert.urgency,
        ttlSeconds: alert.ttl_seconds,
        articleId: alert.article_id,
        status: alert.frozen_at === null ? 'queued' : alert.status,
        createdAt: alert.created_at,
        finishedAt: alert.finished_at,
        stats,
      };
    }),
  );
}

/** The newest alerts with their figures. */
export async function recentAlerts(executor: Executor, limit = 50) {
  return presentAlerts(executor, await listAlerts(executor, limit));
}

/** One alert with its figures, or undefined. */
export async function alertWithStats(executor: Executor, id: number) {
  const alert = await findAlert(executor, id);
  return alert ? (await presentAlerts(executor, [alert]))[0] : undefined;
}
