import type { SearchFacets, SearchFilters } from './search-shared.js';

// Filters as index tokens (ADR 0006, 0012): each SQLite index entry carries, in a `facets`
// column, one token per tag, per author, per publication month and per year. A filtered search
// is then one FTS5 MATCH (a doclist intersection) instead of a join that tests every match.
// The exact conditions are still checked on the few rows that come out.
//
// The tokens start with U+E010, a private-use character: FTS5's unicode61 tokenizer keeps it
// inside a token, while the query parser treats it as a separator, so no reader query can
// name a facet, and stored text is cleaned of it (search.service `clean`).

const mark = '\uE010';
/** Beyond this many month/year tokens a date range is left to the exact check alone. */
const maxDateTokens = 40;

export type { SearchFacets } from './search-shared.js';

const tagToken = (id: number) => `${mark}t${id}`;
const authorToken = (id: number) => `${mark}a${id}`;
const yearToken = (year: number) => `${mark}y${year}`;
const monthToken = (year: number, month: number) =>
  `${mark}m${year}${String(month).padStart(2, '0')}`;

/** The `facets` column text for an index entry. */
export function facetText(facets: SearchFacets): string {
  const tokens = [...facets.tagIds.map(tagToken), ...facets.authorIds.map(authorToken)];
  const published = facets.publishedAt ? new Date(facets.publishedAt) : undefined;
  if (published && !Number.isNaN(published.getTime())) {
    const year = published.getUTCFullYear();
    tokens.push(yearToken(year), monthToken(year, published.getUTCMonth() + 1));
  }
  return tokens.join(' ');
}

const quote = (token: string) => `"${token}"`;

/** Month and year tokens covering [from, to) in UTC: whole years as years, the rest as months. */
function dateTokens(fromIso: string | undefined, toIso: string | undefined): string[] | undefined {
  if (fromIso === undefined && toIso === undefined) return undefined;
  const from = fromIso ? new Date(fromIso) : new Date(Date.UTC(1970, 0, 1));
  const to = new Date(toIso ? new Date(toIso).getTime() - 1 : Date.now() + 366 * 86_400_000);
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || to < from) return undefined;
  const tokens: string[] = [];
  let year = from.getUTCFullYear();
  let month = from.getUTCMonth() + 1;
  const lastYear = to.getUTCFullYear();
  const lastMonth = to.getUTCMonth() + 1;
  while (year < lastYear || (year === lastYear && month <= lastMonth)) {
    if (tokens.length > maxDateTokens) return undefined;
    if (month === 1 && (year < lastYear || lastMonth === 12)) {
      tokens.push(yearToken(year));
      year += 1;
      continue;
    }
    tokens.push(monthToken(year, month));
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return tokens;
}

/** The FTS5 expression for the filters (ANDed to the reader's query), or undefined for none. */
export function facetMatch(filters: SearchFilters): string | undefined {
  const parts: string[] = [];
  if (filters.tagId !== undefined) parts.push(quote(tagToken(filters.tagId)));
  if (filters.authorId !== undefined) parts.push(quote(authorToken(filters.authorId)));
  const dates = dateTokens(filters.fromIso, filters.toIso);
  if (dates && dates.length > 0) parts.push(`(${dates.map(quote).join(' OR ')})`);
  return parts.length > 0 ? parts.join(' AND ') : undefined;
}
