import type { Executor } from '../platform/db/database.js';
import type {
  ArticleRow,
  ArticleStatus,
  ArticleUpdate,
  NewArticleRow,
  RevisionRow,
} from './content.table.js';
import { countPublishedInTag, listPublishedIdsInTag } from './tag.repository.js';

/** The columns list pages need (no body): cheap to read in bulk. */
export const articleSummaryColumns = [
  'articles.id',
  'articles.uuid',
  'articles.title',
  'articles.slug',
  'articles.excerpt',
  'articles.status',
  'articles.published_at',
  'articles.updated_at',
  'articles.reading_minutes',
  'articles.language',
  'articles.featured_image_url',
  'articles.featured_image_alt',
] as const;

export type ArticleSummaryRow = Pick<
  ArticleRow,
  | 'id'
  | 'uuid'
  | 'title'
  | 'slug'
  | 'excerpt'
  | 'status'
  | 'published_at'
  | 'updated_at'
  | 'reading_minutes'
  | 'language'
  | 'featured_image_url'
  | 'featured_image_alt'
>;

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

export interface PublishedListQuery {
  limit: number;
  offset: number;
  tagId?: number | undefined;
  authorId?: number | undefined;
  excludeIds?: number[] | undefined;
}

/** Published articles, newest first, optionally within a tag or by an author. */
export async function listPublishedArticles(
  executor: Executor,
  query: PublishedListQuery,
): Promise<ArticleSummaryRow[]> {
  if (query.tagId !== undefined && query.authorId === undefined && !query.excludeIds?.length) {
    return listPublishedInTag(executor, query.tagId, query.limit, query.offset);
  }
  let q = executor
    .selectFrom('articles')
    .select(articleSummaryColumns)
    .where('articles.status', '=', 'published');
  if (query.tagId !== undefined) {
    const tagId = query.tagId;
    q = q.where('articles.id', 'in', (sub) =>
      sub.selectFrom('article_tags').select('article_id').where('tag_id', '=', tagId),
    );
  }
  if (query.authorId !== undefined) {
    const authorId = query.authorId;
    q = q.where('articles.id', 'in', (sub) =>
      sub.selectFrom('article_authors').select('article_id').where('author_id', '=', authorId),
    );
  }
  if (query.excludeIds && query.excludeIds.length > 0)
    q = q.where('articles.id', 'not in', query.excludeIds);
  return q
    .orderBy('articles.published_at', 'desc')
    .orderBy('articles.id', 'desc')
    .limit(query.limit)
    .offset(query.offset)
    .execute();
}

/** How many published articles there are (in a tag / by an author). */
export async function countPublishedArticles(
  executor: Executor,
  query: { tagId?: number | undefined; authorId?: number | undefined },
): Promise<number> {
  if (query.tagId !== undefined && query.authorId === undefined)
    return countPublishedInTag(executor, query.tagId);
  let q = executor
    .selectFrom('articles')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('status', '=', 'published');
  if (query.tagId !== undefined) {
    const tagId = query.tagId;
    q = q.where('id', 'in', (sub) =>
      sub.selectFrom('article_tags').select('article_id').where('tag_id', '=', tagId),
    );
  }
  if (query.authorId !== undefined) {
    const authorId = query.authorId;
    q = q.where('id', 'in', (sub) =>
      sub.selectFrom('article_authors').select('article_id').where('author_id', '=', authorId),
    );
  }
  const row = await q.executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Published articles that share a tag with the given article, newest first. */
export async function listRelatedArticles(
  executor: Executor,
  articleId: number,
  limit: number,
): Promise<ArticleSummaryRow[]> {
  const tags = await executor
    .selectFrom('article_tags')
    .select('tag_id')
    .where('article_id', '=', articleId)
    .execute();
  // The newest few per tag come straight from the listing index; merged, newest first.
  const candidates = await Promise.all(
    tags.map((tag) =>
      executor
        .selectFrom('article_tags')
        .select(['article_id', 'published_at'])
        .where('tag_id', '=', tag.tag_id)
        .where('status', '=', 'published')
        .where('article_id', '!=', articleId)
        .orderBy('published_at', 'desc')
        .orderBy('article_id', 'desc')
        .limit(limit)
        .execute(),
    ),
  );
  const newest = new Map<number, string>();
  for (const row of candidates.flat()) newest.set(row.article_id, row.published_at ?? '');
  const ids = [...newest.entries()]
    .sort((a, b) => (a[1] === b[1] ? b[0] - a[0] : a[1] < b[1] ? 1 : -1))
    .slice(0, limit)
    .map(([id]) => id);
  return inOrder(ids, await findArticleSummariesByIds(executor, ids));
}

async function listPublishedInTag(
  executor: Executor,
  tagId: number,
  limit: number,
  offset: number,
): Promise<ArticleSummaryRow[]> {
  const ids = await listPublishedIdsInTag(executor, tagId, { limit, offset });
  return inOrder(ids, await findArticleSummariesByIds(executor, ids));
}

function inOrder(ids: number[], rows: ArticleSummaryRow[]): ArticleSummaryRow[] {
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => byId.get(id)).filter((row): row is ArticleSummaryRow => row !== undefined);
}

/** Summaries of the given articles (any status), for resolving internal links and cards. */
export function findArticleSummariesByIds(
  executor: Executor,
  ids: number[],
): Promise<ArticleSummaryRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return executor
    .selectFrom('articles')
    .select(articleSummaryColumns)
    .where('articles.id', 'in', ids)
    .execute();
}

/** Allow-listed sort fields for admin lists: user input never reaches SQL as an identifier. */
export const adminSortFields = {
  updated: 'articles.updated_at',
  published: 'articles.published_at',
  title: 'articles.title',
} as const;
export type AdminSortField = keyof typeof adminSortFields;

export interface AdminListQuery {
  status?: ArticleStatus | undefined;
  authorId?: number | undefined;
  tagId?: number | undefined;
  createdBy?: number | undefined;
  createdByToken?: number | undefined;
  titleContains?: string | undefined;
  sort: AdminSortField;
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
}

/** Articles of any status for the newsroom's lists, filtered and sorted. */
export async function listArticlesForAdmin(
  executor: Executor,
  query: AdminListQuery,
): Promise<{ rows: ArticleSummaryRow[]; total: number }> {
  let q = executor.selectFrom('articles');
  if (query.status) q = q.where('articles.status', '=', query.status);
  if (query.createdBy !== undefined) q = q.where('articles.created_by', '=', query.createdBy);
  if (query.createdByToken !== undefined)
    q = q.where('articles.created_by_token', '=', query.createdByToken);
  if (query.tagId !== undefined) {
    const tagId = query.tagId;
    q = q.where('articles.id', 'in', (sub) =>
      sub.selectFrom('article_tags').select('article_id').where('tag_id', '=', tagId),
    );
  }
  if (query.authorId !== undefined) {
    const authorId = query.authorId;
    q = q.where('articles.id', 'in', (sub) =>
      sub.selectFrom('article_authors').select('article_id').where('author_id', '=', authorId),
    );
  }
  if (query.titleContains) {
    // LIKE wildcards in the user's text are escaped so they match literally.
    const pattern = `%${query.titleContains.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb(eb.fn('lower', ['articles.title']), 'like', eb.val(pattern)));
  }
  const totalRow = await q
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  const rows = await q
    .select(articleSummaryColumns)
    .orderBy(adminSortFields[query.sort], query.order)
    .orderBy('articles.id', query.order)
    .limit(query.limit)
    .offset(query.offset)
    .execute();
  return { rows, total: Number(totalRow.count) };
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
