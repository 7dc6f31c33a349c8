import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiToken } from '../src/admin/api-token.service.js';
import { openDatabase } from '../src/platform/db/database.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';
import { type LoadResult, runLoad } from './load.js';
import { alternately, memoryOf, rawPage, startBare, startMasthead, stop } from './site.bench.js';

// Issue 15's targets: one node on SQLite holds `readers` Server-Sent Events streams of one live
// coverage (opened by bench/live-readers.mjs in its own process), an editor posts `posts`
// updates through the admin API ~2 s apart, and every reader's receipt of each update is timed
// from the moment the POST was sent; then, with the readers still connected, wrk loads the
// cached live page next to a bare Node server sending the same bytes.

const root = new URL('../', import.meta.url).pathname;
const wallNow = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface ReadersReport {
  times: Record<string, number[]>;
  gotAll: number;
  open: number;
  closed: number;
}

/** The readers' process, and a way to wait for its next message of a type. */
function startReaders(url: string, count: number) {
  // Several source addresses, so 10,000+ streams and wrk never run out of ephemeral ports.
  const addresses = ['127.0.0.1', '127.0.0.2', '127.0.0.3', '127.0.0.4'].join(',');
  const child: ChildProcess = spawn(
    process.execPath,
    [join(root, 'bench/live-readers.mjs'), url, String(count), addresses],
    { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
  );
  const next = <T>(type: string, timeoutMs: number) =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`the readers sent no ${type} in ${timeoutMs / 1000} s`)),
        timeoutMs,
      );
      const onMessage = (message: { type: string }) => {
        if (message.type !== type) return;
        clearTimeout(timer);
        child.off('message', onMessage);
        resolve(message as T);
      };
      child.on('message', onMessage);
      child.once('exit', () => reject(new Error('the readers process exited')));
    });
  return { child, next };
}

/** CPU time a process has used (user + system), in ms (Linux, 100 ticks a second). */
function cpuMsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? 0;
}

const ms = (value: number) => (Number.isNaN(value) ? '–' : value.toFixed(0));

/** `npm run bench live`: the live coverage targets of issue 15. */
export async function benchLive(options: {
  readers: number;
  posts: number;
  intervalMs: number;
  seconds: number;
  connections: number;
}): Promise<string> {
  const workDir = mkdtempSync(join(tmpdir(), 'masthead-bench-live-'));
  const children: ChildProcess[] = [];
  try {
    const database = openDatabase(`sqlite:${join(workDir, 'masthead.db')}`);
    await migrateToLatest(database.db);
    const { token } = await createApiToken(database.db, { name: 'bench', role: 'editor' });
    await database.destroy();
    // BENCH_LIVE_CPU_PROF=DIR: the server writes a V8 CPU profile there when it stops.
    const profileDir = process.env.BENCH_LIVE_CPU_PROF;
    const server = await startMasthead(
      workDir,
      {},
      '/healthz',
      1,
      profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
    );
    children.push(server.child);
    const api = async (method: string, path: string, body: unknown) => {
      const response = await fetch(`${server.baseUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
      return JSON.parse(text) as Record<string, unknown>;
    };

    const { article } = (await api('POST', '/api/admin/articles', {
      title: 'Ukraine war latest: air raid over Kyiv',
      excerpt: 'Live updates through the night.',
      authors: ['News desk'],
      tags: ['War'],
      status: 'published',
      html: '<p>Follow our live coverage of the night.</p>',
    })) as { article: { id: number; slug: string } };
    await api('PUT', `/api/admin/articles/${article.id}/live`, { state: 'live' });
    const postUpdate = async (n: number) => {
      const body = {
        status: 'published',
        html: `<p>Update ${n}: air defence is active over the capital; residents are asked to stay in shelters until the all-clear.</p>`,
        key_event: n % 5 === 0,
      };
      const sent = wallNow();
      const { update } = (await api(
        'POST',
        `/api/admin/articles/${article.id}/live/updates`,
        body,
      )) as { update: { id: number } };
      return { id: update.id, sent, answeredMs: wallNow() - sent };
    };
    // A coverage a few hours in: a full first page of earlier updates.
    for (let n = 1; n <= 20; n += 1) await postUpdate(n);

    const pagePath = `/${article.slug}/`;
    await fetch(`${server.baseUrl}${pagePath}`);
    const cachedCheck = await fetch(`${server.baseUrl}${pagePath}`);
    const cacheHeader = cachedCheck.headers.get('x-cache') ?? 'none';
    const page = await rawPage(`${server.baseUrl}${pagePath}`, 'identity');
    const bare = await startBare(workDir, 'live', page);
    children.push(bare.child);

    const connectStarted = performance.now();
    const readers = startReaders(`${server.baseUrl}/${article.slug}/live/stream`, options.readers);
    children.push(readers.child);
    const ready = await readers.next<{ ready: number; failed: number }>('ready', 300_000);
    const connectSeconds = (performance.now() - connectStarted) / 1000;
    const connectedMemory = memoryOf(server.child.pid ?? 0);
    if (ready.failed > 0)
      console.error(`# ${ready.failed} of ${options.readers} streams were refused or failed`);
    await sleep(1000);

    // Other work on this machine slows delivery: the load average and the CPU time the server
    // and the readers got say how much.
    const loadBefore = loadavg()[0] ?? 0;
    const cpuBefore = [server.child, readers.child].map((c) => cpuMsOf(c.pid ?? 0));
    const postingStarted = performance.now();
    const posted: Array<{ id: number; sent: number; answeredMs: number }> = [];
    for (let n = 0; n < options.posts; n += 1) {
      const started = performance.now();
      posted.push(await postUpdate(100 + n));
      if (n < options.posts - 1)
        await sleep(Math.max(0, options.intervalMs - (performance.now() - started)));
    }
    await sleep(3000);
    const postingMs = performance.now() - postingStarted;
    const [serverCpuMs, readersCpuMs] = [server.child, readers.child].map(
      (c, i) => cpuMsOf(c.pid ?? 0) - (cpuBefore[i] ?? 0),
    );
    const loadAfter = loadavg()[0] ?? 0;
    const ids = posted.map((p) => p.id);
    readers.child.send({ type: 'collect', ids });
    const report = await readers.next<ReadersReport>('report', 60_000);

    // The cached page under load while the streams stay open, alternating with the bare server.
    const load = (baseUrl: string) =>
      runLoad(baseUrl, [baseUrl === bare.baseUrl ? '/' : pagePath], {
        seconds: options.seconds,
        connections: options.connections,
        workDir,
      });
    await load(bare.baseUrl);
    await load(server.baseUrl);
    const pages = await alternately(
      () => load(bare.baseUrl),
      () => load(server.baseUrl),
      3,
    );
    readers.child.send({ type: 'collect', ids });
    const afterLoad = await readers.next<ReadersReport>('report', 60_000);
    const loadedMemory = memoryOf(server.child.pid ?? 0);
    readers.child.send({ type: 'stop' });

    const rows = posted.map((p) => {
      const delays = (report.times[String(p.id)] ?? [])
        .map((at) => at - p.sent)
        .sort((a, b) => a - b);
      return { ...p, delays };
    });
    const all = rows.flatMap((r) => r.delays).sort((a, b) => a - b);
    const answers = posted.map((p) => p.answeredMs).sort((a, b) => a - b);
    const row = (name: string, r: LoadResult, ratio: string) =>
      `| ${name} | ${Math.round(r.requestsPerSecond).toLocaleString('en-US')} | ${ratio} | ${r.p50Ms.toFixed(2)} | ${r.p99Ms.toFixed(2)} | ${r.non2xx} |`;
    const count = (n: number) => n.toLocaleString('en-US');
    return [
      `Live benchmark — one node on SQLite, ${count(options.readers)} SSE readers of one coverage (bench/live-readers.mjs, another process), ${options.posts} updates posted ${options.intervalMs / 1000} s apart through the admin API`,
      `(${count(ready.ready)} streams ready in ${connectSeconds.toFixed(1)} s, ${ready.failed} refused; server RSS ${connectedMemory.rssMb.toFixed(0)} MB with them open, ${loadedMemory.rssMb.toFixed(0)} MB after the page load; live page ${count(page.body.length)} bytes, X-Cache ${cacheHeader})`,
      '',
      '| delivery, POST sent → reader got the `update` frame | p50 ms | p99 ms | max ms | readers with every update | target |',
      '|---|---:|---:|---:|---:|---|',
      `| all ${options.posts} updates × ${count(options.readers)} readers | ${ms(percentile(all, 0.5))} | ${ms(percentile(all, 0.99))} | ${ms(all.at(-1) ?? Number.NaN)} | ${count(report.gotAll)} of ${count(options.readers)} | p99 < 1,000 ms, all readers |`,
      '',
      '| update | POST answered ms | readers reached | first ms | p50 ms | p99 ms | max ms |',
      '|---|---:|---:|---:|---:|---:|---:|',
      ...rows.map(
        (r, i) =>
          `| ${i + 1} (#${r.id}) | ${r.answeredMs.toFixed(1)} | ${count(r.delays.length)} | ${ms(r.delays[0] ?? Number.NaN)} | ${ms(percentile(r.delays, 0.5))} | ${ms(percentile(r.delays, 0.99))} | ${ms(r.delays.at(-1) ?? Number.NaN)} |`,
      ),
      '',
      `While posting and the 3 s after (${(postingMs / 1000).toFixed(0)} s): machine load average ${loadBefore.toFixed(1)} → ${loadAfter.toFixed(1)} on ${availableParallelism()} cores; CPU used by the server ${serverCpuMs?.toFixed(0)} ms, by the readers' process ${readersCpuMs?.toFixed(0)} ms`,
      '',
      `POST /live/updates answered: p50 ${percentile(answers, 0.5).toFixed(1)} ms, p99 ${percentile(answers, 0.99).toFixed(1)} ms over ${answers.length} posts (target p99 < 50 ms; with ${answers.length} posts p99 is the slowest)`,
      '',
      `Cached live page while the ${count(options.readers)} streams stay open: ${options.seconds} s runs, ${options.connections} connections, ${pages.a.tool}; median of 3 runs alternating with the bare server, "vs bare" the median of the rounds' ratios (target ≥ 10,000 req/s)`,
      '',
      '| scenario | req/s | vs bare | p50 ms | p99 ms | errors |',
      '|---|---:|---:|---:|---:|---:|',
      row('bare Node http (same bytes)', pages.a, '100 %'),
      row('live page (cached)', pages.b, `${(pages.ratio * 100).toFixed(0)} %`),
      '',
      `streams still open after the page load: ${count(afterLoad.open)} of ${count(options.readers)} (${afterLoad.closed} closed by the server)`,
    ].join('\n');
  } finally {
    for (const child of children.reverse()) await stop(child);
    rmSync(workDir, { recursive: true, force: true });
  }
}
