import type { EventBus } from '../platform/events/domain-events.js';
import { readSiteSettings } from '../platform/settings/site-settings.js';
import { localDateOf } from './briefing-schedule.js';
import {
  briefingStoryEvents,
  briefingsChangedBy,
  mayConcernBriefingBeingBuilt,
} from './briefing-story-changes.js';
import { briefingJob, enqueueBriefingRegeneration } from './briefing.job.js';
import {
  listBriefingLanguagesBuilding,
  listBriefingLanguagesOn,
  listBriefingLineupsOn,
} from './briefing.repository.js';

/** The collection whose order leads the briefing (as on the home page). */
const picksSlug = 'editors-picks';

/**
 * Keeps today's briefings in line with what editors do after the morning's build, by
 * queueing a regeneration of each briefing concerned (one job for a burst, 30 s after its
 * first change; briefing.job.ts):
 * - a change to Editors' Picks (its articles, their order, a rename to or from it, its
 *   deletion) concerns every briefing of today;
 * - a story in a briefing unpublished, deleted, or edited so that its headline or summary is
 *   said differently concerns that briefing; so does an editors' pick published meanwhile
 *   (briefing-story-changes.ts).
 * Before the day's slot there is none to remake: the slot reads the line-up as it is then;
 * while a build runs (the first of the day or a regeneration), a picks change or a change to
 * a published story of its language queues a rebuild after it (the build may have read the
 * line-up before the change).
 * Most-read moving during the day is not an editor's change and regenerates nothing.
 */
export function subscribeBriefing(bus: EventBus, options: { now?: () => Date } = {}): void {
  const now = options.now ?? (() => new Date());
  bus.subscribe(['collection.changed'], {
    name: 'audio.briefing',
    handle: async (executor, event) => {
      if (event.slug !== picksSlug && event.previousSlug !== picksSlug) return;
      const at = now();
      const today = localDateOf(at, (await readSiteSettings(executor)).timeZone);
      const languages = new Set([
        ...(await listBriefingLanguagesOn(executor, today)),
        ...(await listBriefingLanguagesBuilding(executor, briefingJob.name, today)),
      ]);
      for (const language of languages)
        await enqueueBriefingRegeneration(executor, language, today, at);
    },
  });
  bus.subscribe(briefingStoryEvents, {
    name: 'audio.briefing-stories',
    handle: async (executor, event) => {
      const at = now();
      const today = localDateOf(at, (await readSiteSettings(executor)).timeZone);
      const briefings = await listBriefingLineupsOn(executor, today);
      const changed = new Set(await briefingsChangedBy(executor, event, briefings));
      // A build running now may have read the line-up before this change, and what it will
      // store is not stored yet: nothing to compare with.
      for (const language of await listBriefingLanguagesBuilding(executor, briefingJob.name, today))
        if (mayConcernBriefingBeingBuilt(event, language)) changed.add(language);
      for (const language of changed)
        await enqueueBriefingRegeneration(executor, language, today, at);
    },
  });
}
