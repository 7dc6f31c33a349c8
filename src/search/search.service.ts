import { openDocJson } from '../content/access/preview-cut.js';
import type { DocumentJson } from '../content/document/document-schema.js';
import { documentToPlainText } from '../content/document/document-to-text.js';
import type { Db, Executor } from '../platform/db/database.js';
import { escapeHtml } from '../platform/http/html.js';
import { parseNewsroomDateTime } from '../platform/time-zone.js';
import { hasPositiveTerms, parseSearchQuery } from './search-query.js';
import * as index from './search.repository.js';
import type { SearchConfig, SearchFilters } from './search.repository.js';

// Search rules: what goes into the index and when, and how a query becomes a page of results.

const markStart = '\uE000';
const markEnd = '\uE001';
const markers = /[\uE000\uE001]/g;
// Our highlight markers and the facet token mark (search-facets.ts): never in stored text.
const reserved = /[\uE000-\uE01F]/g;

/** English articles get English stemming; every other language none (ADR 0006). */
export function searchConfigFor(language: string): SearchConfig {
  return /^en(-|$)/i.test(language) ? 'english' : 'simple';
}

// Stored text must never contain our highlight markers, or it could open a <mark> itself.
const clean = (text: string) => text.replace(reserved, ' ');

/**
 * Brings an article's index entry in line with the article: indexed while published, absent
 * otherwise. Call it in the transaction that changed the article (or its bylines and tags).
 */
export async function updateSearchIndex(executor: Executor, articleIds: number[]): Promise<void> {
  if (articleIds.length === 0) return;
  const articles = await index.findIndexableArticles(executor, articleIds);
  const found = new Set(articles.map((a) => a.id));
  for (const id of articleIds) if (!found.has(id)) await index.deleteSearchDocument(executor, id);
  for (const article of articles) {
    if (article.status !== 'published') {
      await index.deleteSearchDocument(executor, article.id);
      continue;
    }
    await index.writeSearchDocument(executor, {
      articleId: article.id,
      config: searchConfigFor(article.language),
      title: clean(article.title),
      excerpt: clean(article.excerpt),
      // A gated article is found (and its snippet drawn) by its preview only (ADR 0026).
      body: clean(
        article.access_level === 'public'
          ? article.plain_text
          : documentToPlainText(JSON.parse(openDocJson(article)) as DocumentJson),
      ),
      authors: clean(article.authors),
      tags: clean(article.tags),
      facets: {
        tagIds: article.tagIds,
        authorIds: article.authorIds,
        publishedAt: article.published_at,
      },
    });
  }
}

/** Drops an article's entry (call before or after deleting it, in the same transaction). */
export function removeFromSearchIndex(executor: Executor, articleId: number): Promise<void> {
  return index.deleteSearchDocument(executor, articleId);
}

/**
 * Rebuilds the whole index from the articles table, in one transaction (readers keep seeing
 * the old index until it commits). Returns the number of articles indexed.
 */
export async function indexAllArticles(db: Db, batchSize = 500): Promise<number> {
  return db.transaction().execute(async (tx) => {
    await index.clearSearchDocuments(tx);
    let count = 0;
    let afterId = 0;
    for (;;) {
      const ids = await index.findPublishedArticleIds(tx, afterId, batchSize);
      if (ids.length === 0) return count;
      await updateSearchIndex(tx, ids);
      count += ids.length;
      afterId = ids[ids.length - 1] ?? afterId;
    }
  });
}

/**
 * Fills the index at start-up when it is empty but articles are published (a database from
 * before search existed, or restored without it). Two one-row queries when there is nothing to do.
 */
export async function ensureSearchIndex(db: Db): Promise<number | undefined> {
  if (await index.hasSearchDocuments(db)) return undefined;
  if (!(await index.hasPublishedArticles(db))) return undefined;
  return indexAllArticles(db);
}

/** Turns an engine snippet into HTML: everything escaped, then our markers become <mark>. */
export function highlightSnippet(raw: string): string {
  let open = false;
  let out = '';
  for (const part of raw.split(/([\uE000\uE001])/)) {
    if (part === markStart) {
      if (!open) out += '<mark>';
      open = true;
    } else if (part === markEnd) {
      if (open) out += '</mark>';
      open = false;
    } else out += escapeHtml(part);
  }
  return open ? `${out}</mark>` : out;
}

export interface SearchInput {
  q: string;
  tag?: string | undefined;
  author?: string | undefined;
  /** YYYY-MM-DD in the newsroom's zone, inclusive. */
  from?: string | undefined;
  to?: string | undefined;
  page: number;
}

export interface SearchDeps {
  now: () => Date;
  timeZone: string;
  /**
   * SQLite: how filters are applied — `facets` (index tokens, the default) or `join` (the
   * earlier plan, kept as the benchmark's baseline and to test both give the same results).
   */
  filterPlan?: 'facets' | 'join';
}

export const searchPageSize = 10;
/** Results a reader can page to (search.input.ts allows pages 1–100); totals count all matches. */
export const searchMaxResults = 1000;

export interface SearchHit {
  id: number;
  title: string;
  slug: string;
  excerpt: string;
  snippetHtml: string;
  /** The title, escaped, with matched words in <mark>. */
  titleHtml: string;
  published_at: string | null;
  language: string;
  authors: Array<{ name: string; slug: string }>;
  tags: Array<{ name: string; slug: string }>;
}

export interface SearchOutcome {
  hits: SearchHit[];
  total: number;
  page: number;
  pageCount: number;
  /** False when the query had no words to look for (empty, or only symbols). */
  searched: boolean;
}

/** A day in the newsroom's zone as the UTC instant it starts, e.g. 2026-11-25 → …T22:00Z. */
export function startOfNewsroomDay(day: string, timeZone: string): string | undefined {
  return parseNewsroomDateTime(`${day}T00:00`, timeZone)?.toISOString();
}

function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/** Runs a search: parse, filter, rank, page, snippets. Input is already validated. */
export async function searchArticles(
  executor: Executor,
  deps: SearchDeps,
  input: SearchInput,
): Promise<SearchOutcome> {
  const query = parseSearchQuery(input.q);
  const empty = { hits: [], total: 0, page: input.page, pageCount: 0 };
  if (!hasPositiveTerms(query)) return { ...empty, searched: false };
  const filters: SearchFilters = {
    fromIso: input.from ? startOfNewsroomDay(input.from, deps.timeZone) : undefined,
    toIso: input.to ? startOfNewsroomDay(nextDay(input.to), deps.timeZone) : undefined,
  };
  for (const kind of ['tag', 'author'] as const) {
    const slug = input[kind];
    if (!slug) continue;
    const id = await index.findIdBySlug(executor, kind, slug);
    // An unknown tag or author matches nothing rather than being ignored.
    if (id === undefined) return { ...empty, searched: true };
    filters[kind === 'tag' ? 'tagId' : 'authorId'] = id;
  }
  const { ids, total } = await index.findRankedArticleIds(executor, {
    query,
    filters,
    nowIso: deps.now().toISOString(),
    filterPlan: deps.filterPlan ?? 'facets',
    limit: searchPageSize,
    offset: (input.page - 1) * searchPageSize,
  });
  const [rows, snippets] = await Promise.all([
    index.findResultRows(executor, ids),
    index.findSnippets(executor, query, ids),
  ]);
  const hits = rows.map((row) => {
    const texts = snippets.get(row.id);
    const snippet = texts?.snippet.trim();
    // ts_headline drops anything shaped like an HTML tag: use the highlight only when the
    // title's text came through whole.
    const title = texts?.title;
    return {
      ...row,
      snippetHtml: snippet ? highlightSnippet(snippet) : escapeHtml(row.excerpt),
      titleHtml:
        title !== undefined && title.replace(markers, '') === row.title
          ? highlightSnippet(title)
          : escapeHtml(row.title),
    };
  });
  return {
    hits,
    total,
    page: input.page,
    pageCount: Math.ceil(Math.min(total, searchMaxResults) / searchPageSize),
    searched: true,
  };
}
