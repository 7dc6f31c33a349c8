// Reading articles in bulk for lists: the public listings (home, tag, author, related, feeds)
// and the newsroom's filtered admin list. Single-article reads and writes are in
// article.repository.ts.
import type { Executor } from '../platform/db/database.js';
import type { ArticleRow, ArticleStatus } from './content.table.js';
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
