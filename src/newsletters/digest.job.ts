import { z } from 'zod';
import type { DatabaseHandle, Executor } from '../platform/db/database.js';
import { nowIso } from '../platform/db/database.js';
import { defineJob } from '../platform/jobs/job-definition.js';
import { enqueueJob } from '../platform/jobs/job-queue.js';
import type { SiteSettings } from '../platform/settings/site-settings.js';
import {
  type DigestSchedule,
  isDigestSlot,
  nextDigestSlot,
  parseDigestDays,
} from './digest-schedule.js';
import { createIssue, startSend } from './issue.service.js';
import { findNewsletterById, listNewsletters } from './newsletter.repository.js';
import type { NewsletterRow } from './newsletter.table.js';

// The automatic digest: at each slot of a newsletter's schedule, an issue of everything
// published since the newsletter's last send — or nothing, when nothing was published.
//
// One job per (newsletter, slot), enqueued with that idempotency key and run at the slot; jobs
// live in the database, so a restart loses none, and a slot missed while every server was down
// runs when one starts. Exactly once per slot: the run row's primary key (newsletter, slot) is
// inserted in the same transaction that creates and starts the issue, so a second worker (or a
// second job for the same slot) finds the row and does nothing.

export interface DigestDeps {
  database: DatabaseHandle;
  settings: { get(): Promise<SiteSettings> };
  now: () => Date;
}

export type DigestOutcome =
  | { state: 'sent'; issueId: number; articles: number }
  | { state: 'nothing_new' | 'already_ran' | 'disabled' | 'not_a_slot' };

function scheduleOf(newsletter: NewsletterRow, settings: SiteSettings): DigestSchedule {
  return {
    time: newsletter.digest_time,
    days: parseDigestDays(newsletter.digest_days),
    timeZone: settings.timeZone,
  };
}

export const digestJob = defineJob({
  name: 'newsletters.digest',
  version: 1,
  payload: z.object({ newsletterId: z.number().int().positive(), slot: z.string().datetime() }),
  maxAttempts: 5,
  async handler({ newsletterId, slot }, deps: DigestDeps, context) {
    const outcome = await runDigestSlot(deps, newsletterId, slot);
    context.logger.info({ newsletterId, slot, ...outcome }, 'automatic digest');
  },
});

/** Enqueues the newsletter's next digest slot after `after` (no-op when the digest is off). */
export async function scheduleDigest(
  executor: Executor,
  newsletter: NewsletterRow,
  settings: SiteSettings,
  after: Date,
): Promise<string | undefined> {
  if (newsletter.digest_enabled !== 1) return undefined;
  const slot = nowIso(nextDigestSlot(after, scheduleOf(newsletter, settings)));
  await enqueueJob(
    executor,
    digestJob,
    { newsletterId: newsletter.id, slot },
    { runAt: new Date(slot), idempotencyKey: `newsletter-digest:${newsletter.id}:${slot}` },
  );
  return slot;
}

/** Makes sure every newsletter with a digest has its next slot queued (worker start). */
export async function scheduleAllDigests(deps: DigestDeps): Promise<void> {
  const settings = await deps.settings.get();
  for (const newsletter of await listNewsletters(deps.database.db))
    await scheduleDigest(deps.database.db, newsletter, settings, deps.now());
}

async function publishedSince(executor: Executor, since: string, until: string) {
  const rows = await executor
    .selectFrom('articles')
    .select('id')
    .where('status', '=', 'published')
    .where('published_at', '>', since)
    .where('published_at', '<=', until)
    .orderBy('published_at', 'desc')
    .limit(50)
    .execute();
  return rows.map((r) => r.id);
}

/** When the newsletter last went out (its latest started send), else the previous digest slot. */
async function lastSendOf(executor: Executor, newsletterId: number, slot: string) {
  const issue = await executor
    .selectFrom('newsletter_issues')
    .select((eb) => eb.fn.max('started_at').as('at'))
    .where('newsletter_id', '=', newsletterId)
    .where('started_at', '<', slot)
    .executeTakeFirst();
  const run = await executor
    .selectFrom('newsletter_digest_runs')
    .select((eb) => eb.fn.max('slot').as('at'))
    .where('newsletter_id', '=', newsletterId)
    .where('slot', '<', slot)
    .executeTakeFirst();
  return [issue?.at, run?.at]
    .filter((v): v is string => Boolean(v))
    .sort()
    .pop();
}

function digestSubject(newsletter: NewsletterRow, slot: Date, settings: SiteSettings): string {
  const date = new Intl.DateTimeFormat(settings.language, {
    timeZone: settings.timeZone,
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(slot);
  return `${newsletter.name}: ${date}`.slice(0, 200);
}

/** Runs one slot of a newsletter's digest (at most once per slot), then queues the next slot. */
export async function runDigestSlot(
  deps: DigestDeps,
  newsletterId: number,
  slot: string,
): Promise<DigestOutcome> {
  const settings = await deps.settings.get();
  const { db } = deps.database;
  const outcome = await db.transaction().execute(async (trx): Promise<DigestOutcome> => {
    const newsletter = await findNewsletterById(trx, newsletterId);
    if (!newsletter || newsletter.digest_enabled !== 1) return { state: 'disabled' };
    // The schedule changed after this job was queued: the new schedule has its own job.
    if (!isDigestSlot(new Date(slot), scheduleOf(newsletter, settings)))
      return { state: 'not_a_slot' };
    const claimed = await trx
      .insertInto('newsletter_digest_runs')
      .values({ newsletter_id: newsletterId, slot, issue_id: null, created_at: nowIso(deps.now()) })
      .onConflict((oc) => oc.columns(['newsletter_id', 'slot']).doNothing())
      .returning('slot')
      .executeTakeFirst();
    if (!claimed) return { state: 'already_ran' };
    const since =
      (await lastSendOf(trx, newsletterId, slot)) ??
      nowIso(new Date(Date.parse(slot) - 86_400_000));
    // Up to now when the job runs late, so what appeared meanwhile is not skipped by the next slot.
    const until = nowIso(new Date(Math.max(Date.parse(slot), deps.now().getTime())));
    const articleIds = await publishedSince(trx, since, until);
    if (articleIds.length === 0) return { state: 'nothing_new' };
    const issue = await createIssue(
      trx,
      {
        newsletter_id: newsletterId,
        subject: digestSubject(newsletter, new Date(slot), settings),
        preheader: '',
        article_ids: articleIds,
      },
      deps.now(),
    );
    await startSend(trx, issue.id, { now: deps.now() });
    await trx
      .updateTable('newsletter_digest_runs')
      .set({ issue_id: issue.id, articles: articleIds.length })
      .where('newsletter_id', '=', newsletterId)
      .where('slot', '=', slot)
      .execute();
    return { state: 'sent', issueId: issue.id, articles: articleIds.length };
  });
  if (outcome.state !== 'disabled' && outcome.state !== 'not_a_slot') {
    const newsletter = await findNewsletterById(db, newsletterId);
    const after = new Date(Math.max(Date.parse(slot), deps.now().getTime()));
    if (newsletter) await scheduleDigest(db, newsletter, settings, after);
  }
  return outcome;
}
