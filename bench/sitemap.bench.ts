import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { type DatabaseHandle, openDatabase } from '../src/platform/db/database.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';
import { updateSearchIndex } from '../src/search/search.service.js';
import { freePort } from '../test/e2e/support/server.js';

// Sitemaps at scale: a large article table written straight with SQL (the content service
// would take hours for a million rows), then the sitemap index, every article page and the
// News sitemap fetched from a real server process, with its time and peak memory.

const root = new URL('../', import.meta.url).pathname;

/** Inserts `count` published articles in one statement per 100,000 (a third with an image). */
export async function generateSitemapArticles(database: DatabaseHandle, count: number) {
  const chunk = 100_000;
  const now = Date.now();
  for (let start = 1; start <= count; start += chunk) {
    const end = Math.min(count, start + chunk - 1);
    // One article a minute going back from now: the newest 2,880 fall in the News window.
    await sql`
      with recursive n(i) as (select ${start} union all select i + 1 from n where i < ${end})
      insert into articles (uuid, title, slug, excerpt, word_count, reading_minutes, status,
        published_at, language, featured_image_url, featured_image_alt, featured_image_caption,
        version, created_at, updated_at, doc, plain_text)
      select
        ${sql.lit('00000000-0000-4000-8000-')} || substr('000000000000' || i, -12, 12),
        'Bench story number ' || i || ' & more', 'bench-story-' || i, 'An excerpt.', 300, 2,
        'published', ${sql.lit(new Date(now).toISOString())}, 'en',
        case when i % 3 = 0 then '/media/bench-' || i || '.jpg' else null end, '', '', 1,
        ${sql.lit(new Date(now).toISOString())}, ${sql.lit(new Date(now).toISOString())},
        '{"type":"doc","content":[]}', ''
      from n`.execute(database.db);
  }
  // Spread publication times one minute apart (newest = highest id), as a real archive is.
  await sql`update articles set published_at = ${sql.raw(
    database.dialect === 'sqlite'
      ? `strftime('%Y-%m-%dT%H:%M:%fZ', '${new Date(now).toISOString()}', '-' || (${count} - id) || ' minutes')`
      : `to_char((timestamptz '${new Date(now).toISOString()}' - make_interval(mins => (${count} - id)::int)) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
  )}`.execute(database.db);
}

function memoryOf(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

async function startServer(dataDir: string): Promise<{ child: ChildProcess; baseUrl: string }> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  // The built server when there is one (as `npm run bench` builds it), else the sources via tsx.
  const built = join(root, 'dist/server/main.js');
  const args = existsSync(built)
    ? [built, 'serve', '--no-seed', '--no-worker']
    : ['--import', 'tsx', join(root, 'src/main.ts'), 'serve', '--no-seed', '--no-worker'];
  const child = spawn(process.execPath, args, {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      BASE_URL: baseUrl,
      LOG_LEVEL: 'error',
      NODE_ENV: 'production',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  // Generous: on a busy machine the tsx fallback compiles every module at start.
  const deadline = Date.now() + 300_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error('server exited before answering');
    try {
      if ((await fetch(`${baseUrl}/healthz`)).ok) return { child, baseUrl };
    } catch {
      // not yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error('server did not answer in time');
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Reads a response as a stream, counting `<url>` entries and bytes without keeping the body. */
async function fetchCounting(url: string) {
  const started = performance.now();
  const response = await fetch(url, { headers: { 'accept-encoding': 'identity' } });
  if (!response.ok || !response.body) throw new Error(`${url} answered ${response.status}`);
  let urls = 0;
  let bytes = 0;
  let carry = '';
  const decoder = new TextDecoder();
  const reader = response.body.getReader();
  for (;;) {
    const { done, value: chunk } = await reader.read();
    if (done) break;
    bytes += chunk.byteLength;
    const text = carry + decoder.decode(chunk, { stream: true });
    urls += text.split('<url>').length - 1;
    // Four characters cannot hold a whole `<url>`, so carrying them never counts one twice.
    carry = text.slice(-4);
  }
  return { urls, bytes, ms: performance.now() - started };
}

/** The sitemap benchmark: index, every page and the News sitemap at `articles` rows on SQLite. */
export async function benchSitemaps(options: { articles: number }): Promise<string> {
  const workDir = mkdtempSync(join(tmpdir(), 'masthead-sitemap-bench-'));
  let child: ChildProcess | undefined;
  try {
    const generateStarted = performance.now();
    const database = openDatabase(`sqlite:${join(workDir, 'masthead.db')}`);
    await migrateToLatest(database.db);
    await generateSitemapArticles(database, options.articles);
    // The server fills an empty search index at start (minutes for a million rows); search is
    // not measured here, so one indexed article tells it the index exists.
    await updateSearchIndex(database.db, [1]);
    await database.destroy();
    const generateSeconds = (performance.now() - generateStarted) / 1000;

    const server = await startServer(workDir);
    child = server.child;
    const pid = child.pid ?? 0;
    const startMemory = memoryOf(pid);
    const indexStarted = performance.now();
    const indexResponse = await fetch(`${server.baseUrl}/sitemap.xml`);
    const index = await indexResponse.text();
    const indexMs = performance.now() - indexStarted;
    const pages = [...index.matchAll(/<loc>([^<]+articles-\d+\.xml)<\/loc>/g)].map(
      (m) => m[1] ?? '',
    );
    const afterIndex = memoryOf(pid);
    let total = 0;
    let slowestMs = 0;
    let largestBytes = 0;
    const pagesStarted = performance.now();
    for (const page of pages) {
      const result = await fetchCounting(page);
      total += result.urls;
      slowestMs = Math.max(slowestMs, result.ms);
      largestBytes = Math.max(largestBytes, result.bytes);
    }
    const pagesSeconds = (performance.now() - pagesStarted) / 1000;
    const afterPages = memoryOf(pid);
    const news = await fetchCounting(`${server.baseUrl}/sitemap-news.xml`);
    const end = memoryOf(pid);
    if (total !== options.articles)
      throw new Error(`the article sitemaps list ${total} URLs, expected ${options.articles}`);
    return [
      `Sitemap benchmark — ${options.articles.toLocaleString('en-US')} published articles on SQLite (rows generated with SQL in ${generateSeconds.toFixed(1)} s)`,
      '',
      '| step | result |',
      '|---|---|',
      `| sitemap index | ${pages.length} article pages + pages.xml, ${indexMs.toFixed(0)} ms |`,
      `| all article pages | ${total.toLocaleString('en-US')} URLs (each exactly once) in ${pagesSeconds.toFixed(1)} s; slowest page ${slowestMs.toFixed(0)} ms; largest ${(largestBytes / 1e6).toFixed(1)} MB |`,
      `| News sitemap | ${news.urls} URLs, ${news.ms.toFixed(0)} ms |`,
      `| server RSS | at start ${startMemory.rssMb.toFixed(0)} MB; after the index ${afterIndex.rssMb.toFixed(0)} MB; after every page ${afterPages.rssMb.toFixed(0)} MB; after News ${end.rssMb.toFixed(0)} MB |`,
      `| server peak RSS (VmHWM) | ${startMemory.peakMb.toFixed(0)} MB before the first sitemap request (start-up); ${end.peakMb.toFixed(0)} MB at the end |`,
    ].join('\n');
  } finally {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child?.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(workDir, { recursive: true, force: true });
  }
}

// `node --import tsx bench/sitemap.bench.ts [articles]` runs this benchmark alone.
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '')) {
  const articles = Number(process.argv[2] ?? process.env.BENCH_SITEMAP_ARTICLES ?? 200_000);
  console.log(await benchSitemaps({ articles }));
}
