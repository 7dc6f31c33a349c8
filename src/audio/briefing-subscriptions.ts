import type { EventBus } from '../platform/events/domain-events.js';
import { readSiteSettings } from '../platform/settings/site-settings.js';
import { localDateOf } from './briefing-schedule.js';
import { enqueueBriefingRegeneration } from './briefing.job.js';
import { listBriefingLanguagesOn } from './briefing.repository.js';

/** The collection whose order leads the briefing (as on the home page). */
const picksSlug = 'editors-picks';

/**
 * Keeps today's briefings in line with the editors' picks: a change to Editors' Picks (its
 * articles, their order, a rename to or from it, its deletion) queues the regeneration of each
 * of today's briefings (one job for a burst). Before the day's slot there is none to remake;
 * the slot reads the picks as they are then.
 */
export function subscribeBriefing(bus: EventBus, options: { now?: () => Date } = {}): void {
  const now = options.now ?? (() => new Date());
  bus.subscribe(['collection.changed'], {
    name: 'audio.briefing',
    handle: async (executor, event) => {
      if (event.slug !== picksSlug && event.previousSlug !== picksSlug) return;
      const at = now();
      const today = localDateOf(at, (await readSiteSettings(executor)).timeZone);
      for (const language of await listBriefingLanguagesOn(executor, today))
        await enqueueBriefingRegeneration(executor, language, today, at);
    },
  });
}
