import type { Executor } from '../platform/db/database.js';
import type { LiveSummaryRow } from './live-summary.table.js';

// Queries for live key-events summaries; the executor (db or transaction) comes first.

export function findLiveSummary(
  executor: Executor,
  articleId: number,
): Promise<LiveSummaryRow | undefined> {
  return executor
    .selectFrom('live_summaries')
    .selectAll()
    .where('article_id', '=', articleId)
    .executeTakeFirst();
}

/** Keeps `row` as the coverage's summary (replacing the one before). */
export async function saveLiveSummary(executor: Executor, row: LiveSummaryRow): Promise<void> {
  const { article_id: _articleId, created_at: _createdAt, ...changes } = row;
  await executor
    .insertInto('live_summaries')
    .values(row)
    .onConflict((oc) => oc.column('article_id').doUpdateSet(changes))
    .execute();
}

export async function deleteLiveSummary(executor: Executor, articleId: number): Promise<void> {
  await executor.deleteFrom('live_summaries').where('article_id', '=', articleId).execute();
}

/** Every summary's file and paragraphs: what garbage collection must keep. */
export function listLiveSummaryReferences(executor: Executor) {
  return executor
    .selectFrom('live_summaries')
    .select(['article_id', 'file', 'paragraphs'])
    .execute();
}

/**
 * Summaries no reader can hear and unchanged since `before`: the article is no longer
 * published, or no longer a live coverage.
 */
export function listUnreachableLiveSummaries(executor: Executor, before: string) {
  return executor
    .selectFrom('live_summaries')
    .innerJoin('articles', 'articles.id', 'live_summaries.article_id')
    .leftJoin('live_coverages', 'live_coverages.article_id', 'live_summaries.article_id')
    .select(['live_summaries.article_id', 'live_summaries.file'])
    .where((eb) =>
      eb.or([
        eb.and([eb('articles.status', '!=', 'published'), eb('articles.updated_at', '<', before)]),
        eb('live_coverages.article_id', 'is', null),
      ]),
    )
    .where('live_summaries.updated_at', '<', before)
    .execute();
}

/** The idempotency keys' unfinished summary jobs and whether each is running (the subscriber). */
export function listUnfinishedJobs(executor: Executor, keys: string[]) {
  return executor
    .selectFrom('jobs')
    .select(['idempotency_key', 'status'])
    .where('idempotency_key', 'in', keys)
    .where('status', 'in', ['queued', 'running'])
    .execute();
}
