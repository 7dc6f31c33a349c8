import { PostgresAdapter } from 'kysely';
import type { Executor } from '../platform/db/database.js';
import type { ParsedQuery } from './search-query.js';
import type { RankedSearch, SearchDocument } from './search-shared.js';
import * as postgres from './search-postgres.repository.js';
import * as sqlite from './search-sqlite.repository.js';

// One interface over the two engines (ADR 0006); the dialect-specific SQL lives in
// search-sqlite.repository.ts and search-postgres.repository.ts.

export type {
  RankedSearch,
  ResultRow,
  SearchConfig,
  SearchDocument,
  SearchFilters,
} from './search-shared.js';
export { filterConditions } from './search-shared.js';

const isPostgres = (executor: Executor) =>
  executor.getExecutor().adapter instanceof PostgresAdapter;

/** Inserts or replaces an article's entry. */
export function writeSearchDocument(executor: Executor, document: SearchDocument): Promise<void> {
  return isPostgres(executor)
    ? postgres.writeSearchDocument(executor, document)
    : sqlite.writeSearchDocument(executor, document);
}

/** Removes an article's entry (no-op when absent). */
export function deleteSearchDocument(executor: Executor, articleId: number): Promise<void> {
  return isPostgres(executor)
    ? postgres.deleteSearchDocument(executor, articleId)
    : sqlite.deleteSearchDocument(executor, articleId);
}

/** True when the index holds at least one entry (cheap: one row at most). */
export function hasSearchDocuments(executor: Executor): Promise<boolean> {
  return isPostgres(executor)
    ? postgres.hasSearchDocuments(executor)
    : sqlite.hasSearchDocuments(executor);
}

/** Removes every entry (before a full reindex). */
export function clearSearchDocuments(executor: Executor): Promise<void> {
  return isPostgres(executor)
    ? postgres.clearSearchDocuments(executor)
    : sqlite.clearSearchDocuments(executor);
}

/** One page of matching published article ids, best first, and the number of matches. */
export async function findRankedArticleIds(
  executor: Executor,
  search: RankedSearch,
): Promise<{ ids: number[]; total: number }> {
  if (isPostgres(executor)) {
    const rows = await postgres.findRankedArticleIds(executor, search);
    if (rows.length > 0 || search.offset === 0)
      return { ids: rows.map((r) => r.id), total: rows[0]?.total ?? 0 };
    // Past the last page the window count is not there: count on its own.
    return { ids: [], total: await postgres.countMatches(executor, search) };
  }
  const [rows, total] = await Promise.all([
    sqlite.findRankedArticleIds(executor, search),
    sqlite.countMatches(executor, search),
  ]);
  return { ids: rows.map((r) => r.id), total };
}

/** Body snippets and titles for the given ids, with U+E000/U+E001 around matches (never HTML). */
export function findSnippets(
  executor: Executor,
  query: ParsedQuery,
  ids: number[],
): Promise<Map<number, { snippet: string; title: string }>> {
  if (ids.length === 0) return Promise.resolve(new Map());
  return isPostgres(executor)
    ? postgres.findSnippets(executor, query, ids)
    : sqlite.findSnippets(executor, query, ids);
}

/** Articles with their bylines and tags as text, for indexing (three queries for any number). */
export async function findIndexableArticles(executor: Executor, ids: number[]) {
  if (ids.length === 0) return [];
  const articles = await executor
    .selectFrom('articles')
    .select([
      'id',
      'status',
      'language',
      'title',
      'excerpt',
      'plain_text',
      'published_at',
      'doc',
      'access_level',
      'preview_paragraphs',
    ])
    .where('id', 'in', ids)
    .execute();
  const names = await findNamesForArticles(executor, ids);
  return articles.map((article) => ({
    ...article,
    authors:
      names.authors
        .get(article.id)
        ?.map((a) => a.name)
        .join(', ') ?? '',
    tags:
      names.tags
        .get(article.id)
        ?.map((t) => t.name)
        .join(', ') ?? '',
    authorIds: names.authors.get(article.id)?.map((a) => a.id) ?? [],
    tagIds: names.tags.get(article.id)?.map((t) => t.id) ?? [],
  }));
}

/** Ids of published articles after `afterId`, in id order (for batched reindexing). */
export async function findPublishedArticleIds(
  executor: Executor,
  afterId: number,
  limit: number,
): Promise<number[]> {
  const rows = await executor
    .selectFrom('articles')
    .select('id')
    .where('status', '=', 'published')
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** True when at least one article is published. */
export async function hasPublishedArticles(executor: Executor): Promise<boolean> {
  const row = await executor
    .selectFrom('articles')
    .select('id')
    .where('status', '=', 'published')
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

async function findNamesForArticles(executor: Executor, ids: number[]) {
  const [authors, tags] = await Promise.all([
    executor
      .selectFrom('article_authors')
      .innerJoin('authors', 'authors.id', 'article_authors.author_id')
      .select(['article_authors.article_id', 'authors.id', 'authors.name'])
      .where('article_authors.article_id', 'in', ids)
      .orderBy('article_authors.position')
      .execute(),
    executor
      .selectFrom('article_tags')
      .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
      .select(['article_tags.article_id', 'tags.id', 'tags.name'])
      .where('article_tags.article_id', 'in', ids)
      .orderBy('article_tags.position')
      .execute(),
  ]);
  return { authors: groupNames(authors), tags: groupNames(tags) };
}

type Named = { id: number; name: string };

function groupNames(rows: Array<Named & { article_id: number }>): Map<number, Named[]> {
  const map = new Map<number, Named[]>();
  for (const { article_id, id, name } of rows) {
    const list = map.get(article_id) ?? [];
    list.push({ id, name });
    map.set(article_id, list);
  }
  return map;
}

/** Card data for result ids: the article columns, bylines and tags (three queries). */
export async function findResultRows(executor: Executor, ids: number[]) {
  if (ids.length === 0) return [];
  const [articles, authors, tags] = await Promise.all([
    executor
      .selectFrom('articles')
      .select(['id', 'title', 'slug', 'excerpt', 'published_at', 'language'])
      .where('id', 'in', ids)
      .execute(),
    executor
      .selectFrom('article_authors')
      .innerJoin('authors', 'authors.id', 'article_authors.author_id')
      .select(['article_authors.article_id', 'authors.name', 'authors.slug'])
      .where('article_authors.article_id', 'in', ids)
      .orderBy('article_authors.position')
      .execute(),
    executor
      .selectFrom('article_tags')
      .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
      .select(['article_tags.article_id', 'tags.name', 'tags.slug'])
      .where('article_tags.article_id', 'in', ids)
      .orderBy('article_tags.position')
      .execute(),
  ]);
  const byId = new Map(articles.map((a) => [a.id, a]));
  return ids.flatMap((id) => {
    const article = byId.get(id);
    if (!article) return [];
    return [
      {
        ...article,
        authors: authors
          .filter((r) => r.article_id === id)
          .map(({ name, slug }) => ({ name, slug })),
        tags: tags.filter((r) => r.article_id === id).map(({ name, slug }) => ({ name, slug })),
      },
    ];
  });
}

/** A tag's or author's id by slug (filters name them by slug). */
export async function findIdBySlug(
  executor: Executor,
  kind: 'tag' | 'author',
  slug: string,
): Promise<number | undefined> {
  const row =
    kind === 'tag'
      ? await executor.selectFrom('tags').select('id').where('slug', '=', slug).executeTakeFirst()
      : await executor
          .selectFrom('authors')
          .select('id')
          .where('slug', '=', slug)
          .executeTakeFirst();
  return row?.id;
}
