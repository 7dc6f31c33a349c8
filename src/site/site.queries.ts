import {
  type ArticleSummaryRow,
  listPublishedArticles,
  listRelatedArticles,
} from '../content/article-listing.repository.js';
import {
  findArticleBySlug,
  findArticleIdByOldSlug,
  findArticleById,
} from '../content/article.repository.js';
import { findAuthorBySlug, findAuthorsForArticles } from '../content/author.repository.js';
import { findCoverages, listKeyEvents } from '../content/live/live.repository.js';
import { updateTitle } from '../content/live/live-title.js';
import { listPublishedCollectionArticles } from '../content/collection.repository.js';
import type { ArticleRow, AuthorRow, TagRow } from '../content/content.table.js';
import { findTagBySlug, findTagsForArticles } from '../content/tag.repository.js';
import { collectMediaIds } from '../content/article-media.service.js';
import type { DocumentJson } from '../content/document/document-schema.js';
import { loadPictures, type PagePicture } from '../media/media.service.js';
import type { Executor } from '../platform/db/database.js';
import type { PageCache } from '../platform/cache/page-cache.js';
import { type ArticleAudio, loadArticleAudio, loadHomeBriefing } from './slots.js';

// The read side of the public site: the few batched queries each page needs (no N+1). A
// story's bylines and an article's related list are kept as fragments between renders (see
// platform/cache/fragment-store.ts), so re-rendering a purged page reads only what changed.

export interface StorySummary extends ArticleSummaryRow {
  authors: AuthorRow[];
  tags: TagRow[];
  /** An open live coverage (home page): its latest key events, newest first. */
  live?: { keyEvents: Array<{ id: number; headline: string; publishedAt: string }> };
}

/** Marks the stories that are open live coverages, with their latest three key events. */
async function withLiveCoverage(
  executor: Executor,
  stories: StorySummary[],
): Promise<StorySummary[]> {
  const coverages = await findCoverages(
    executor,
    stories.map((s) => s.id),
  );
  const open = [...coverages.values()].filter((c) => c.ended_at === null);
  if (open.length === 0) return stories;
  const keyEvents = new Map(
    await Promise.all(
      open.map(
        async (c) => [c.article_id, await listKeyEvents(executor, c.article_id, 3)] as const,
      ),
    ),
  );
  return stories.map((story) => {
    const events = keyEvents.get(story.id);
    if (!events) return story;
    return {
      ...story,
      live: {
        keyEvents: events.map((e) => ({
          id: e.id,
          headline: updateTitle(e),
          publishedAt: e.published_at ?? e.created_at,
        })),
      },
    };
  });
}

/** The page cache's fragments and generation; undefined reads everything (staff previews). */
export type Fragments = Pick<PageCache, 'fragments' | 'generation'> | undefined;

interface Bylines {
  authors: AuthorRow[];
  tags: TagRow[];
}

/** Roughly what a row's strings take in memory (UTF-16), for the fragment budget. */
function approximateBytes(rows: object[]): number {
  let bytes = 64;
  for (const row of rows)
    for (const value of Object.values(row))
      bytes += typeof value === 'string' ? value.length * 2 + 16 : 16;
  return bytes;
}

/**
 * Adds bylines and tags to summaries: two queries in total for the stories whose bylines are
 * not kept yet. An author's or tag's change purges every page (`all`), and with it these.
 */
export async function withBylines(
  executor: Executor,
  rows: ArticleSummaryRow[],
  fragments?: Fragments,
): Promise<StorySummary[]> {
  const kept = new Map<number, Bylines>();
  if (fragments)
    for (const row of rows) {
      const found = fragments.fragments.get<Bylines>(`bylines:${row.id}`);
      if (found) kept.set(row.id, found);
    }
  const missing = rows.filter((r) => !kept.has(r.id)).map((r) => r.id);
  if (missing.length > 0) {
    const generation = fragments?.generation() ?? 0;
    const [authors, tags] = await Promise.all([
      findAuthorsForArticles(executor, missing),
      findTagsForArticles(executor, missing),
    ]);
    for (const id of missing) {
      const bylines = { authors: authors.get(id) ?? [], tags: tags.get(id) ?? [] };
      kept.set(id, bylines);
      fragments?.fragments.set(`bylines:${id}`, bylines, {
        surrogateKeys: [`article:${id}`],
        bytes: approximateBytes([...bylines.authors, ...bylines.tags]),
        generation,
      });
    }
  }
  return rows.map((row) => ({ ...row, ...(kept.get(row.id) as Bylines) }));
}

/**
 * The fragment under `key`, or `load()`'s value kept there (undefined included), tagged as
 * `tag` says. The generation is read before loading, so a purge during the load refuses it.
 */
async function keptFragment<T>(
  fragments: Fragments,
  key: string,
  load: () => Promise<T>,
  tag: (value: T) => { surrogateKeys: string[]; bytes: number },
): Promise<T> {
  const found = fragments?.fragments.get<{ value: T }>(key);
  if (found) return found.value;
  const generation = fragments?.generation() ?? 0;
  const value = await load();
  fragments?.fragments.set(key, { value }, { ...tag(value), generation });
  return value;
}

/**
 * The article's related stories (newest in its tags). Kept until the article, one of the
 * stories, or one of its tags (a new story there) is purged.
 */
function relatedStories(
  executor: Executor,
  article: ArticleRow,
  tags: TagRow[],
  fragments: Fragments,
): Promise<StorySummary[]> {
  return keptFragment(
    fragments,
    `related:${article.id}`,
    async () =>
      withBylines(executor, await listRelatedArticles(executor, article.id, 4), fragments),
    (related) => ({
      surrogateKeys: [
        `article:${article.id}`,
        ...related.map((s) => `article:${s.id}`),
        ...tags.map((t) => `tag:${t.id}`),
      ],
      bytes: approximateBytes(related) + related.length * 256,
    }),
  );
}

export const homePageSize = 12;
export const listingPageSize = 20;

/** Everything the home page shows: lead, the stream page, Editors' Picks, more news. */
export async function loadHome(executor: Executor, page: number, fragments?: Fragments) {
  // No count(*): one row past the page says whether an older page exists (a count grows with
  // the archive; this does not). Page 1 reads the lead, the feed and "more" (6) in one go.
  const offset = page === 1 ? 0 : 1 + (page - 1) * homePageSize;
  const [stream, picks, briefing] = await Promise.all([
    listPublishedArticles(executor, {
      limit: page === 1 ? homePageSize + 1 + 6 : homePageSize + 1,
      offset,
    }),
    page === 1
      ? listPublishedCollectionArticles(executor, 'editors-picks', 5)
      : Promise.resolve([]),
    page === 1 ? loadHomeBriefing(executor) : Promise.resolve(undefined),
  ]);
  const all = await withLiveCoverage(
    executor,
    await withBylines(executor, [...stream, ...picks], fragments),
  );
  const byId = new Map(all.map((s) => [s.id, s]));
  const stories = stream
    .map((s) => byId.get(s.id))
    .filter((s): s is StorySummary => s !== undefined);
  const lead = page === 1 ? stories[0] : undefined;
  const feed = page === 1 ? stories.slice(1, homePageSize + 1) : stories.slice(0, homePageSize);
  const more = page === 1 ? stories.slice(homePageSize + 1) : [];
  return {
    lead,
    feed,
    more,
    picks: picks.map((p) => byId.get(p.id)).filter((s): s is StorySummary => s !== undefined),
    /** The daily audio briefing's player data (page 1, when there is one). */
    briefing,
    page,
    /** False past the last page (answered 404); page 1 always exists, even on an empty site. */
    exists: page === 1 || feed.length > 0,
    hasOlder: stream.length > (page === 1 ? 1 + homePageSize : homePageSize),
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
      /** The page cache generation before the article was read (fragments made from it). */
      readAt?: number | undefined;
    }
  | { kind: 'moved'; slug: string }
  | { kind: 'gone' }
  | { kind: 'missing' };

/** The article at a slug, or where it moved, or that it is gone (unpublished) or missing. */
export async function loadArticle(
  executor: Executor,
  slug: string,
  fragments?: Fragments,
): Promise<ArticleLookup> {
  const readAt = fragments?.generation();
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
  return { ...(await loadArticleDetails(executor, article, fragments)), readAt };
}

/**
 * Everything the article page shows besides the article row, whatever its status: the public
 * page and the staff preview load through here so the preview is the page readers will get.
 */
export async function loadArticleDetails(
  executor: Executor,
  article: ArticleRow,
  fragments?: Fragments,
): Promise<Extract<ArticleLookup, { kind: 'found' }>> {
  const mediaIds = collectMediaIds(
    JSON.parse(article.doc) as DocumentJson,
    article.featured_media_id,
  );
  const [bylines, pictures, narration] = await Promise.all([
    withBylines(executor, [article], fragments).then((list) => list[0]),
    loadPictures(executor, mediaIds),
    articleAudio(executor, article.id, fragments),
  ]);
  const tags = bylines?.tags ?? [];
  const related = await relatedStories(executor, article, tags, fragments);
  return {
    kind: 'found',
    article,
    authors: bylines?.authors ?? [],
    tags,
    related,
    pictures,
    narration,
  };
}

/** The article's narration (or none), kept until the article is purged (a new narration is). */
function articleAudio(
  executor: Executor,
  articleId: number,
  fragments: Fragments,
): Promise<ArticleAudio | undefined> {
  return keptFragment(
    fragments,
    `audio:${articleId}`,
    () => loadArticleAudio(executor, articleId),
    (audio) => ({
      surrogateKeys: [`article:${articleId}`],
      bytes: audio ? JSON.stringify(audio).length * 2 : 64,
    }),
  );
}

/** A tag or author page's stories. */
export async function loadListing(
  executor: Executor,
  kind: 'tag' | 'author',
  slug: string,
  page: number,
  fragments?: Fragments,
) {
  const subject =
    kind === 'tag' ? await findTagBySlug(executor, slug) : await findAuthorBySlug(executor, slug);
  if (!subject) return undefined;
  const filter = kind === 'tag' ? { tagId: subject.id } : { authorId: subject.id };
  // One row past the page says whether an older page exists (no count(*), see loadHome).
  const rows = await listPublishedArticles(executor, {
    ...filter,
    limit: listingPageSize + 1,
    offset: (page - 1) * listingPageSize,
  });
  const onPage = rows.slice(0, listingPageSize);
  return {
    subject,
    stories: await withBylines(executor, onPage, fragments),
    page,
    exists: page === 1 || onPage.length > 0,
    hasOlder: rows.length > listingPageSize,
  };
}
