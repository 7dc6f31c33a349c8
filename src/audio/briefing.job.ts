import { z } from 'zod';
import type { Executor } from '../platform/db/database.js';
import { nowIso } from '../platform/db/database.js';
import { defineJob } from '../platform/jobs/job-definition.js';
import { enqueueJob } from '../platform/jobs/job-queue.js';
import { readSiteSettings } from '../platform/settings/site-settings.js';
import { localDateOf, nextBriefingSlot, slotOfDate } from './briefing-schedule.js';
import { readBriefingSettings } from './briefing-settings.js';
import {
  deleteQueuedBriefingSlots,
  findLatestBriefing,
  listBriefingLanguages,
} from './briefing.repository.js';
import { type BriefingDeps, buildBriefing } from './briefing.service.js';
import { listUnfinishedJobs } from './live-summary.repository.js';

// The daily briefing's jobs. `audio.briefing-slot` runs at the day's slot (the settings' time
// in the newsroom's zone) and queues one `audio.briefing` per language under the key
// `briefing:<language>:<local date>`, then queues the next slot (key `briefing-slot:<date>`).
// Jobs live in the database and their keys allow one unfinished job each, so however many
// workers start or schedule, a slot has one slot job and one build job per language; a build
// job that runs again for the same line-up finds its hash stored and synthesizes nothing.

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export interface BriefingJobDeps extends BriefingDeps {
  now: () => Date;
}

/** Builds one language's briefing for a local date (briefing.service.ts). */
export const briefingJob = defineJob({
  name: 'audio.briefing',
  version: 1,
  payload: z.object({ language: z.string().min(2).max(35), localDate }),
  maxAttempts: 3,
  handler: async (payload, deps: BriefingJobDeps, context) => {
    const started = performance.now();
    const result = await buildBriefing(deps, payload.language, payload.localDate, {
      signal: context.signal,
      now: deps.now(),
    });
    context.logger.info(
      {
        language: result.language,
        localDate: result.localDate,
        status: result.status,
        stories: result.articleIds.length,
        synthesized: result.synthesized,
        durationMs: result.durationMs,
        elapsedMs: Math.round(performance.now() - started),
      },
      'audio briefing',
    );
  },
});

/** Queues each language's briefing for the slot's date, then the next slot. */
export const briefingSlotJob = defineJob({
  name: 'audio.briefing-slot',
  version: 1,
  payload: z.object({ localDate }),
  maxAttempts: 5,
  handler: async (payload, deps: BriefingJobDeps, context) => {
    const { db } = deps.database;
    const languages = await enqueueBriefingsFor(db, payload.localDate, deps.now());
    context.logger.info({ localDate: payload.localDate, languages }, 'audio briefing slot');
    await scheduleNextBriefing(db, deps.now());
  },
});

/** The languages that get a briefing: the site's, and any with a story in the last two days. */
async function briefingLanguages(executor: Executor, now: Date): Promise<string[]> {
  const site = await readSiteSettings(executor);
  const recent = await listBriefingLanguages(
    executor,
    nowIso(new Date(now.getTime() - 2 * 86_400_000)),
  );
  return [...new Set([site.language, ...recent])];
}

/** Queues the build job of every briefing language for a date (when the briefing is on). */
export async function enqueueBriefingsFor(
  executor: Executor,
  date: string,
  now: Date,
): Promise<string[]> {
  if (!(await readBriefingSettings(executor)).enabled) return [];
  const languages = await briefingLanguages(executor, now);
  for (const language of languages)
    await enqueueJob(
      executor,
      briefingJob,
      { language, localDate: date },
      { idempotencyKey: `briefing:${language}:${date}` },
    );
  return languages;
}

/** Queues the first slot after `after` (no-op when the briefing is off or it is queued). */
export async function scheduleNextBriefing(executor: Executor, after: Date): Promise<void> {
  const [settings, site] = await Promise.all([
    readBriefingSettings(executor),
    readSiteSettings(executor),
  ]);
  if (!settings.enabled) return;
  const slot = nextBriefingSlot(after, settings.time, site.timeZone);
  await enqueueJob(
    executor,
    briefingSlotJob,
    { localDate: slot.date },
    { runAt: slot.at, idempotencyKey: `briefing-slot:${slot.date}` },
  );
}

/**
 * At worker start: the next slot is queued, and today's briefing is made now if its slot has
 * passed without one (every server was down at the time). Only for a newsroom that has made
 * briefings before: a fresh install starts at its first slot (or when an editor asks).
 */
export async function scheduleBriefings(deps: {
  database: BriefingDeps['database'];
  now: () => Date;
}) {
  const { db } = deps.database;
  const now = deps.now();
  const [settings, site] = await Promise.all([readBriefingSettings(db), readSiteSettings(db)]);
  if (!settings.enabled) return;
  const today = localDateOf(now, site.timeZone);
  const latest = await findLatestBriefing(db, site.language);
  if (
    latest !== undefined &&
    latest.local_date < today &&
    slotOfDate(today, settings.time, site.timeZone).getTime() <= now.getTime()
  )
    await enqueueJob(
      db,
      briefingSlotJob,
      { localDate: today },
      { idempotencyKey: `briefing-slot:${today}` },
    );
  await scheduleNextBriefing(db, now);
}

/**
 * After the settings change (time, on/off): the queued slot is dropped and the next one queued
 * at the new time, in the caller's transaction.
 */
export async function rescheduleBriefings(executor: Executor, now: Date): Promise<void> {
  await deleteQueuedBriefingSlots(executor, briefingSlotJob.name);
  await scheduleNextBriefing(executor, now);
}

/** How long a regeneration waits after a line-up change, so a burst of edits makes one job. */
export const briefingRegenerationDelayMs = 30_000;

/**
 * Queues the regeneration of a language's briefing for `date` in the caller's transaction,
 * `briefingRegenerationDelayMs` after the first of a burst of changes. While one is queued it
 * reads this change too; while one is running (it may have read the line-up already) the
 * follow-up goes under a second key.
 */
export async function enqueueBriefingRegeneration(
  executor: Executor,
  language: string,
  date: string,
  now: Date,
): Promise<number | undefined> {
  const keys = [`briefing:${language}:${date}`, `briefing:${language}:${date}:next`];
  const unfinished = await listUnfinishedJobs(executor, keys);
  if (unfinished.some((job) => job.status === 'queued')) return undefined;
  const running = new Set(unfinished.map((job) => job.idempotency_key));
  const key = keys.find((k) => !running.has(k));
  if (key === undefined) return undefined;
  return enqueueJob(
    executor,
    briefingJob,
    { language, localDate: date },
    { runAt: new Date(now.getTime() + briefingRegenerationDelayMs), idempotencyKey: key },
  );
}
