import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RawBuilder, sql } from 'kysely';
import pg from 'pg';
import { createApiToken } from '../src/admin/api-token.service.js';
import { type DatabaseHandle, openDatabase } from '../src/platform/db/database.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';
import { generateArticles } from './generate.js';
import { startMasthead, stop } from './site.bench.js';

// The dashboard over a big archive of raw events (`npm run bench analytics`, with
// BENCH_ANALYTICS_EVENTS, 10,000,000 by default): the raw events of 180 days over 2,000
// articles are written with SQL (the beacon path would take hours), the daily and hourly
// aggregates are then added up from them with GROUP BY, as ingest would have left them, and
// each dashboard API answer is timed through HTTP on one web process. The figures the
// dashboard shows are checked against a recount of the raw events.

const ARTICLES = 2000;
const DAYS = 180;

/** A SQL expression per dialect. */
type Dialectal = { sqlite: string; postgres: string };

// Row i of the generated events: its day (i mod 180 days back) and second within that day,
// its type (four in ten are views), page (one in thirteen is the home page), visitor and source.
const eventAt: Dialectal = {
  sqlite: `strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-' || (i % ${DAYS}) || ' days', '-' || ((i / ${DAYS}) % 86400) || ' seconds')`,
  postgres: `to_char((now() at time zone 'utc') - make_interval(days => (i % ${DAYS})::int, secs => ((i / ${DAYS}) % 86400)::int), 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
};
const eventType = `case i % 10 when 4 then 'engage' when 5 then 'scroll' when 6 then 'click' when 7 then 'play' when 8 then 'form-view' when 9 then 'prompt-view' else 'view' end`;
const eventMedium = `case (t.i / 10) % 6 when 0 then 'direct' when 1 then 'search' when 2 then 'social' when 3 then 'newsletter' when 4 then 'internal' else 'search' end`;
const eventSource = `case (t.i / 10) % 6 when 1 then 'google' when 2 then 'facebook' when 3 then 'morning-briefing' when 5 then 'bing' else '' end`;

/** Inserts generated events start … start + count − 1. */
function eventsInsert(
  dialect: 'sqlite' | 'postgres',
  start: number,
  count: number,
): RawBuilder<unknown> {
  const last = start + count - 1;
  const rows =
    dialect === 'sqlite'
      ? `with recursive n(i) as (select ${start} union all select i + 1 from n where i < ${last}) select i from n`
      : `select i from generate_series(${start}::bigint, ${last}::bigint) as i`;
  return sql.raw(`
    insert into analytics_events (at, day, type, path, article_id, visitor, new_visitor,
      new_page_visitor, medium, source, campaign, device, country, value, target)
    select t.at, substr(t.at, 1, 10), t.type,
      case when t.i % 13 = 0 then '/' else a.path end,
      case when t.i % 13 = 0 then 0 else a.id end,
      'v' || ((t.i / 4) % 200003),
      case when t.type = 'view' and t.i % 3 = 0 then 1 else 0 end,
      case when t.type = 'view' and t.i % 2 = 0 then 1 else 0 end,
      ${eventMedium},
      ${eventSource},
      case when (t.i / 10) % 6 = 3 then 'december' else '' end,
      case (t.i / 7) % 3 when 0 then 'desktop' when 1 then 'mobile' else 'tablet' end,
      '',
      case t.type when 'engage' then 45 when 'scroll' then 25 * (1 + (t.i / 10) % 4)
        when 'click' then (t.i / 10) % 2 else 0 end,
      case t.type when 'click' then 'example.org' when 'form-view' then 'newsletter'
        when 'prompt-view' then 'inline' else '' end
    from (select i, ${eventAt[dialect]} as at, ${eventType} as type from (${rows}) as n) as t
    join bench_articles a on a.k = (t.i * 7919) % ${ARTICLES}`);
}

const countOf = (condition: string) => `sum(case when ${condition} then 1 else 0 end)`;

// The aggregates exactly as writeAnalyticsBatch adds them up, recomputed from the raw rows.
const rollups = [
  `insert into analytics_page_days (day, path, article_id, views, visitors, engaged_seconds,
     scroll25, scroll50, scroll75, scroll100, clicks_out, clicks_in, plays, form_views,
     form_submits, prompt_views, prompt_clicks)
   select day, path, min(article_id), ${countOf("type = 'view'")}, sum(new_page_visitor),
     sum(case when type = 'engage' then value else 0 end),
     ${[25, 50, 75, 100].map((d) => countOf(`type = 'scroll' and value = ${d}`)).join(', ')},
     ${countOf("type = 'click' and value = 1")}, ${countOf("type = 'click' and value <> 1")},
     ${countOf("type = 'play'")}, ${countOf("type = 'form-view'")}, ${countOf("type = 'form-submit'")},
     ${countOf("type = 'prompt-view'")}, ${countOf("type = 'prompt-click'")}
   from analytics_events group by day, path`,
  `insert into analytics_source_days (day, medium, source, campaign, views, visitors)
   select day, medium, source, campaign, count(*), sum(new_visitor)
   from analytics_events where type = 'view' group by day, medium, source, campaign`,
  `insert into analytics_dimension_days (day, dimension, value, views, visitors)
   select day, 'device', device, count(*), sum(new_visitor)
   from analytics_events where type = 'view' group by day, device`,
  `insert into analytics_hours (hour, views, visitors, engaged_seconds, plays)
   select substr(at, 1, 13), ${countOf("type = 'view'")}, sum(new_visitor),
     sum(case when type = 'engage' then value else 0 end), ${countOf("type = 'play'")}
   from analytics_events group by substr(at, 1, 13)`,
];

async function seed(database: DatabaseHandle, events: number): Promise<number> {
  await generateArticles(database, ARTICLES);
  const { db } = database;
  await sql`create table bench_articles as
    select row_number() over (order by id) - 1 as k, id, '/' || slug || '/' as path
    from articles where status = 'published'`.execute(db);
  await sql`create index bench_articles_k on bench_articles (k)`.execute(db);
  const started = Date.now();
  // In slices, so one statement never holds millions of rows in a transaction's memory.
  const slice = 1_000_000;
  for (let done = 0; done < events; done += slice) {
    const n = Math.min(slice, events - done);
    await eventsInsert(database.dialect, done, n).execute(db);
  }
  for (const statement of rollups) await sql.raw(statement).execute(db);
  await sql`drop table bench_articles`.execute(db);
  if (database.dialect === 'postgres') await sql`analyze`.execute(db);
  return Date.now() - started;
}

/** A GET, tried again once when the kept-alive connection was closed by the server meanwhile
 * (the recount between answers can leave it idle past the server's keep-alive timeout). */
async function fetchAgain(url: string, token: string): Promise<Response> {
  const get = () => fetch(url, { headers: { authorization: `Bearer ${token}` } });
  try {
    return await get();
  } catch (error) {
    if ((error as { cause?: { code?: string } }).cause?.code !== 'UND_ERR_SOCKET') throw error;
    return get();
  }
}

async function timed(url: string, token: string, runs: number) {
  const times: number[] = [];
  let body: unknown;
  for (let run = -2; run < runs; run += 1) {
    const started = performance.now();
    const answer = await fetchAgain(url, token);
    if (!answer.ok) throw new Error(`${url} answered ${answer.status}: ${await answer.text()}`);
    body = /json/.test(answer.headers.get('content-type') ?? '')
      ? await answer.json()
      : await answer.text();
    if (run >= 0) times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)] ?? 0;
  return { p50: at(0.5), p95: at(0.95), body };
}

interface Overview {
  range: { from: string; to: string };
  totals: { views: number };
}

async function recountViews(url: string, range: { from: string; to: string }): Promise<number> {
  const database = openDatabase(url);
  try {
    const row = await database.db
      .selectFrom('analytics_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('type', '=', 'view')
      .where('day', '>=', range.from)
      .where('day', '<=', range.to)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  } finally {
    await database.destroy();
  }
}

async function benchOne(label: string, url: string, workDir: string, events: number) {
  const database = openDatabase(url);
  let seededMs = 0;
  let token = '';
  try {
    await migrateToLatest(database.db);
    seededMs = await seed(database, events);
    token = (await createApiToken(database.db, { name: 'bench', role: 'editor' })).token;
  } finally {
    await database.destroy();
  }
  const server = await startMasthead(
    workDir,
    url.startsWith('sqlite:') ? {} : { DATABASE_URL: url },
    '/healthz',
  );
  const rows: string[] = [];
  const say = (row: string) => {
    rows.push(row);
    console.error(row); // progress: the whole table prints at the end
  };
  try {
    const api = `${server.baseUrl}/api/admin/analytics`;
    const runs = 20;
    for (const period of ['7d', '30d', '90d']) {
      const { p50, p95, body } = await timed(`${api}/overview?period=${period}`, token, runs);
      const overview = body as Overview;
      const recount = await recountViews(url, overview.range);
      const check = recount === overview.totals.views ? 'equal' : `MISMATCH (${recount})`;
      say(
        `| ${label} | overview, ${period} | ${p50.toFixed(0)} | **${p95.toFixed(0)}** | ${overview.totals.views} views; raw recount ${check} |`,
      );
    }
    const panel = await timed(`${api}/articles/1?period=30d`, token, runs);
    say(
      `| ${label} | one article's panel, 30d | ${panel.p50.toFixed(0)} | **${panel.p95.toFixed(0)}** | |`,
    );
    const now = await timed(`${api}/realtime`, token, runs);
    const realtime = now.body as { views: number };
    say(
      `| ${label} | right now (raw events, last 30 min) | ${now.p50.toFixed(0)} | **${now.p95.toFixed(0)}** | ${realtime.views} views |`,
    );
    const csv = await timed(`${api}/articles.csv?period=90d`, token, 5);
    say(`| ${label} | articles CSV, 90d | ${csv.p50.toFixed(0)} | **${csv.p95.toFixed(0)}** | |`);
    say(
      `| ${label} | seeding ${events.toLocaleString('en')} events + aggregates | | | ${(seededMs / 1000).toFixed(0)} s |`,
    );
  } finally {
    await stop(server.child);
  }
  return rows;
}

async function withPostgres<T>(adminUrl: string, run: (url: string) => Promise<T>): Promise<T> {
  const name = `masthead_bench_dashboard_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  try {
    return await run(url.toString());
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

export async function benchAnalyticsDashboard(options: {
  events: number;
  postgresUrl?: string;
}): Promise<string> {
  const rows: string[] = [];
  const workDir = mkdtempSync(join(tmpdir(), 'masthead-bench-dashboard-'));
  try {
    rows.push(
      ...(await benchOne(
        'SQLite',
        `sqlite:${join(workDir, 'masthead.db')}`,
        workDir,
        options.events,
      )),
    );
    if (options.postgresUrl)
      rows.push(
        ...(await withPostgres(options.postgresUrl, (url) =>
          benchOne('PostgreSQL', url, workDir, options.events),
        )),
      );
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
  return [
    '## Dashboard over the raw events',
    '',
    `${options.events.toLocaleString('en')} raw events over ${DAYS} days and ${ARTICLES.toLocaleString('en')} articles, aggregates added up from them; one web process, each answer timed through HTTP (20 runs after 2 warm-ups; 5 for the CSV), milliseconds.`,
    '',
    '| database | answer | p50 ms | p95 ms | check |',
    '|---|---|---:|---:|---|',
    ...rows,
  ].join('\n');
}
