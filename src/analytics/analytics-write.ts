import { sql } from 'kysely';
import type { Executor } from '../platform/db/database.js';
import { pageMeasures } from '../platform/db/migrations/2026120705-analytics.js';
import type { AnalyticsEventTable, PageMeasure } from './analytics.table.js';

// Writes a batch of beacon events in one transaction: who is new today (site and page), the
// raw rows, and the daily aggregates (page, source, device/country) and the UTC hour's totals,
// added with upserts in a fixed key order (so concurrent writers never deadlock). Aggregates
// and raw events therefore always agree.

export type PendingEvent = Omit<AnalyticsEventTable, 'id' | 'new_visitor' | 'new_page_visitor'>;

const chunk = <T>(items: T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

/** Which (day, visitor, scope) keys were not yet seen: inserted now, so counted once. */
async function claimVisitors(
  tx: Executor,
  keys: Array<{ day: string; visitor: string; scope: string }>,
): Promise<Set<string>> {
  const fresh = new Set<string>();
  const unique = [...new Map(keys.map((k) => [`${k.day}|${k.visitor}|${k.scope}`, k])).values()];
  for (const part of chunk(unique, 500)) {
    const rows = await tx
      .insertInto('analytics_visitor_days')
      .values(part)
      .onConflict((oc) => oc.columns(['day', 'visitor', 'scope']).doNothing())
      .returning(['day', 'visitor', 'scope'])
      .execute();
    for (const row of rows) fresh.add(`${row.day}|${row.visitor}|${row.scope}`);
  }
  return fresh;
}

const measureOf: Partial<
  Record<PendingEvent['type'], (e: PendingEvent) => PageMeasure | undefined>
> = {
  view: () => 'views',
  engage: () => 'engaged_seconds',
  scroll: (e) =>
    e.value === 25
      ? 'scroll25'
      : e.value === 50
        ? 'scroll50'
        : e.value === 75
          ? 'scroll75'
          : e.value === 100
            ? 'scroll100'
            : undefined,
  click: (e) => (e.value === 1 ? 'clicks_out' : 'clicks_in'),
  play: () => 'plays',
  'form-view': () => 'form_views',
  'form-submit': () => 'form_submits',
  'prompt-view': () => 'prompt_views',
  'prompt-click': () => 'prompt_clicks',
};

type Counts = Record<string, number>;

function add(
  map: Map<string, { key: Record<string, string | number>; counts: Counts }>,
  id: string,
  key: Record<string, string | number>,
  counts: Counts,
) {
  let entry = map.get(id);
  if (!entry) map.set(id, (entry = { key, counts: {} }));
  for (const [name, n] of Object.entries(counts))
    entry.counts[name] = (entry.counts[name] ?? 0) + n;
}

const sorted = <T>(map: Map<string, T>): T[] =>
  [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);

/** Upserts rows, adding each count column to what is stored. */
async function addUp(
  tx: Executor,
  table:
    | 'analytics_page_days'
    | 'analytics_source_days'
    | 'analytics_dimension_days'
    | 'analytics_hours',
  keyColumns: string[],
  countColumns: readonly string[],
  entries: Array<{ key: Record<string, string | number>; counts: Counts }>,
): Promise<void> {
  for (const part of chunk(entries, 200)) {
    const values = part.map(({ key, counts }) => ({
      ...key,
      ...Object.fromEntries(countColumns.map((c) => [c, counts[c] ?? 0])),
    }));
    await tx
      .insertInto(table)
      .values(values as never)
      .onConflict((oc) =>
        oc
          .columns(keyColumns as never)
          .doUpdateSet(
            Object.fromEntries(
              countColumns.map((c) => [
                c,
                sql`${sql.ref(`${table}.${c}`)} + excluded.${sql.ref(c)}`,
              ]),
            ) as never,
          ),
      )
      .execute();
  }
}

/** The page aggregates' count columns (as the migration made them). */
export const pageMeasureColumns: readonly PageMeasure[] = pageMeasures;

/** Writes the events and their aggregates (the caller opens the transaction). */
export async function writeAnalyticsBatch(tx: Executor, events: PendingEvent[]): Promise<void> {
  if (events.length === 0) return;
  const views = events.filter((e) => e.type === 'view');
  const fresh = await claimVisitors(
    tx,
    views.flatMap((e) => [
      { day: e.day, visitor: e.visitor, scope: '' },
      { day: e.day, visitor: e.visitor, scope: e.path },
    ]),
  );
  const rows = events.map((e) => {
    if (e.type !== 'view') return { ...e, new_visitor: 0, new_page_visitor: 0 };
    const site = `${e.day}|${e.visitor}|`;
    const page = `${e.day}|${e.visitor}|${e.path}`;
    const row = {
      ...e,
      new_visitor: fresh.delete(site) ? 1 : 0,
      new_page_visitor: fresh.delete(page) ? 1 : 0,
    };
    return row;
  });
  for (const part of chunk(rows, 400))
    await tx.insertInto('analytics_events').values(part).execute();

  const pages = new Map<string, { key: Record<string, string | number>; counts: Counts }>();
  const sources = new Map<string, { key: Record<string, string | number>; counts: Counts }>();
  const dimensions = new Map<string, { key: Record<string, string | number>; counts: Counts }>();
  const hours = new Map<string, { key: Record<string, string | number>; counts: Counts }>();
  for (const e of rows) {
    const measure = measureOf[e.type]?.(e);
    const hour = e.at.slice(0, 13);
    const pageCounts: Counts = {};
    if (measure) pageCounts[measure] = e.type === 'engage' ? e.value : 1;
    if (e.new_page_visitor) pageCounts.visitors = 1;
    add(
      pages,
      `${e.day}|${e.path}`,
      { day: e.day, path: e.path, article_id: e.article_id },
      pageCounts,
    );
    const hourCounts: Counts = {};
    if (e.type === 'view') hourCounts.views = 1;
    if (e.new_visitor) hourCounts.visitors = 1;
    if (e.type === 'engage') hourCounts.engaged_seconds = e.value;
    if (e.type === 'play') hourCounts.plays = 1;
    add(hours, hour, { hour }, hourCounts);
    if (e.type !== 'view') continue;
    const viewCounts = { views: 1, visitors: e.new_visitor };
    add(
      sources,
      `${e.day}|${e.medium}|${e.source}|${e.campaign}`,
      { day: e.day, medium: e.medium, source: e.source, campaign: e.campaign },
      viewCounts,
    );
    add(
      dimensions,
      `${e.day}|device|${e.device}`,
      { day: e.day, dimension: 'device', value: e.device },
      viewCounts,
    );
    if (e.country)
      add(
        dimensions,
        `${e.day}|country|${e.country}`,
        { day: e.day, dimension: 'country', value: e.country },
        viewCounts,
      );
  }
  // A page's article id is whatever the page said first; later rows keep it.
  await addUp(tx, 'analytics_page_days', ['day', 'path'], pageMeasureColumns, sorted(pages));
  await addUp(
    tx,
    'analytics_source_days',
    ['day', 'medium', 'source', 'campaign'],
    ['views', 'visitors'],
    sorted(sources),
  );
  await addUp(
    tx,
    'analytics_dimension_days',
    ['day', 'dimension', 'value'],
    ['views', 'visitors'],
    sorted(dimensions),
  );
  await addUp(
    tx,
    'analytics_hours',
    ['hour'],
    ['views', 'visitors', 'engaged_seconds', 'plays'],
    sorted(hours),
  );
}
