import { articleChangeTypes } from '../content/content-events.js';
import type { EventBus } from '../platform/events/domain-events.js';
import { enqueueWebSubPing } from './distribution/websub.service.js';
import { enqueueEmbedFetch } from './oembed-fetch.job.js';

/**
 * What the public site does when content changes, in the change's transaction:
 * - WebSub: a newsroom change to a published article (or one that takes it down) pings the
 *   hub for the feeds it was and is in; imports and the demo seed do not announce archives.
 * - oEmbed: an article whose body has allow-listed embeds gets them fetched by a job (pages
 *   never fetch while rendering).
 */
export function subscribeSite(bus: EventBus): void {
  bus.subscribe(articleChangeTypes, {
    name: 'site.websub-ping',
    handle: async (executor, event) => {
      if (event.origin !== 'newsroom') return;
      if (event.status !== 'published' && event.previousStatus !== 'published') return;
      await enqueueWebSubPing(
        executor,
        event.articleId,
        [
          { tags: event.tags, authors: event.authors },
          { tags: event.previousTags, authors: event.previousAuthors },
        ],
        new Date(event.changedAt),
      );
    },
  });
  bus.subscribe(articleChangeTypes, {
    name: 'site.oembed-fetch',
    handle: (executor, event) =>
      enqueueEmbedFetch(executor, { id: event.articleId, version: event.version }, event.embedUrls),
  });
}
