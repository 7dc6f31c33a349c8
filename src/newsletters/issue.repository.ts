import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../platform/db/database.js';
import type { IssueRow, IssueStatus, NewsletterIssueTable } from './newsletter.table.js';

export function insertIssue(
  executor: Executor,
  values: Insertable<NewsletterIssueTable>,
): Promise<IssueRow> {
  return executor
    .insertInto('newsletter_issues')
    .values(values)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function findIssue(executor: Executor, id: number): Promise<IssueRow | undefined> {
  return executor
    .selectFrom('newsletter_issues')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
}

export function listIssues(executor: Executor, newsletterId?: number): Promise<IssueRow[]> {
  return executor
    .selectFrom('newsletter_issues')
    .selectAll()
    .$if(newsletterId !== undefined, (q) => q.where('newsletter_id', '=', newsletterId ?? 0))
    .orderBy('id', 'desc')
    .limit(200)
    .execute();
}

export function updateIssue(
  executor: Executor,
  id: number,
  values: Updateable<NewsletterIssueTable>,
): Promise<IssueRow | undefined> {
  return executor
    .updateTable('newsletter_issues')
    .set(values)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

/** Moves an issue between states only from the expected ones; false when it was elsewhere. */
export async function transitionIssue(
  executor: Executor,
  id: number,
  from: IssueStatus[],
  values: Updateable<NewsletterIssueTable> & { status: IssueStatus },
): Promise<boolean> {
  const result = await executor
    .updateTable('newsletter_issues')
    .set(values)
    .where('id', '=', id)
    .where('status', 'in', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Published articles for a digest, in the order given. (A narrow read of the content tables;
 * the content domain has no service for it yet.)
 */
export async function findDigestArticles(executor: Executor, ids: number[]) {
  if (ids.length === 0) return [];
  const rows = await executor
    .selectFrom('articles')
    .select(['id', 'slug', 'title', 'excerpt', 'featured_image_url', 'featured_image_alt'])
    .where('id', 'in', ids)
    .where('status', '=', 'published')
    .execute();
  return ids.flatMap((id) => rows.filter((row) => row.id === id));
}
