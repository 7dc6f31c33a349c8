import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../platform/db/database.js';
import type { NewsletterRow, NewsletterTable } from './newsletter.table.js';

/** Every newsletter, by name. */
export function listNewsletters(executor: Executor): Promise<NewsletterRow[]> {
  return executor.selectFrom('newsletters').selectAll().orderBy('name').orderBy('id').execute();
}

/** Public newsletters, for signup forms and /newsletters/. */
export function listPublicNewsletters(executor: Executor): Promise<NewsletterRow[]> {
  return executor
    .selectFrom('newsletters')
    .selectAll()
    .where('visibility', '=', 'public')
    .orderBy('name')
    .orderBy('id')
    .execute();
}

export function findNewsletterById(
  executor: Executor,
  id: number,
): Promise<NewsletterRow | undefined> {
  return executor.selectFrom('newsletters').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findNewsletterBySlug(
  executor: Executor,
  slug: string,
): Promise<NewsletterRow | undefined> {
  return executor.selectFrom('newsletters').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export function findNewslettersBySlugs(
  executor: Executor,
  slugs: string[],
): Promise<NewsletterRow[]> {
  if (slugs.length === 0) return Promise.resolve([]);
  return executor.selectFrom('newsletters').selectAll().where('slug', 'in', slugs).execute();
}

export function insertNewsletter(
  executor: Executor,
  values: Insertable<NewsletterTable>,
): Promise<NewsletterRow> {
  return executor.insertInto('newsletters').values(values).returningAll().executeTakeFirstOrThrow();
}

export function updateNewsletter(
  executor: Executor,
  id: number,
  values: Updateable<NewsletterTable>,
): Promise<NewsletterRow | undefined> {
  return executor
    .updateTable('newsletters')
    .set(values)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export async function deleteNewsletter(executor: Executor, id: number): Promise<boolean> {
  const result = await executor.deleteFrom('newsletters').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
