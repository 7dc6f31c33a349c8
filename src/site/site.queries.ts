import {
  type ArticleSummaryRow,
  countPublishedArticles,
  listPublishedArticles,
  listRelatedArticles,
} from '../content/article-listing.repository.js';
import {
  findArticleBySlug,
  findArticleIdByOldSlug,
  findArticleById,
} from '../content/article.repository.js';
import { findAuthorBySlug, findAuthorsForArticles } from '../content/author.repository.js';
import { listPublishedCollectionArticles } from '../content/collection.repository.js';
import type { ArticleRow, AuthorRow, TagRow } from '../content/content.table.js';
import { findTagBySlug, findTagsForArticles } from '../content/tag.repository.js';
import { collectMediaIds } from '../content/article-media.service.js';
import type { DocumentJson } from '../content/document/document-schema.js';
import { loadPictures, type PagePicture } from '../media/media.service.js';
import type { Executor } from '../platform/db/database.js';
import { type ArticleAudio, loadArticleAudio } from './slots.js';

// The read side of the public site: the few batched queries each page needs (no N+1).

export interface StorySummary extends ArticleSummaryRow {
  authors: AuthorRow[];
  tags: TagRow[];
}

/** Adds bylines and tags to summaries with two queries in total. */
export async function withBylines(
  executor: Executor,
  rows: ArticleSummaryRow[],
): Promise<StorySummary[]> {
  const ids = rows.map((r) => r.id);
  const [authors, tags] = await Promise.all([
    findAuthorsForArticles(executor, ids),
    findTagsForArticles(executor, ids),
  ]);
  return rows.map((row) => ({
    ...row,
    authors: authors.get(row.id) ?? [],
    tags: tags.get(row.id) ?? [],
  }));
}

export const homePageSize = 12;
export const listingPageSize = 20;

/** Everything the home page shows: lead, the stream page, Editors' Picks, more news. */
export async function loadHome(executor: Executor, page: number) {
  const offset = page === 1 ? 0 : 1 + (page - 1) * homePageSize;
  const [stream, total, picks] = await Promise.all([
    listPublishedArticles(executor, {
      limit: page === 1 ? homePageSize + 1 + 6 : homePageSize,
      offset,
    }),
    countPublishedArticles(executor, {}),
    page === 1
      ? listPublishedCollectionArticles(executor, 'editors-picks', 5)
      : Promise.resolve([]),
  ]);
  const all = await withBylines(executor, [...stream, ...picks]);
  const byId = new Map(all.map((s) => [s.id, s]));
  const stories = stream
    .map((s) => byId.get(s.id))
    .filter((s): s is StorySummary => s !== undefined);
  const lead = page === 1 ? stories[0] : undefined;
  const feed = page === 1 ? stories.slice(1, homePageSize + 1) : stories;
  const more = page === 1 ? stories.slice(homePageSize + 1) : [];
  const pageCount = Math.max(1, Math.ceil(Math.max(0, total - 1) / homePageSize));
  return {
    lead,
    feed,
    more,
    picks: picks.map((p) => byId.get(p.id)).filter((s): s is StorySummary => s !== undefined),
    page,
    pageCount,
    total,
  };
}

export type ArticleLookup =
  | {
      kind: 'found';
      article: ArticleRow;
      authors: AuthorRow[];
      tags: TagRow[];
      related: StorySummary[];
      /** Media library images of the body and the featured image, by id. */
      pictures: Map<number, PagePicture>;
      /** The AI narration, when the article has audio. */
      narration?: ArticleAudio | undefined;
    }
  | { kind: 'moved'; slug: string }
  | { kind: 'gone' }
  | { kind: 'missing' };

/** The article at a slug, or where it moved, or that it is gone (unpublished) or missing. */
export async function loadArticle(executor: Executor, slug: string): Promise<ArticleLookup> {
  const article = await findArticleBySlug(executor, slug);
  if (!article) {
    const movedId = await findArticleIdByOldSlug(executor, slug);
    const moved = movedId !== undefined ? await findArticleById(executor, movedId) : undefined;
    if (moved && moved.status === 'published') return { kind: 'moved', slug: moved.slug };
    if (moved && moved.status === 'unpublished') return { kind: 'gone' };
    return { kind: 'missing' };
  }
  if (article.status === 'unpublished') return { kind: 'gone' };
  if (article.status !== 'published') return { kind: 'missing' };
  return loadArticleDetails(executor, article);
}

/**
 * Everything the article page shows besides the article row, whatever its status: the public
 * page and the staff preview load through here so the preview is the page readers will get.
 */
export async function loadArticleDetails(
  executor: Executor,
  article: ArticleRow,
): Promise<Extract<ArticleLookup, { kind: 'found' }>> {
  const mediaIds = collectMediaIds(
    JSON.parse(article.doc) as DocumentJson,
    article.featured_media_id,
  );
  const [bylines, related, pictures, narration] = await Promise.all([
    withBylines(executor, [article]),
    listRelatedArticles(executor, article.id, 4).then((rows) => withBylines(executor, rows)),
    loadPictures(executor, mediaIds),
    loadArticleAudio(executor, article.id),
  ]);
  return {
    kind: 'found',
    article,
    authors: bylines[0]?.authors ?? [],
    tags: bylines[0]?.tags ?? [],
    related,
    pictures,
    narration,
  };
}

/** A tag or author page's stories. */
export async function loadListing(
  executor: Executor,
  kind: 'tag' | 'author',
  slug: string,
  page: number,
) {
  const subject =
    kind === 'tag' ? await findTagBySlug(executor, slug) : await findAuthorBySlug(executor, slug);
  if (!subject) return undefined;
  const filter = kind === 'tag' ? { tagId: subject.id } : { authorId: subject.id };
  const [rows, total] = await Promise.all([
    listPublishedArticles(executor, {
      ...filter,
      limit: listingPageSize,
      offset: (page - 1) * listingPageSize,
    }),
    countPublishedArticles(executor, filter),
  ]);
  return {
    subject,
    stories: await withBylines(executor, rows),
    page,
    pageCount: Math.max(1, Math.ceil(total / listingPageSize)),
    total,
  };
}
