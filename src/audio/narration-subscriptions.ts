import type { EventBus } from '../platform/events/domain-events.js';
import { enqueueNarration } from './narrate.job.js';

/**
 * Narrates every newsroom change to a published article (created published, edited,
 * published, scheduled publication), by queueing `audio.narrate` in the change's
 * transaction; unchanged paragraphs come from the paragraph cache. Imported and seeded
 * articles are not narrated on arrival (`masthead narrate article` does one on demand);
 * unpublished articles' audio is removed by the daily `audio.gc` after its grace period.
 */
export function subscribeNarration(bus: EventBus): void {
  bus.subscribe(['article.created', 'article.updated', 'article.published'], {
    name: 'audio.narrate',
    handle: async (executor, event) => {
      if (event.origin !== 'newsroom') return;
      await enqueueNarration(executor, {
        id: event.articleId,
        status: event.status,
        version: event.version,
      });
    },
  });
}
