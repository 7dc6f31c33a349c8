import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { request } from 'node:http';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openDatabase } from '../src/platform/db/database.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';
import { freePort } from '../test/e2e/support/server.js';
import { cloneArticles, generateArticles } from './generate.js';
import { type LoadResult, runLoad } from './load.js';

const root = new URL('../', import.meta.url).pathname;

interface Server {
  child: ChildProcess;
  baseUrl: string;
  coldStartMs: number;
}

async function waitFor(url: string, child: ChildProcess, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`process exited before ${url} answered`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer in time`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export async function startMasthead(
  dataDir: string,
  env: Record<string, string>,
  firstPath: string,
  processes = 1,
  /** Options for node itself, e.g. `--cpu-prof` (refused in NODE_OPTIONS). */
  nodeArgs: string[] = [],
): Promise<Server> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [
      ...nodeArgs,
      join(root, 'dist/server/main.js'),
      'serve',
      '--no-seed',
      '--no-worker',
      '--processes',
      String(processes),
    ],
    {
      env: {
        ...process.env,
        DATA_DIR: dataDir,
        PORT: String(port),
        BASE_URL: baseUrl,
        LOG_LEVEL: 'error',
        NODE_ENV: 'production',
        ...env,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  await waitFor(`${baseUrl}${firstPath}`, child);
  return { child, baseUrl, coldStartMs: performance.now() - started };
}

export function memoryOf(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

/** The bytes and headers of one encoding of a page, undecoded (fetch would decompress). */
export function rawPage(url: string, encoding: string): Promise<{ body: Buffer; headers: object }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { 'accept-encoding': encoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const headers = Object.fromEntries(
          Object.entries(res.headers).filter(
            ([name]) => !['date', 'connection', 'keep-alive', 'content-length'].includes(name),
          ),
        );
        resolve({ body: Buffer.concat(chunks), headers });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

/** A bare Node server sending these bytes with these headers (the yardstick). */
export async function startBare(
  workDir: string,
  name: string,
  page: { body: Buffer; headers: object },
) {
  const bodyFile = join(workDir, `${name}.body`);
  const headersFile = join(workDir, `${name}.headers.json`);
  writeFileSync(bodyFile, page.body);
  writeFileSync(headersFile, JSON.stringify(page.headers));
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [join(root, 'bench/bare-server.mjs'), bodyFile, String(port), headersFile],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await waitFor(`http://127.0.0.1:${port}/`, child);
  return { child, baseUrl: `http://127.0.0.1:${port}` };
}

export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/**
 * Requests `paths` (8 at a time) so the server's page cache fills up: with more distinct pages
 * than its default size holds, it ends full, as on a busy site, before memory is read.
 */
async function fillCache(baseUrl: string, paths: string[]): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < paths.length) {
        const path = paths[next];
        next += 1;
        // A kept-alive connection the server closed as it was reused: ask again, once.
        const response = await fetch(`${baseUrl}${path}`).catch(() => fetch(`${baseUrl}${path}`));
        await response.arrayBuffer();
      }
    }),
  );
}

const clockTicksPerSecond =
  Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** CPU time a process has used so far (user + system, all its threads), in microseconds. */
function cpuMicroseconds(pid: number): number {
  // /proc/PID/stat: utime and stime are fields 14 and 15, the 12th and 13th after "(comm) ".
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return ((Number(fields[11]) + Number(fields[12])) * 1e6) / clockTicksPerSecond;
}

export interface MeasuredLoad extends LoadResult {
  /** The server's CPU time per response in the run: steadier than req/s on a shared machine. */
  cpuMicrosecondsPerRequest: number;
}

/** Runs a load against the server process `pid`, reading its CPU time around the run. */
export async function measureLoad(
  pid: number | undefined,
  run: () => Promise<LoadResult>,
): Promise<MeasuredLoad> {
  if (pid === undefined) throw new Error('the server process has no pid');
  const before = cpuMicroseconds(pid);
  const result = await run();
  const used = cpuMicroseconds(pid) - before;
  return { ...result, cpuMicrosecondsPerRequest: used / Math.max(1, result.requests) };
}

/**
 * Runs `a` and `b` alternately `rounds` times; the median run of each, the median of the
 * rounds' b/a throughput ratios (this machine's noise moves both, a round at a time), and the
 * median of their a/b CPU-per-response ratios (runs from `measureLoad`).
 */
export async function alternately<T extends LoadResult & { cpuMicrosecondsPerRequest?: number }>(
  a: () => Promise<T>,
  b: () => Promise<T>,
  rounds: number,
): Promise<{ a: T; b: T; ratio: number; cpuRatio: number }> {
  const as: T[] = [];
  const bs: T[] = [];
  const ratios: number[] = [];
  const cpuRatios: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    const first = await a();
    const second = await b();
    as.push(first);
    bs.push(second);
    ratios.push(second.requestsPerSecond / first.requestsPerSecond);
    // NaN when the runs were not measured (measureLoad).
    cpuRatios.push(
      (first.cpuMicrosecondsPerRequest ?? Number.NaN) /
        (second.cpuMicrosecondsPerRequest ?? Number.NaN),
    );
  }
  const median = <T>(list: T[], by: (item: T) => number) =>
    [...list].sort((x, y) => by(x) - by(y))[Math.floor(list.length / 2)] as T;
  return {
    a: median(as, (r) => r.requestsPerSecond),
    b: median(bs, (r) => r.requestsPerSecond),
    ratio: median(ratios, (r) => r),
    cpuRatio: median(cpuRatios, (r) => r),
  };
}

/** Sample paths spread over the whole table: every `step`-th article's page. */
async function articlePaths(dataDir: string, step: number): Promise<string[]> {
  const database = openDatabase(`sqlite:${join(dataDir, 'masthead.db')}`);
  try {
    const rows = await database.db
      .selectFrom('articles')
      .select('slug')
      .where(sql<boolean>`id % ${sql.lit(step)} = 0`)
      .execute();
    return rows.map((r) => `/${r.slug}/`);
  } finally {
    await database.destroy();
  }
}

/**
 * The archive at scale: `articles` published articles (2,000 written by the content service,
 * the rest copied from them with SQL), an uncached server, one request at a time (sequential
 * latency, what a reader after a purge waits), article pages from all over the archive.
 */
async function benchLargeArchive(options: {
  articles: number;
  seconds: number;
}): Promise<string[]> {
  const workDir = mkdtempSync(join(tmpdir(), 'masthead-bench-large-'));
  try {
    const started = performance.now();
    const database = openDatabase(`sqlite:${join(workDir, 'masthead.db')}`);
    await migrateToLatest(database.db);
    await generateArticles(database, Math.min(2_000, options.articles));
    await cloneArticles(database, options.articles);
    await database.destroy();
    const generateSeconds = (performance.now() - started) / 1000;
    const paths = await articlePaths(workDir, Math.max(1, Math.floor(options.articles / 2_000)));
    const server = await startMasthead(workDir, { PAGE_CACHE_MB: '0' }, paths[0] ?? '/');
    const load = (list: string[]) =>
      runLoad(server.baseUrl, list, { seconds: options.seconds, connections: 1, workDir });
    await load(paths.slice(0, 100));
    const article = await load(paths);
    const home = await load(['/']);
    const memory = memoryOf(server.child.pid ?? 0);
    await stop(server.child);
    const row = (name: string, r: LoadResult) =>
      `| ${name} | ${Math.round(r.requestsPerSecond).toLocaleString('en-US')} | ${r.p50Ms.toFixed(2)} | ${r.p99Ms.toFixed(2)} | ${r.non2xx} |`;
    return [
      `At ${options.articles.toLocaleString('en-US')} articles (generated in ${generateSeconds.toFixed(0)} s), uncached, one request at a time:`,
      '',
      '| scenario | req/s | p50 ms | p99 ms | errors |',
      '|---|---:|---:|---:|---:|',
      row(
        `article (uncached, ${paths.length.toLocaleString('en-US')} pages across the archive)`,
        article,
      ),
      row('home (uncached)', home),
      '',
      `cold start to first 200 (article): ${Math.round(server.coldStartMs)} ms; RSS after load ${memory.rssMb.toFixed(0)} MB (peak ${memory.peakMb.toFixed(0)} MB)`,
    ];
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

/** The foundation benchmark: 10,000 articles on SQLite, Masthead against a bare Node server. */
export async function benchSite(options: {
  articles: number;
  seconds: number;
  connections: number;
  /** Articles in the archive-at-scale part (uncached p99); 0 leaves it out. */
  largeArticles: number;
}): Promise<string> {
  const workDir = mkdtempSync(join(tmpdir(), 'masthead-bench-'));
  try {
    const generateStarted = performance.now();
    const database = openDatabase(`sqlite:${join(workDir, 'masthead.db')}`);
    await migrateToLatest(database.db);
    await generateArticles(database, options.articles);
    const slugs = (await database.db.selectFrom('articles').select('slug').execute()).map(
      (r) => `/${r.slug}/`,
    );
    const tagPaths = (await database.db.selectFrom('tags').select('slug').execute()).map(
      (r) => `/tag/${r.slug}/`,
    );
    await database.destroy();
    const generateSeconds = (performance.now() - generateStarted) / 1000;
    const articlePath = slugs[Math.floor(slugs.length / 2)] ?? '/';

    const cached = await startMasthead(workDir, {}, articlePath);
    await fetch(`${cached.baseUrl}${articlePath}`);
    const identityPage = await rawPage(`${cached.baseUrl}${articlePath}`, 'identity');
    const brotliPage = await rawPage(`${cached.baseUrl}${articlePath}`, 'br');
    const articleBytes = identityPage.body;
    const bare = await startBare(workDir, 'identity', identityPage);
    const bareBrotli = await startBare(workDir, 'br', brotliPage);
    const barePort = new URL(bare.baseUrl).port;
    const br = { 'accept-encoding': 'br' };

    const load = (baseUrl: string, paths: string[], headers?: Record<string, string>) =>
      runLoad(baseUrl, paths, {
        seconds: options.seconds,
        connections: options.connections,
        workDir,
        ...(headers ? { headers } : {}),
      });
    const rows: Array<[string, LoadResult]> = [];
    // Warm both, then measure them alternately so the ratio compares like with like.
    await load(`http://127.0.0.1:${barePort}`, ['/']);
    await load(cached.baseUrl, [articlePath]);
    const identity = await alternately(
      () => measureLoad(bare.child.pid, () => load(`http://127.0.0.1:${barePort}`, ['/'])),
      () => measureLoad(cached.child.pid, () => load(cached.baseUrl, [articlePath])),
      3,
    );
    rows.push(['bare Node http (same bytes)', identity.a]);
    rows.push(['article (cached)', identity.b]);
    await load(bareBrotli.baseUrl, ['/'], br);
    const brotli = await alternately(
      () => measureLoad(bareBrotli.child.pid, () => load(bareBrotli.baseUrl, ['/'], br)),
      () => measureLoad(cached.child.pid, () => load(cached.baseUrl, [articlePath], br)),
      3,
    );
    const bareBrotliRow = brotli.a;
    const cachedBrotliRow = brotli.b;
    const loadedMemory = memoryOf(cached.child.pid ?? 0);
    // Then fill its page cache (default size) with distinct pages, as a busy site does.
    await fillCache(cached.baseUrl, slugs.slice(0, 6_000));
    const cachedMemory = memoryOf(cached.child.pid ?? 0);
    // The same hit with the cache full, as on a busy site: what a hit costs at the cache's size.
    await fetch(`${cached.baseUrl}${articlePath}`).then((response) => response.arrayBuffer());
    const full = await alternately(
      () => measureLoad(bare.child.pid, () => load(`http://127.0.0.1:${barePort}`, ['/'])),
      () => measureLoad(cached.child.pid, () => load(cached.baseUrl, [articlePath])),
      3,
    );
    await stop(cached.child);
    // The same cached page from two web processes (`serve --processes 2`).
    const twoProcesses = await startMasthead(workDir, {}, articlePath, 2);
    await load(twoProcesses.baseUrl, [articlePath]);
    const twoProcessesRow = await load(twoProcesses.baseUrl, [articlePath]);
    await stop(twoProcesses.child);
    await stop(bare.child);
    await stop(bareBrotli.child);

    const uncached = await startMasthead(workDir, { PAGE_CACHE_MB: '0' }, articlePath);
    const sample = slugs.filter((_, i) => i % 5 === 0);
    await load(uncached.baseUrl, sample.slice(0, 200));
    rows.push(['article (uncached render)', await load(uncached.baseUrl, sample)]);
    rows.push(['home (uncached)', await load(uncached.baseUrl, ['/'])]);
    rows.push(['tag page (uncached)', await load(uncached.baseUrl, tagPaths)]);
    const searchPaths = ['power', 'heating', 'kyiv volunteers', 'generators', 'ministry'].map(
      (q) => `/search?q=${encodeURIComponent(q)}`,
    );
    rows.push(['search (uncached)', await load(uncached.baseUrl, searchPaths)]);
    const uncachedMemory = memoryOf(uncached.child.pid ?? 0);
    await stop(uncached.child);

    const bareRps = rows[0]?.[1].requestsPerSecond ?? 1;
    const cpu = (r: MeasuredLoad) => `${r.cpuMicrosecondsPerRequest.toFixed(1)} µs`;
    const lines = [
      `Site benchmark — ${options.articles.toLocaleString('en-US')} articles on SQLite, ${options.seconds}s per run, ${options.connections} connections, load by ${rows[0]?.[1].tool}`,
      `(generated in ${generateSeconds.toFixed(1)} s; article page ${articleBytes.length.toLocaleString('en-US')} bytes)`,
      '',
      '| scenario | req/s | vs bare | p50 ms | p99 ms | errors |',
      '|---|---:|---:|---:|---:|---:|',
      ...rows.map(
        ([name, r]) =>
          `| ${name} | ${Math.round(r.requestsPerSecond).toLocaleString('en-US')} | ${(
            (name === 'article (cached)' ? identity.ratio : r.requestsPerSecond / bareRps) * 100
          ).toFixed(0)} % | ${r.p50Ms.toFixed(2)} | ${r.p99Ms.toFixed(2)} | ${r.non2xx} |`,
      ),
      '',
      'Cached rows: the median of 3 runs alternating with the bare server; "vs bare" is the median of the 3 rounds\' ratios.',
      '',
      '| cached article, other shapes | req/s | vs its baseline | p50 ms | p99 ms | errors |',
      '|---|---:|---:|---:|---:|---:|',
      `| bare Node http, brotli bytes | ${Math.round(bareBrotliRow.requestsPerSecond).toLocaleString('en-US')} | 100 % | ${bareBrotliRow.p50Ms.toFixed(2)} | ${bareBrotliRow.p99Ms.toFixed(2)} | ${bareBrotliRow.non2xx} |`,
      `| article (cached, br) | ${Math.round(cachedBrotliRow.requestsPerSecond).toLocaleString('en-US')} | ${(brotli.ratio * 100).toFixed(0)} % of bare br | ${cachedBrotliRow.p50Ms.toFixed(2)} | ${cachedBrotliRow.p99Ms.toFixed(2)} | ${cachedBrotliRow.non2xx} |`,
      `| article (cached), page cache full (${cachedMemory.rssMb.toFixed(0)} MB RSS) | ${Math.round(full.b.requestsPerSecond).toLocaleString('en-US')} | ${(full.ratio * 100).toFixed(0)} % of bare | ${full.b.p50Ms.toFixed(2)} | ${full.b.p99Ms.toFixed(2)} | ${full.b.non2xx} |`,
      `| article (cached), --processes 2 | ${Math.round(twoProcessesRow.requestsPerSecond).toLocaleString('en-US')} | ${(twoProcessesRow.requestsPerSecond / (rows[1]?.[1].requestsPerSecond ?? 1)).toFixed(2)}× one process | ${twoProcessesRow.p50Ms.toFixed(2)} | ${twoProcessesRow.p99Ms.toFixed(2)} | ${twoProcessesRow.non2xx} |`,
      '',
      `server CPU per response (user + system, all threads, from /proc; less moved than req/s by other work on the machine): identity — bare ${cpu(identity.a)}, cached article ${cpu(identity.b)}, bare/cached ${(identity.cpuRatio * 100).toFixed(0)} %; br — bare ${cpu(brotli.a)}, cached article ${cpu(brotli.b)}, bare/cached ${(brotli.cpuRatio * 100).toFixed(0)} %; cache full — bare ${cpu(full.a)}, cached article ${cpu(full.b)}, bare/cached ${(full.cpuRatio * 100).toFixed(0)} % (medians of the 3 rounds)`,
      '',
      `cold start to first 200 (article): ${Math.round(cached.coldStartMs)} ms (cached server), ${Math.round(uncached.coldStartMs)} ms (second server)`,
      `memory: cached server RSS ${loadedMemory.rssMb.toFixed(0)} MB after the cached runs, ${cachedMemory.rssMb.toFixed(0)} MB with its page cache full at the default size (peak ${cachedMemory.peakMb.toFixed(0)} MB); uncached server RSS ${uncachedMemory.rssMb.toFixed(0)} MB (peak ${uncachedMemory.peakMb.toFixed(0)} MB)`,
      ...(options.largeArticles > 0
        ? [
            '',
            ...(await benchLargeArchive({
              articles: options.largeArticles,
              seconds: options.seconds,
            })),
          ]
        : []),
    ];
    return lines.join('\n');
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}
