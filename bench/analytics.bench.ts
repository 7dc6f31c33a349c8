import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiToken } from '../src/admin/api-token.service.js';
import { openDatabase } from '../src/platform/db/database.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';
import { benchAnalyticsDashboard } from './analytics-dashboard.bench.js';
import { runLoad } from './load.js';
import { startMasthead, stop } from './site.bench.js';

// `npm run bench analytics`: ingest through the real endpoint (wrk posting beacons of ten
// events, each request from another "browser", so every request is a new visitor hash), alone
// and while the cached article is read, against the cached article alone, in one run. Every
// acknowledged event is counted in the database afterwards.

const chrome =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

function postScript(dir: string, path: string, articleId: number): string {
  const file = join(dir, 'beacons.lua');
  const body = JSON.stringify({
    p: path,
    a: articleId,
    r: 'https://www.google.com/',
    q: '',
    w: 1280,
    e: [
      { t: 'view' },
      { t: 'scroll', d: 25 },
      { t: 'scroll', d: 50 },
      { t: 'scroll', d: 75 },
      { t: 'scroll', d: 100 },
      { t: 'engage', s: 42 },
      { t: 'click', k: 'in', h: '/' },
      { t: 'prompt-view', n: 'inline' },
      { t: 'form-view', n: 'newsletter' },
      { t: 'play' },
    ],
  });
  writeFileSync(
    file,
    `local i = 0
local body = ${JSON.stringify(body)}
request = function()
  i = i + 1
  return wrk.format("POST", "/api/event", {["content-type"] = "text/plain;charset=UTF-8", ["user-agent"] = "${chrome} r/" .. i}, body)
end
done = function(summary, latency, requests)
  io.write(string.format("JSON{\\"rps\\":%f,\\"p99\\":%f,\\"requests\\":%d,\\"errors\\":%d}\\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(99) / 1000, summary.requests,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
`,
  );
  return file;
}

interface PostResult {
  rps: number;
  p99: number;
  requests: number;
  errors: number;
}

function runPosts(baseUrl: string, script: string, seconds: number, connections: number) {
  return new Promise<PostResult>((resolve, reject) => {
    const child: ChildProcess = spawn('wrk', [
      '-t1',
      `-c${connections}`,
      `-d${seconds}s`,
      '-s',
      script,
      baseUrl,
    ]);
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('error', reject);
    child.once('exit', () => {
      const line = /JSON(\{.*\})/.exec(out)?.[1];
      if (!line) reject(new Error(`wrk printed no result: ${out}`));
      else resolve(JSON.parse(line) as PostResult);
    });
  });
}

async function countEvents(databaseUrl: string): Promise<number> {
  const database = openDatabase(databaseUrl);
  try {
    const row = await database.db
      .selectFrom('analytics_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  } finally {
    await database.destroy();
  }
}

async function benchOne(label: string, databaseUrl: string | undefined, seconds: number) {
  const workDir = mkdtempSync(join(tmpdir(), 'masthead-bench-analytics-'));
  const url = databaseUrl ?? `sqlite:${join(workDir, 'masthead.db')}`;
  let server: Awaited<ReturnType<typeof startMasthead>> | undefined;
  try {
    const database = openDatabase(url);
    await migrateToLatest(database.db);
    const { token } = await createApiToken(database.db, { name: 'bench', role: 'editor' });
    await database.destroy();
    server = await startMasthead(
      workDir,
      databaseUrl ? { DATABASE_URL: databaseUrl } : {},
      '/healthz',
    );
    const created = await fetch(`${server.baseUrl}/api/admin/articles`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        title: 'Counting readers',
        authors: ['News desk'],
        tags: ['City'],
        status: 'published',
        html: '<p>A story to read.</p><p>Its second paragraph.</p>',
      }),
    });
    const { article } = (await created.json()) as { article: { id: number; slug: string } };
    const path = `/${article.slug}/`;
    await fetch(`${server.baseUrl}${path}`);
    const script = postScript(workDir, path, article.id);
    const before = await countEvents(url);
    const alone = await runLoad(server.baseUrl, [path], { seconds, connections: 32, workDir });
    const ingest = await runPosts(server.baseUrl, script, seconds, 32);
    const [together, ingestTogether] = await Promise.all([
      runLoad(server.baseUrl, [path], { seconds, connections: 32, workDir }),
      runPosts(server.baseUrl, script, seconds, 16),
    ]);
    const stored = (await countEvents(url)) - before;
    const acknowledged =
      (ingest.requests + ingestTogether.requests - ingest.errors - ingestTogether.errors) * 10;
    return [
      `| ${label} | ingest alone | ${(ingest.rps * 10).toFixed(0)} events/s (${ingest.rps.toFixed(0)} beacons/s, p99 ${ingest.p99.toFixed(1)} ms, ${ingest.errors} errors) |`,
      `| ${label} | cached article alone | ${alone.requestsPerSecond.toFixed(0)} req/s (p99 ${alone.p99Ms.toFixed(1)} ms) |`,
      `| ${label} | cached article during ingest | ${together.requestsPerSecond.toFixed(0)} req/s = **${((together.requestsPerSecond / alone.requestsPerSecond) * 100).toFixed(0)} %** of alone, while ingesting ${(ingestTogether.rps * 10).toFixed(0)} events/s |`,
      `| ${label} | stored vs acknowledged | ${stored} stored, ${acknowledged} acknowledged (every 204 × 10 events)${stored >= acknowledged ? '' : ' — MISSING'} |`,
    ].join('\n');
  } finally {
    if (server) await stop(server.child);
    rmSync(workDir, { recursive: true, force: true });
  }
}

export async function benchAnalytics(options: {
  seconds: number;
  postgresUrl?: string;
}): Promise<string> {
  const rows = [await benchOne('SQLite', undefined, options.seconds)];
  if (options.postgresUrl)
    rows.push(await benchOne('PostgreSQL', options.postgresUrl, options.seconds));
  const events = Number(process.env.BENCH_ANALYTICS_EVENTS ?? 10_000_000);
  const dashboard =
    events > 0
      ? await benchAnalyticsDashboard({ events, postgresUrl: options.postgresUrl })
      : undefined;
  return [
    '# Analytics ingest',
    '',
    `One web process, wrk, ${options.seconds} s per figure; beacons of 10 events, each from a new visitor.`,
    '',
    '| database | measure | figure |',
    '|---|---|---|',
    ...rows,
    ...(dashboard ? ['', dashboard] : []),
  ].join('\n');
}
