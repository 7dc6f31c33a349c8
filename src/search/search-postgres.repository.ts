import { type RawBuilder, sql } from 'kysely';
import type { Executor } from '../platform/db/database.js';
import { hasPositiveTerms, type ParsedQuery } from './search-query.js';
import {
  filterConditions,
  type RankedSearch,
  type SearchConfig,
  type SearchDocument,
} from './search-shared.js';

// PostgreSQL: search_documents with a weighted tsvector (A title, B standfirst, C bylines and
// tags, D body) built with the article's configuration, GIN-indexed. The reader's terms reach
// tsquery only as bound parameters of plainto_tsquery/phraseto_tsquery.

// tsvector positions stop at 16,383 and the value at 1 MB: a very long body is cut.
const maxBodyChars = 300_000;
const headlineOptions =
  'StartSel=\uE000, StopSel=\uE001, MaxWords=40, MinWords=15, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "';

const titleOptions = 'StartSel=\uE000, StopSel=\uE001, HighlightAll=true';

export async function writeSearchDocument(executor: Executor, d: SearchDocument) {
  const config = sql.lit(d.config);
  const body = d.body.slice(0, maxBodyChars);
  await sql`insert into search_documents (article_id, config, title, excerpt, body, authors, tags, document)
    values (${d.articleId}, ${d.config}, ${d.title}, ${d.excerpt}, ${body}, ${d.authors}, ${d.tags},
      setweight(to_tsvector(${config}, ${d.title}), 'A') ||
      setweight(to_tsvector(${config}, ${d.excerpt}), 'B') ||
      setweight(to_tsvector(${config}, ${`${d.authors} ${d.tags}`}), 'C') ||
      setweight(to_tsvector(${config}, ${body}), 'D'))
    on conflict (article_id) do update set config = excluded.config, title = excluded.title,
      excerpt = excluded.excerpt, body = excluded.body, authors = excluded.authors,
      tags = excluded.tags, document = excluded.document`.execute(executor);
}

export async function deleteSearchDocument(executor: Executor, articleId: number) {
  await sql`delete from search_documents where article_id = ${articleId}`.execute(executor);
}

export async function hasSearchDocuments(executor: Executor): Promise<boolean> {
  const { rows } = await sql`select 1 from search_documents limit 1`.execute(executor);
  return rows.length > 0;
}

export async function clearSearchDocuments(executor: Executor) {
  await sql`delete from search_documents`.execute(executor);
}

/** The tsquery for one configuration, composed from bound parameters only. */
function tsquery(query: ParsedQuery, config: SearchConfig): RawBuilder<unknown> {
  const cfg = sql.lit(config);
  const positives: RawBuilder<unknown>[] = [];
  const negatives: RawBuilder<unknown>[] = [];
  query.terms.forEach((term, index) => {
    const text = term.tokens.join(' ');
    let expression = term.phrase
      ? sql`phraseto_tsquery(${cfg}, ${text})`
      : sql`plainto_tsquery(${cfg}, ${text})`;
    if (query.prefixLast && index === query.terms.length - 1) {
      // Tokens hold letters, marks and digits only, so ":*" is the only operator here.
      expression = sql`(${expression} || to_tsquery(${cfg}, ${`${text}:*`}))`;
    }
    (term.exclude ? negatives : positives).push(expression);
  });
  return sql`(${sql.join([...positives, ...negatives.map((n) => sql`!!${n}`)], sql` && `)})`;
}

function matchCondition(query: ParsedQuery): RawBuilder<unknown> {
  return sql`((d.config = 'english' and d.document @@ ${tsquery(query, 'english')})
    or (d.config = 'simple' and d.document @@ ${tsquery(query, 'simple')}))`;
}

export async function findRankedArticleIds(executor: Executor, search: RankedSearch) {
  if (!hasPositiveTerms(search.query)) return [];
  const now = search.nowIso;
  const ageDays = sql`greatest(0, extract(epoch from (cast(${now} as timestamptz) - cast(coalesce(a.published_at, ${now}) as timestamptz))) / 86400.0)`;
  // Same recency factor as on SQLite: from 1 today towards 0.5 for old stories (ADR 0006).
  const { rows } = await sql<{
    id: number;
    total: number;
  }>`select d.article_id as id, count(*) over () as total
    from search_documents d join articles a on a.id = d.article_id
    where ${matchCondition(search.query)} and ${filterConditions(search.filters)}
    order by ts_rank_cd('{0.1, 0.2, 0.4, 1.0}', d.document,
        case when d.config = 'english' then ${tsquery(search.query, 'english')} else ${tsquery(search.query, 'simple')} end, 1)
      * (0.5 + 15.0 / (30.0 + ${ageDays})) desc,
      a.published_at desc, a.id desc
    limit ${search.limit} offset ${search.offset}`.execute(executor);
  return rows;
}

export async function countMatches(executor: Executor, search: RankedSearch): Promise<number> {
  if (!hasPositiveTerms(search.query)) return 0;
  const { rows } = await sql<{ total: number }>`select count(*) as total
    from search_documents d join articles a on a.id = d.article_id
    where ${matchCondition(search.query)} and ${filterConditions(search.filters)}`.execute(
    executor,
  );
  return rows[0]?.total ?? 0;
}

export async function findSnippets(executor: Executor, query: ParsedQuery, ids: number[]) {
  const snippets = new Map<number, { snippet: string; title: string }>();
  if (!hasPositiveTerms(query)) return snippets;
  const english = tsquery(query, 'english');
  const simple = tsquery(query, 'simple');
  const { rows } = await sql<{
    id: number;
    snippet: string;
    title: string;
  }>`select d.article_id as id,
      case when d.config = 'english'
        then ts_headline('english', d.body, ${english}, ${headlineOptions})
        else ts_headline('simple', d.body, ${simple}, ${headlineOptions}) end as snippet,
      case when d.config = 'english'
        then ts_headline('english', d.title, ${english}, ${titleOptions})
        else ts_headline('simple', d.title, ${simple}, ${titleOptions}) end as title
    from search_documents d where d.article_id in (${sql.join(ids)})`.execute(executor);
  for (const { id, ...texts } of rows) snippets.set(id, texts);
  return snippets;
}
