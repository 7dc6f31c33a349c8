import type { Executor } from '../platform/db/database.js';
import { nowIso } from '../platform/db/database.js';
import { type ArticleChange, loadRelations, purgeKeysFor } from './article-relations.js';
import { findDueScheduledArticles } from './article.repository.js';
import { syncArticleTagListing } from './tag.repository.js';
import type { EventPublisher } from '../platform/events/domain-events.js';
import { announceArticleChange } from './content-events.js';

/**
 * Publishes every scheduled article whose time has come, once: the status check in the
 * UPDATE makes a second worker (or a second run) a no-op.
 */
export async function publishDueArticles(
  executor: Executor,
  events: EventPublisher,
  now: Date,
): Promise<ArticleChange[]> {
  const due = await findDueScheduledArticles(executor, nowIso(now));
  const changes: ArticleChange[] = [];
  for (const article of due) {
    const updated = await executor
      .updateTable('articles')
      .set({ status: 'published', version: article.version + 1, updated_at: nowIso(now) })
      .where('id', '=', article.id)
      .where('status', '=', 'scheduled')
      .returningAll()
      .executeTakeFirst();
    if (!updated) continue;
    await syncArticleTagListing(executor, updated.id, updated.status, updated.published_at);
    const result = await loadRelations(executor, updated);
    await announceArticleChange(executor, events, result, { ...result, article }, 'newsroom');
    changes.push({ ...result, purgeKeys: purgeKeysFor(result, undefined, []) });
  }
  return changes;
}
