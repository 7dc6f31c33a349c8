import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.js';

// Sitemap reads that stay cheap at a million articles: pages are ranges of article ids
// (keyset), read in batches from the (status, id) index; nothing scans the whole table per row.

export interface SitemapArticleRow {
  id: number;
  slug: string;
  updated_at: string;
  featured_image_url: string | null;
}

export interface NewsArticleRow {
  id: number;
  slug: string;
  title: string;
  language: string;
  published_at: string;
}

/** How many published articles there are (index-only on the (status, id) index). */
export async function countSitemapArticles(executor: Executor): Promise<number> {
  const row = await executor
    .selectFrom('articles')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('status', '=', 'published')
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/**
 * The first id of sitemap page `pageIndex` (0-based): the id at offset pageIndex × pageSize in
 * id order. One index-only skip, no rows read; undefined when the page is past the end.
 */
export async function findSitemapPageStart(
  executor: Executor,
  pageIndex: number,
  pageSize: number,
): Promise<number | undefined> {
  const row = await executor
    .selectFrom('articles')
    .select('id')
    .where('status', '=', 'published')
    .orderBy('id')
    .limit(1)
    .offset(pageIndex * pageSize)
    .executeTakeFirst();
  return row?.id;
}

/**
 * Streams `limit` published articles from `startId` on, in id order, `batchSize` rows per query
 * (keyset: each batch starts after the last id seen), so memory stays flat whatever the page size.
 */
export async function* streamSitemapArticles(
  executor: Executor,
  startId: number,
  limit: number,
  batchSize = 1000,
): AsyncGenerator<SitemapArticleRow[]> {
  let after = startId - 1;
  let remaining = limit;
  while (remaining > 0) {
    const take = Math.min(batchSize, remaining);
    const rows = await executor
      .selectFrom('articles')
      .select(['id', 'slug', 'updated_at', 'featured_image_url'])
      .where('status', '=', 'published')
      .where('id', '>', after)
      .orderBy('id')
      .limit(take)
      .execute();
    if (rows.length === 0) return;
    yield rows;
    remaining -= rows.length;
    if (rows.length < take) return;
    after = rows[rows.length - 1]?.id ?? after;
  }
}

/**
 * Articles published in the window (newest first, at most `limit`), and open live coverages
 * however long ago they started (they are news while they run): the News sitemap.
 */
export function listRecentNewsArticles(
  executor: Executor,
  since: string,
  until: string,
  limit: number,
): Promise<NewsArticleRow[]> {
  return executor
    .selectFrom('articles')
    .select(['id', 'slug', 'title', 'language', sql<string>`published_at`.as('published_at')])
    .where('status', '=', 'published')
    .where((eb) =>
      eb.or([
        eb.and([eb('published_at', '>=', since), eb('published_at', '<=', until)]),
        eb.exists(
          eb
            .selectFrom('live_coverages')
            .select('live_coverages.article_id')
            .whereRef('live_coverages.article_id', '=', 'articles.id')
            .where('live_coverages.ended_at', 'is', null),
        ),
      ]),
    )
    .orderBy('published_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** When the newest article was published (the home page's lastmod). */
export async function findNewestPublication(executor: Executor): Promise<string | undefined> {
  const row = await executor
    .selectFrom('articles')
    .select((eb) => eb.fn.max('published_at').as('newest'))
    .where('status', '=', 'published')
    .executeTakeFirst();
  return row?.newest ?? undefined;
}

/** Tags and authors with at least one published article, keyset-paged by id. */
export async function* streamListingSlugs(
  executor: Executor,
  kind: 'tag' | 'author',
  limit: number,
  batchSize = 1000,
): AsyncGenerator<string[]> {
  let after = 0;
  let remaining = limit;
  while (remaining > 0) {
    const take = Math.min(batchSize, remaining);
    const rows =
      kind === 'tag'
        ? await executor
            .selectFrom('tags')
            .select(['id', 'slug'])
            .where('id', '>', after)
            .where(({ exists, selectFrom }) =>
              exists(
                selectFrom('article_tags')
                  .select('article_tags.article_id')
                  .whereRef('article_tags.tag_id', '=', 'tags.id')
                  .where('article_tags.status', '=', 'published'),
              ),
            )
            .orderBy('id')
            .limit(take)
            .execute()
        : await executor
            .selectFrom('authors')
            .select(['id', 'slug'])
            .where('id', '>', after)
            .where(({ exists, selectFrom }) =>
              exists(
                selectFrom('article_authors')
                  .innerJoin('articles', 'articles.id', 'article_authors.article_id')
                  .select('article_authors.article_id')
                  .whereRef('article_authors.author_id', '=', 'authors.id')
                  .where('articles.status', '=', 'published'),
              ),
            )
            .orderBy('id')
            .limit(take)
            .execute();
    if (rows.length === 0) return;
    yield rows.map((row) => row.slug);
    remaining -= rows.length;
    if (rows.length < take) return;
    after = rows[rows.length - 1]?.id ?? after;
  }
}
