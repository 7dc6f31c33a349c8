import { type RawBuilder, sql } from 'kysely';
import type { ParsedQuery } from './search-query.js';

// What the engine-neutral repository (search.repository.ts) and the two dialect repositories
// (search-sqlite / search-postgres) share. The dialect files depend on this, never on
// search.repository.ts, which picks one of them.

export interface SearchFacets {
  tagIds: number[];
  authorIds: number[];
  publishedAt: string | null;
}

/** The two tokenizations: English with stemming, everything else without. */
export type SearchConfig = 'english' | 'simple';

/** What is indexed for one published article. */
export interface SearchDocument {
  articleId: number;
  config: SearchConfig;
  title: string;
  excerpt: string;
  body: string;
  authors: string;
  tags: string;
  /** What filters match on (SQLite keeps them as index tokens). */
  facets: SearchFacets;
}

export interface SearchFilters {
  tagId?: number | undefined;
  authorId?: number | undefined;
  /** Inclusive lower bound of published_at (ISO UTC). */
  fromIso?: string | undefined;
  /** Exclusive upper bound of published_at (ISO UTC). */
  toIso?: string | undefined;
}

export interface RankedSearch {
  query: ParsedQuery;
  filters: SearchFilters;
  /** The clock for recency: age is counted from here. */
  nowIso: string;
  limit: number;
  offset: number;
  /** SQLite: filters as index tokens (default) or by a join only (see SearchDeps). */
  filterPlan?: 'facets' | 'join';
}

export interface ResultRow {
  id: number;
  title: string;
  slug: string;
  excerpt: string;
  published_at: string | null;
  language: string;
}

/**
 * The conditions every search shares: published articles only, and the reader's filters.
 * `a` is the articles table alias in the dialect queries.
 */
export function filterConditions(filters: SearchFilters): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [sql`a.status = 'published'`];
  if (filters.tagId !== undefined)
    parts.push(
      sql`exists (select 1 from article_tags t where t.article_id = a.id and t.tag_id = ${filters.tagId})`,
    );
  if (filters.authorId !== undefined)
    parts.push(
      sql`exists (select 1 from article_authors w where w.article_id = a.id and w.author_id = ${filters.authorId})`,
    );
  if (filters.fromIso !== undefined) parts.push(sql`a.published_at >= ${filters.fromIso}`);
  if (filters.toIso !== undefined) parts.push(sql`a.published_at < ${filters.toIso}`);
  return sql.join(parts, sql` and `);
}
