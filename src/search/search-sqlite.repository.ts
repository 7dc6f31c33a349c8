import { type RawBuilder, sql } from 'kysely';
import type { Executor } from '../platform/db/database.js';
import { facetMatch, facetText } from './search-facets.js';
import { type ParsedQuery, toFts5Match } from './search-query.js';
import {
  filterConditions,
  type RankedSearch,
  type SearchConfig,
  type SearchDocument,
} from './search-shared.js';

// SQLite FTS5: one table per tokenizer (search_english, search_simple), rowid = article id.
// Column order: title, excerpt, body, authors, tags, facets (filter tokens, see search-facets.ts).

const tables: Record<SearchConfig, RawBuilder<unknown>> = {
  english: sql.table('search_english'),
  simple: sql.table('search_simple'),
};
// bm25 column weights: a title hit counts most, then the standfirst, bylines and tags, then body.
// The facets column weighs nothing: a filter narrows the matches but never ranks them.
const weights = sql.raw('10.0, 4.0, 1.0, 3.0, 3.0, 0.0');
const snippetTokens = 32;

export async function writeSearchDocument(executor: Executor, document: SearchDocument) {
  await deleteSearchDocument(executor, document.articleId);
  await sql`insert into ${tables[document.config]} (rowid, title, excerpt, body, authors, tags, facets)
    values (${document.articleId}, ${document.title}, ${document.excerpt}, ${document.body}, ${document.authors}, ${document.tags}, ${facetText(document.facets)})`.execute(
    executor,
  );
}

export async function deleteSearchDocument(executor: Executor, articleId: number) {
  for (const table of Object.values(tables))
    await sql`delete from ${table} where rowid = ${articleId}`.execute(executor);
}

export async function hasSearchDocuments(executor: Executor): Promise<boolean> {
  const { rows } = await sql<{ one: number }>`select 1 as one from search_english
    union all select 1 from search_simple limit 1`.execute(executor);
  return rows.length > 0;
}

export async function clearSearchDocuments(executor: Executor) {
  for (const table of Object.values(tables)) await sql`delete from ${table}`.execute(executor);
}

// Scoring every match of a very common word would cost time in proportion to the archive.
// Ranking instead considers the newest matches (FTS5 walks its index in rowid order and stops)
// plus the newest title matches, so an old story with the words in its headline still competes.
// Reachable results are capped by the service (searchMaxResults); totals stay exact.
const recentCandidates = 1000;
const titleCandidates = 200;

// CROSS JOIN keeps the FTS table as the outer loop: with a date or tag filter the planner
// would otherwise start from articles and run the full-text query once per article. The
// filters are in `match` already as facet tokens; the join re-checks them exactly.
function candidates(
  config: SearchConfig,
  match: string,
  search: RankedSearch,
  limit: number,
): RawBuilder<unknown> {
  const table = tables[config];
  return sql`select * from (select ${table}.rowid as article_id, bm25(${table}, ${weights}) as bm,
      a.published_at as published_at
    from ${table} cross join articles a on a.id = ${table}.rowid
    where ${table} match ${match} and ${filterConditions(search.filters)}
    order by ${table}.rowid desc limit ${limit})`;
}

/** The reader's query ANDed with the filters' facet tokens; undefined when nothing to match. */
function filteredMatch(
  search: Pick<RankedSearch, 'query' | 'filters' | 'filterPlan'>,
  titleOnly = false,
) {
  const match = toFts5Match(search.query);
  if (match === undefined) return undefined;
  const words = titleOnly ? `{title} : ${match}` : match;
  const facets = search.filterPlan === 'join' ? undefined : facetMatch(search.filters);
  return facets ? `(${words}) AND ${facets}` : words;
}

export async function findRankedArticleIds(executor: Executor, search: RankedSearch) {
  const match = filteredMatch(search);
  const inTitle = filteredMatch(search, true);
  if (match === undefined || inTitle === undefined) return [];
  const sets = (['english', 'simple'] as const).flatMap((config) => [
    candidates(config, match, search, recentCandidates),
    candidates(config, inTitle, search, titleCandidates),
  ]);
  // Relevance times a recency factor that falls from 1 (today) towards 0.5 (old): recency
  // breaks near-ties but never buries a much better match (ADR 0006).
  const { rows } = await sql<{ id: number }>`select h.article_id as id
    from (select article_id, min(bm) as bm, published_at from (${sql.join(sets, sql` union all `)})
      group by article_id) h
    order by (-h.bm) * (0.5 + 15.0 / (30.0 + max(0.0, julianday(${search.nowIso}) - julianday(coalesce(h.published_at, ${search.nowIso}))))) desc,
      h.published_at desc, h.article_id desc
    limit ${search.limit} offset ${search.offset}`.execute(executor);
  return rows;
}

export async function countMatches(executor: Executor, search: RankedSearch): Promise<number> {
  const match = filteredMatch(search);
  if (match === undefined) return 0;
  const f = search.filters;
  const filtered =
    f.tagId !== undefined ||
    f.authorId !== undefined ||
    f.fromIso !== undefined ||
    f.toIso !== undefined;
  // The index holds published articles only (kept so in each change's transaction), so an
  // unfiltered count needs no join.
  const count = (table: RawBuilder<unknown>) =>
    filtered
      ? sql`(select count(*) from ${table} cross join articles a on a.id = ${table}.rowid
          where ${table} match ${match} and ${filterConditions(f)})`
      : sql`(select count(*) from ${table} where ${table} match ${match})`;
  const { rows } = await sql<{
    total: number;
  }>`select ${count(tables.english)} + ${count(tables.simple)} as total`.execute(executor);
  return rows[0]?.total ?? 0;
}

export async function findSnippets(executor: Executor, query: ParsedQuery, ids: number[]) {
  const match = toFts5Match(query);
  const snippets = new Map<number, { snippet: string; title: string }>();
  if (match === undefined) return snippets;
  const idList = sql.join(ids);
  const { rows } = await sql<{ id: number; snippet: string; title: string }>`
    select rowid as id, snippet(search_english, 2, char(57344), char(57345), '…', ${snippetTokens}) as snippet,
        highlight(search_english, 0, char(57344), char(57345)) as title
      from search_english where search_english match ${match} and rowid in (${idList})
    union all
    select rowid, snippet(search_simple, 2, char(57344), char(57345), '…', ${snippetTokens}),
        highlight(search_simple, 0, char(57344), char(57345))
      from search_simple where search_simple match ${match} and rowid in (${idList})`.execute(
    executor,
  );
  for (const { id, ...texts } of rows) snippets.set(id, texts);
  return snippets;
}
