import type { Executor } from '../platform/db/database.js';
import type { AuthorKind, AuthorRow } from './content.table.js';

/** Finds one author by id. */
export function findAuthorById(executor: Executor, id: number): Promise<AuthorRow | undefined> {
  return executor.selectFrom('authors').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Finds one author by slug. */
export function findAuthorBySlug(executor: Executor, slug: string): Promise<AuthorRow | undefined> {
  return executor.selectFrom('authors').selectAll().where('slug', '=', slug).executeTakeFirst();
}

/** Finds authors whose names are in the list (exact match). */
export function findAuthorsByNames(executor: Executor, names: string[]): Promise<AuthorRow[]> {
  if (names.length === 0) return Promise.resolve([]);
  return executor.selectFrom('authors').selectAll().where('name', 'in', names).execute();
}

/** Lists all authors by name. */
export function listAuthors(executor: Executor): Promise<AuthorRow[]> {
  return executor.selectFrom('authors').selectAll().orderBy('name').orderBy('id').execute();
}

/** Inserts an author and returns the row. */
export function insertAuthor(
  executor: Executor,
  values: {
    kind: AuthorKind;
    name: string;
    slug: string;
    bio: string;
    image_url: string | null;
    now: string;
  },
): Promise<AuthorRow> {
  const { now, ...rest } = values;
  return executor
    .insertInto('authors')
    .values({ ...rest, created_at: now, updated_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Updates an author's fields; returns the new row or undefined when unknown. */
export function updateAuthor(
  executor: Executor,
  id: number,
  values: Partial<{
    kind: AuthorKind;
    name: string;
    slug: string;
    bio: string;
    image_url: string | null;
  }> & { now: string },
): Promise<AuthorRow | undefined> {
  const { now, ...rest } = values;
  return executor
    .updateTable('authors')
    .set({ ...rest, updated_at: now })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

/** Deletes an author (their bylines go with them). */
export async function deleteAuthor(executor: Executor, id: number): Promise<boolean> {
  const result = await executor.deleteFrom('authors').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** The ordered bylines of several articles, keyed by article id. */
export async function findAuthorsForArticles(
  executor: Executor,
  articleIds: number[],
): Promise<Map<number, AuthorRow[]>> {
  const map = new Map<number, AuthorRow[]>();
  if (articleIds.length === 0) return map;
  const rows = await executor
    .selectFrom('article_authors')
    .innerJoin('authors', 'authors.id', 'article_authors.author_id')
    .selectAll('authors')
    .select('article_authors.article_id')
    .where('article_authors.article_id', 'in', articleIds)
    .orderBy('article_authors.article_id')
    .orderBy('article_authors.position')
    .execute();
  for (const { article_id, ...author } of rows) {
    const list = map.get(article_id) ?? [];
    list.push(author);
    map.set(article_id, list);
  }
  return map;
}

/** Replaces an article's bylines with the given authors, in order. */
export async function setArticleAuthors(
  executor: Executor,
  articleId: number,
  authorIds: number[],
): Promise<void> {
  await executor.deleteFrom('article_authors').where('article_id', '=', articleId).execute();
  if (authorIds.length === 0) return;
  await executor
    .insertInto('article_authors')
    .values(
      authorIds.map((authorId, position) => ({
        article_id: articleId,
        author_id: authorId,
        position,
      })),
    )
    .execute();
}
