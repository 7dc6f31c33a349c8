import type { Executor } from '../platform/db/database.js';
import type { ArticleStatus, TagRow } from './content.table.js';

/** Finds one tag by id. */
export function findTagById(executor: Executor, id: number): Promise<TagRow | undefined> {
  return executor.selectFrom('tags').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Finds one tag by slug. */
export function findTagBySlug(executor: Executor, slug: string): Promise<TagRow | undefined> {
  return executor.selectFrom('tags').selectAll().where('slug', '=', slug).executeTakeFirst();
}

/** Finds tags whose names are in the list (exact match). */
export function findTagsByNames(executor: Executor, names: string[]): Promise<TagRow[]> {
  if (names.length === 0) return Promise.resolve([]);
  return executor.selectFrom('tags').selectAll().where('name', 'in', names).execute();
}

/** Lists all tags by name. */
export function listTags(executor: Executor): Promise<TagRow[]> {
  return executor.selectFrom('tags').selectAll().orderBy('name').orderBy('id').execute();
}

/** Inserts a tag and returns the row. */
export function insertTag(
  executor: Executor,
  values: {
    name: string;
    slug: string;
    description: string;
    access_level?: string | null;
    access_tiers?: string;
    now: string;
  },
): Promise<TagRow> {
  const { now, ...rest } = values;
  return executor
    .insertInto('tags')
    .values({ ...rest, created_at: now, updated_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Updates a tag; returns the new row or undefined when unknown. */
export function updateTag(
  executor: Executor,
  id: number,
  values: Partial<{
    name: string;
    slug: string;
    description: string;
    access_level: string | null;
    access_tiers: string;
  }> & { now: string },
): Promise<TagRow | undefined> {
  const { now, ...rest } = values;
  return executor
    .updateTable('tags')
    .set({ ...rest, updated_at: now })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

/** Deletes a tag (articles keep existing, untagged). */
export async function deleteTag(executor: Executor, id: number): Promise<boolean> {
  const result = await executor.deleteFrom('tags').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** The ordered tags of several articles, keyed by article id. */
export async function findTagsForArticles(
  executor: Executor,
  articleIds: number[],
): Promise<Map<number, TagRow[]>> {
  const map = new Map<number, TagRow[]>();
  if (articleIds.length === 0) return map;
  const rows = await executor
    .selectFrom('article_tags')
    .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
    .selectAll('tags')
    .select('article_tags.article_id')
    .where('article_tags.article_id', 'in', articleIds)
    .orderBy('article_tags.article_id')
    .orderBy('article_tags.position')
    .execute();
  for (const { article_id, ...tag } of rows) {
    const list = map.get(article_id) ?? [];
    list.push(tag);
    map.set(article_id, list);
  }
  return map;
}

/** Replaces an article's tags with the given tags, in order. */
export async function setArticleTags(
  executor: Executor,
  articleId: number,
  tagIds: number[],
): Promise<void> {
  await executor.deleteFrom('article_tags').where('article_id', '=', articleId).execute();
  if (tagIds.length === 0) return;
  await executor
    .insertInto('article_tags')
    .values(tagIds.map((tagId, position) => ({ article_id: articleId, tag_id: tagId, position })))
    .execute();
}

/** Copies an article's status and publication time onto its tag rows (the listing index). */
export async function syncArticleTagListing(
  executor: Executor,
  articleId: number,
  status: ArticleStatus,
  publishedAt: string | null,
): Promise<void> {
  await executor
    .updateTable('article_tags')
    .set({ status, published_at: publishedAt })
    .where('article_id', '=', articleId)
    .execute();
}

/** Ids of a tag's published articles, newest first, read from the listing index alone. */
export async function listPublishedIdsInTag(
  executor: Executor,
  tagId: number,
  options: { limit: number; offset: number; excludeArticleId?: number },
): Promise<number[]> {
  const rows = await executor
    .selectFrom('article_tags')
    .select('article_id')
    .where('tag_id', '=', tagId)
    .where('status', '=', 'published')
    .$if(options.excludeArticleId !== undefined, (q) =>
      q.where('article_id', '!=', options.excludeArticleId ?? 0),
    )
    .orderBy('published_at', 'desc')
    .orderBy('article_id', 'desc')
    .limit(options.limit)
    .offset(options.offset)
    .execute();
  return rows.map((row) => row.article_id);
}

/** How many published articles a tag has (from the listing index). */
export async function countPublishedInTag(executor: Executor, tagId: number): Promise<number> {
  const row = await executor
    .selectFrom('article_tags')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('tag_id', '=', tagId)
    .where('status', '=', 'published')
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
