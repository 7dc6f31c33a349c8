import { findCoverage } from '../content/live/live.repository.js';
import type { EventBus } from '../platform/events/domain-events.js';
import { enqueueLiveSummary } from './live-summary.job.js';

/**
 * Keeps each live coverage's spoken key-events summary up to date: a key event published,
 * edited (its text or the flag), or deleted queues `audio.live-summary` in the change's
 * transaction (one job for a burst), as does publishing a live coverage's article. Other
 * updates change nothing.
 */
export function subscribeLiveSummary(bus: EventBus, options: { now?: () => Date } = {}): void {
  const now = options.now ?? (() => new Date());
  bus.subscribe(
    ['live.update-published', 'live.update-changed', 'live.update-deleted', 'article.published'],
    {
      name: 'audio.live-summary',
      handle: async (executor, event) => {
        const changesKeyEvents =
          event.type === 'live.update-published'
            ? event.keyEvent
            : event.type === 'live.update-changed'
              ? event.keyEventsChanged
              : event.type === 'live.update-deleted'
                ? event.wasKeyEvent
                : event.origin === 'newsroom' &&
                  (await findCoverage(executor, event.articleId)) !== undefined;
        if (changesKeyEvents) await enqueueLiveSummary(executor, event.articleId, now());
      },
    },
  );
}
