import { articleChangeTypes } from '../content/content-events.js';
import type { EventBus } from '../platform/events/domain-events.js';
import { removeFromSearchIndex, updateSearchIndex } from './search.service.js';

const batchSize = 500;

/**
 * Keeps the search index in step with content, in the transaction of each change: an article
 * is (re)indexed or dropped as its status says, and a renamed or deleted tag or author
 * reindexes the articles it was on (their bylines and tags are indexed text).
 */
export function subscribeSearch(bus: EventBus): void {
  bus.subscribe(articleChangeTypes, {
    name: 'search.index-article',
    handle: (executor, event) => updateSearchIndex(executor, [event.articleId]),
  });
  bus.subscribe(['article.deleted'], {
    name: 'search.unindex-article',
    handle: (executor, event) => removeFromSearchIndex(executor, event.articleId),
  });
  bus.subscribe(['tag.changed', 'tag.deleted', 'author.changed', 'author.deleted'], {
    name: 'search.reindex-bylines',
    handle: async (executor, event) => {
      if ('renamed' in event && !event.renamed) return;
      for (let i = 0; i < event.articleIds.length; i += batchSize)
        await updateSearchIndex(executor, event.articleIds.slice(i, i + batchSize));
    },
  });
}
