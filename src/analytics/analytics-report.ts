import { sql } from 'kysely';
import type { Executor } from '../platform/db/database.js';

// The figures the dashboard and the API show, read from the daily aggregates (a 90-day range
// reads at most 90 rows per page, not millions of events) and, for the last 30 minutes, from
// the raw events. Days are the newsroom's local dates. "Visitors" are daily unique visitors
// (the visitor hash changes every day), summed over the days of the range. Listens are the
// audio player's own count (audio_listens, src/audio/listen.routes.ts), the one the
// Narration screen shows too: one number for one thing.

export type Period = 'today' | '7d' | '30d' | '90d';
export const periods: readonly Period[] = ['today', '7d', '30d', '90d'];

export interface DayRange {
  from: string;
  to: string;
}

const dayLength = { today: 1, '7d': 7, '30d': 30, '90d': 90 } as const;

/** The local date `days` after `day` (both YYYY-MM-DD). */
export function shiftDay(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The period's days up to `today` (inclusive) and the same number of days before them. */
export function periodRange(
  period: Period,
  today: string,
): { current: DayRange; previous: DayRange } {
  const n = dayLength[period];
  const from = shiftDay(today, 1 - n);
  return {
    current: { from, to: today },
    previous: { from: shiftDay(from, -n), to: shiftDay(from, -1) },
  };
}

/** Every day of a range, in order (for charts with a bar per day, zero included). */
export function daysOf(range: DayRange): string[] {
  const days: string[] = [];
  for (let day = range.from; day <= range.to; day = shiftDay(day, 1)) days.push(day);
  return days;
}

const num = (value: unknown): number => Number(value ?? 0);

export interface Totals {
  views: number;
  visitors: number;
  engagedSeconds: number;
  /** Average engaged seconds per view. */
  averageEngagedSeconds: number;
  /** Share of views that reached the end of the article (0–1). */
  readThrough: number;
  plays: number;
  formSubmits: number;
  promptClicks: number;
}

/** Plays of articles' narration in the range, by article (all articles, or those given). */
export async function listensByArticle(
  db: Executor,
  range: DayRange,
  articleIds?: number[],
): Promise<Map<number, number>> {
  if (articleIds?.length === 0) return new Map();
  let query = db
    .selectFrom('audio_listens')
    .select((eb) => ['article_id', eb.fn.sum<number>('count').as('plays')])
    .where('event', '=', 'play')
    .where('day', '>=', range.from)
    .where('day', '<=', range.to)
    .groupBy('article_id');
  if (articleIds) query = query.where('article_id', 'in', articleIds);
  const rows = await query.execute();
  return new Map(rows.map((r) => [r.article_id, num(r.plays)]));
}

export async function siteTotals(db: Executor, range: DayRange): Promise<Totals> {
  const listens = await db
    .selectFrom('audio_listens')
    .select((eb) => eb.fn.sum<number>('count').as('plays'))
    .where('event', '=', 'play')
    .where('day', '>=', range.from)
    .where('day', '<=', range.to)
    .executeTakeFirst();
  const pages = await db
    .selectFrom('analytics_page_days')
    .select((eb) => [
      eb.fn.sum<number>('views').as('views'),
      eb.fn.sum<number>('engaged_seconds').as('engaged'),
      eb.fn.sum<number>('scroll100').as('read'),
      eb.fn.sum<number>('form_submits').as('forms'),
      eb.fn.sum<number>('prompt_clicks').as('prompts'),
    ])
    .where('day', '>=', range.from)
    .where('day', '<=', range.to)
    .executeTakeFirst();
  const visitors = await db
    .selectFrom('analytics_source_days')
    .select((eb) => eb.fn.sum<number>('visitors').as('visitors'))
    .where('day', '>=', range.from)
    .where('day', '<=', range.to)
    .executeTakeFirst();
  const views = num(pages?.views);
  const engaged = num(pages?.engaged);
  return {
    views,
    visitors: num(visitors?.visitors),
    engagedSeconds: engaged,
    averageEngagedSeconds: views > 0 ? Math.round(engaged / views) : 0,
    readThrough: views > 0 ? num(pages?.read) / views : 0,
    plays: num(listens?.plays),
    formSubmits: num(pages?.forms),
    promptClicks: num(pages?.prompts),
  };
}

/** Views and visitors per day (every day of the range, zeros included). */
export async function daySeries(db: Executor, range: DayRange) {
  const rows = await db
    .selectFrom('analytics_source_days')
    .select((eb) => [
      'day',
      eb.fn.sum<number>('views').as('views'),
      eb.fn.sum<number>('visitors').as('visitors'),
    ])
    .where('day', '>=', range.from)
    .where('day', '<=', range.to)
    .groupBy('day')
    .execute();
  const byDay = new Map(rows.map((r) => [r.day, r]));
  return daysOf(range).map((day) => ({
    day,
    views: num(byDay.get(day)?.views),
    visitors: num(byDay.get(day)?.visitors),
  }));
}

export interface ArticleFigures {
  articleId: number;
  title: string;
  slug: string;
  views: number;
  visitors: number;
  averageEngagedSeconds: number;
  readThrough: number;
  plays: number;
  formSubmits: number;
  promptClicks: number;
}

/** The most viewed articles of the range (or one article, with `articleId`). */
export async function articleFigures(
  db: Executor,
  range: DayRange,
  options: { limit?: number; articleId?: number } = {},
): Promise<ArticleFigures[]> {
  let per = db
    .selectFrom('analytics_page_days')
    .select((eb) => [
      'article_id',
      eb.fn.sum<number>('views').as('views'),
      eb.fn.sum<number>('visitors').as('visitors'),
      eb.fn.sum<number>('engaged_seconds').as('engaged'),
      eb.fn.sum<number>('scroll100').as('read'),
      eb.fn.sum<number>('form_submits').as('forms'),
      eb.fn.sum<number>('prompt_clicks').as('prompts'),
    ])
    .where('day', '>=', range.from)
    .where('day', '<=', range.to)
    .where('article_id', '>', 0)
    .groupBy('article_id');
  if (options.articleId !== undefined) per = per.where('article_id', '=', options.articleId);
  const rows = await db
    .selectFrom(per.as('per'))
    .innerJoin('articles', 'articles.id', 'per.article_id')
    .select([
      'per.article_id',
      'articles.title',
      'articles.slug',
      'per.views',
      'per.visitors',
      'per.engaged',
      'per.read',
      'per.forms',
      'per.prompts',
    ])
    .orderBy('per.views', 'desc')
    .orderBy('per.article_id', 'desc')
    .limit(options.limit ?? 20)
    .execute();
  const plays = await listensByArticle(
    db,
    range,
    rows.map((r) => r.article_id),
  );
  return rows.map((r) => {
    const views = num(r.views);
    return {
      articleId: r.article_id,
      title: r.title,
      slug: r.slug,
      views,
      visitors: num(r.visitors),
      averageEngagedSeconds: views > 0 ? Math.round(num(r.engaged) / views) : 0,
      readThrough: views > 0 ? num(r.read) / views : 0,
      plays: plays.get(r.article_id) ?? 0,
      formSubmits: num(r.forms),
      promptClicks: num(r.prompts),
    };
  });
}

/** Where views came from: medium (search, social, newsletter…) and source. */
export async function sourceFigures(db: Executor, range: DayRange, limit = 20) {
  const rows = await db
    .selectFrom('analytics_source_days')
    .select((eb) => [
      'medium',
      'source',
      eb.fn.sum<number>('views').as('views'),
      eb.fn.sum<number>('visitors').as('visitors'),
    ])
    .where('day', '>=', range.from)
    .where('day', '<=', range.to)
    .groupBy(['medium', 'source'])
    .orderBy('views', 'desc')
    .orderBy('medium')
    .orderBy('source')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    medium: r.medium,
    source: r.source,
    views: num(r.views),
    visitors: num(r.visitors),
  }));
}

/** Views per device class (or country, when a GeoIP database fills it). */
export async function dimensionFigures(
  db: Executor,
  range: DayRange,
  dimension: 'device' | 'country',
) {
  const rows = await db
    .selectFrom('analytics_dimension_days')
    .select((eb) => [
      'value',
      eb.fn.sum<number>('views').as('views'),
      eb.fn.sum<number>('visitors').as('visitors'),
    ])
    .where('dimension', '=', dimension)
    .where('day', '>=', range.from)
    .where('day', '<=', range.to)
    .groupBy('value')
    .orderBy('views', 'desc')
    .orderBy('value')
    .execute();
  return rows.map((r) => ({ value: r.value, views: num(r.views), visitors: num(r.visitors) }));
}

/** Views per author or tag: each article's views count for each of its authors (tags). */
export async function taxonomyFigures(
  db: Executor,
  range: DayRange,
  by: 'author' | 'tag',
  limit = 20,
) {
  const per = db
    .selectFrom('analytics_page_days')
    .select((eb) => [
      'article_id',
      eb.fn.sum<number>('views').as('views'),
      eb.fn.sum<number>('visitors').as('visitors'),
    ])
    .where('day', '>=', range.from)
    .where('day', '<=', range.to)
    .where('article_id', '>', 0)
    .groupBy('article_id');
  const rows =
    by === 'author'
      ? await db
          .selectFrom(per.as('per'))
          .innerJoin('article_authors', 'article_authors.article_id', 'per.article_id')
          .innerJoin('authors', 'authors.id', 'article_authors.author_id')
          .select((eb) => [
            'authors.id',
            'authors.name',
            eb.fn.sum<number>('per.views').as('views'),
            eb.fn.sum<number>('per.visitors').as('visitors'),
            eb.fn.countAll<number>().as('articles'),
          ])
          .groupBy(['authors.id', 'authors.name'])
          .orderBy('views', 'desc')
          .orderBy('authors.id')
          .limit(limit)
          .execute()
      : await db
          .selectFrom(per.as('per'))
          .innerJoin('article_tags', 'article_tags.article_id', 'per.article_id')
          .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
          .select((eb) => [
            'tags.id',
            'tags.name',
            eb.fn.sum<number>('per.views').as('views'),
            eb.fn.sum<number>('per.visitors').as('visitors'),
            eb.fn.countAll<number>().as('articles'),
          ])
          .groupBy(['tags.id', 'tags.name'])
          .orderBy('views', 'desc')
          .orderBy('tags.id')
          .limit(limit)
          .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    views: num(r.views),
    visitors: num(r.visitors),
    articles: num(r.articles),
  }));
}

/** The last 30 minutes, from the raw events: views, visitors now, and the pages read. */
export async function realtimeFigures(db: Executor, now: Date) {
  const since = new Date(now.getTime() - 30 * 60_000).toISOString();
  const totals = await db
    .selectFrom('analytics_events')
    .select((eb) => [
      eb.fn.count<number>(sql`case when type = 'view' then 1 end`).as('views'),
      eb.fn.count<number>('visitor').distinct().as('visitors'),
    ])
    .where('at', '>=', since)
    .executeTakeFirst();
  const pages = await db
    .selectFrom('analytics_events')
    .select((eb) => [
      'path',
      eb.fn.countAll<number>().as('views'),
      eb.fn.count<number>('visitor').distinct().as('visitors'),
    ])
    .where('at', '>=', since)
    .where('type', '=', 'view')
    .groupBy('path')
    .orderBy('views', 'desc')
    .orderBy('path')
    .limit(10)
    .execute();
  return {
    since,
    views: num(totals?.views),
    visitors: num(totals?.visitors),
    pages: pages.map((p) => ({ path: p.path, views: num(p.views), visitors: num(p.visitors) })),
  };
}
