// Single articles: insert, versioned update, lookups by id and slug, old slugs, links between
// articles, revisions and the scheduled-publication query. Lists are in
// article-listing.repository.ts.
import type { Executor } from '../platform/db/database.js';
import type { ArticleRow, ArticleUpdate, NewArticleRow, RevisionRow } from './content.table.js';

/** Inserts an article row and returns it. */
export function insertArticle(executor: Executor, values: NewArticleRow): Promise<ArticleRow> {
  return executor.insertInto('articles').values(values).returningAll().executeTakeFirstOrThrow();
}

/**
 * Updates an article only if its version is still `expectedVersion` (optimistic concurrency);
 * bumps the version. Returns the new row, or undefined when the version moved on.
 */
export function updateArticleIfVersion(
  executor: Executor,
  id: number,
  expectedVersion: number,
  values: ArticleUpdate,
): Promise<ArticleRow | undefined> {
  return executor
    .updateTable('articles')
    .set({ ...values, version: expectedVersion + 1 })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .returningAll()
    .executeTakeFirst();
}

/** Finds an article by id, any status. */
export function findArticleById(executor: Executor, id: number): Promise<ArticleRow | undefined> {
  return executor.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Finds an article by its current slug, any status. */
export function findArticleBySlug(
  executor: Executor,
  slug: string,
): Promise<ArticleRow | undefined> {
  return executor.selectFrom('articles').selectAll().where('slug', '=', slug).executeTakeFirst();
}

/** Finds the article that used to have this slug. */
export async function findArticleIdByOldSlug(
  executor: Executor,
  slug: string,
): Promise<number | undefined> {
  const row = await executor
    .selectFrom('article_slugs')
    .select('article_id')
    .where('slug', '=', slug)
    .executeTakeFirst();
  return row?.article_id;
}

/** True when a slug is used by any article now or was used before (old URLs keep redirecting). */
export async function isSlugTaken(
  executor: Executor,
  slug: string,
  exceptArticleId?: number,
): Promise<boolean> {
  const current = await executor
    .selectFrom('articles')
    .select('id')
    .where('slug', '=', slug)
    .$if(exceptArticleId !== undefined, (q) => q.where('id', '!=', exceptArticleId ?? 0))
    .executeTakeFirst();
  if (current) return true;
  const old = await executor
    .selectFrom('article_slugs')
    .select('article_id')
    .where('slug', '=', slug)
    .$if(exceptArticleId !== undefined, (q) => q.where('article_id', '!=', exceptArticleId ?? 0))
    .executeTakeFirst();
  return old !== undefined;
}

/** Remembers a slug the article no longer uses, so the old URL answers 301. */
export async function recordOldSlug(
  executor: Executor,
  articleId: number,
  slug: string,
  now: string,
): Promise<void> {
  await executor.deleteFrom('article_slugs').where('slug', '=', slug).execute();
  await executor
    .insertInto('article_slugs')
    .values({ slug, article_id: articleId, created_at: now })
    .execute();
}

/** Drops an old-slug record (when the article takes its old slug back). */
export async function forgetOldSlug(executor: Executor, slug: string): Promise<void> {
  await executor.deleteFrom('article_slugs').where('slug', '=', slug).execute();
}

/** Scheduled articles whose time has come. */
export function findDueScheduledArticles(
  executor: Executor,
  now: string,
  limit = 100,
): Promise<ArticleRow[]> {
  return executor
    .selectFrom('articles')
    .selectAll()
    .where('status', '=', 'scheduled')
    .where('published_at', '<=', now)
    .orderBy('published_at')
    .limit(limit)
    .execute();
}

/** Deletes an article and everything that hangs off it. */
export async function deleteArticle(executor: Executor, id: number): Promise<boolean> {
  const result = await executor.deleteFrom('articles').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Replaces the set of articles this one links to. */
export async function replaceArticleLinks(
  executor: Executor,
  fromArticleId: number,
  toArticleIds: number[],
): Promise<void> {
  await executor.deleteFrom('article_links').where('from_article_id', '=', fromArticleId).execute();
  const targets = [...new Set(toArticleIds)].filter((id) => id !== fromArticleId);
  if (targets.length === 0) return;
  const existing = await executor
    .selectFrom('articles')
    .select('id')
    .where('id', 'in', targets)
    .execute();
  if (existing.length === 0) return;
  await executor
    .insertInto('article_links')
    .values(existing.map(({ id }) => ({ from_article_id: fromArticleId, to_article_id: id })))
    .execute();
}

/** Ids of articles whose bodies link to this one. */
export async function findArticlesLinkingTo(
  executor: Executor,
  articleId: number,
): Promise<number[]> {
  const rows = await executor
    .selectFrom('article_links')
    .select('from_article_id')
    .where('to_article_id', '=', articleId)
    .execute();
  return rows.map((row) => row.from_article_id);
}

/** Finds current article ids by slug (for turning internal hrefs into ids). */
export async function findArticleIdsBySlugs(
  executor: Executor,
  slugs: string[],
): Promise<Map<string, number>> {
  const map = new Map<string, number>();
  if (slugs.length === 0) return map;
  const current = await executor
    .selectFrom('articles')
    .select(['id', 'slug'])
    .where('slug', 'in', slugs)
    .execute();
  for (const row of current) map.set(row.slug, row.id);
  const old = await executor
    .selectFrom('article_slugs')
    .select(['article_id', 'slug'])
    .where('slug', 'in', slugs)
    .execute();
  for (const row of old) if (!map.has(row.slug)) map.set(row.slug, row.article_id);
  return map;
}

/** Appends a revision (every save is kept). */
export async function insertRevision(
  executor: Executor,
  values: {
    article_id: number;
    version: number;
    snapshot: string;
    created_by: number | null;
    created_at: string;
  },
): Promise<void> {
  await executor.insertInto('revisions').values(values).execute();
}

/** An article's revisions, newest first. */
export function listRevisions(executor: Executor, articleId: number): Promise<RevisionRow[]> {
  return executor
    .selectFrom('revisions')
    .selectAll()
    .where('article_id', '=', articleId)
    .orderBy('version', 'desc')
    .execute();
}
