import type { Executor } from '../platform/db/database.js';
import { type ArticleSummaryRow, articleSummaryColumns } from './article-listing.repository.js';
import type { CollectionRow } from './content.table.js';

/** Lists all collections by name. */
export function listCollections(executor: Executor): Promise<CollectionRow[]> {
  return executor.selectFrom('collections').selectAll().orderBy('name').execute();
}

/** Finds a collection by id. */
export function findCollectionById(
  executor: Executor,
  id: number,
): Promise<CollectionRow | undefined> {
  return executor.selectFrom('collections').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Finds a collection by slug. */
export function findCollectionBySlug(
  executor: Executor,
  slug: string,
): Promise<CollectionRow | undefined> {
  return executor.selectFrom('collections').selectAll().where('slug', '=', slug).executeTakeFirst();
}

/** Inserts a collection. */
export function insertCollection(
  executor: Executor,
  values: { name: string; slug: string; description: string; now: string },
): Promise<CollectionRow> {
  const { now, ...rest } = values;
  return executor
    .insertInto('collections')
    .values({ ...rest, created_at: now, updated_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Updates a collection's name/slug/description. */
export function updateCollection(
  executor: Executor,
  id: number,
  values: Partial<{ name: string; slug: string; description: string }> & { now: string },
): Promise<CollectionRow | undefined> {
  const { now, ...rest } = values;
  return executor
    .updateTable('collections')
    .set({ ...rest, updated_at: now })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

/** Deletes a collection (its articles stay). */
export async function deleteCollection(executor: Executor, id: number): Promise<boolean> {
  const result = await executor.deleteFrom('collections').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Replaces the collection's articles with this ordered list. */
export async function setCollectionItems(
  executor: Executor,
  collectionId: number,
  articleIds: number[],
): Promise<void> {
  await executor.deleteFrom('collection_items').where('collection_id', '=', collectionId).execute();
  const unique = [...new Set(articleIds)];
  if (unique.length === 0) return;
  await executor
    .insertInto('collection_items')
    .values(
      unique.map((articleId, position) => ({
        collection_id: collectionId,
        article_id: articleId,
        position,
      })),
    )
    .execute();
}

/** The collection's article ids in order (any status). */
export async function listCollectionArticleIds(
  executor: Executor,
  collectionId: number,
): Promise<number[]> {
  const rows = await executor
    .selectFrom('collection_items')
    .select('article_id')
    .where('collection_id', '=', collectionId)
    .orderBy('position')
    .execute();
  return rows.map((r) => r.article_id);
}

/** The collection's published articles in the editors' order. */
export function listPublishedCollectionArticles(
  executor: Executor,
  collectionSlug: string,
  limit: number,
): Promise<ArticleSummaryRow[]> {
  return executor
    .selectFrom('collection_items')
    .innerJoin('collections', 'collections.id', 'collection_items.collection_id')
    .innerJoin('articles', 'articles.id', 'collection_items.article_id')
    .select(articleSummaryColumns)
    .where('collections.slug', '=', collectionSlug)
    .where('articles.status', '=', 'published')
    .orderBy('collection_items.position')
    .limit(limit)
    .execute();
}
