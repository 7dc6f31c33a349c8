import type { EventBus } from '../platform/events/domain-events.js';
import { enqueueNarration } from './narrate.job.js';
import { listNarrationsOutOfStepWithAccess } from './narration.repository.js';

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
  // A tag's access default moves the articles that follow it to another level without editing
  // them: those whose narration no longer matches (the public file of a story gated since
  // speaks its whole body; a story opened since has only its preview public) are narrated
  // again. Until then the page and the podcast feed leave a mismatched public file out.
  bus.subscribe(['tag.changed'], {
    name: 'audio.narrate-access',
    handle: async (executor, event) => {
      for (const article of await listNarrationsOutOfStepWithAccess(executor, event.articleIds))
        await enqueueNarration(executor, article, { force: true });
    },
  });
}
