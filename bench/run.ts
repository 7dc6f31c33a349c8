import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchAccess } from './access.bench.js';
import { benchAdminEditor } from './admin-editor.bench.js';
import { benchBackup } from './backup.bench.js';
import { benchBriefing } from './briefing.bench.js';
import { benchComments } from './comments.bench.js';
import { benchImport } from './import.bench.js';
import { benchAnalytics } from './analytics.bench.js';
import { benchLive } from './live.bench.js';
import { benchNarration } from './narration.bench.js';
import { benchNarrationVoices } from './narration-voices.bench.js';
import { benchNewsletter } from './newsletter.bench.js';
import { benchNewsletterFaults } from './newsletter-faults.bench.js';
import { benchPush } from './push.bench.js';
import { benchSearch } from './search.bench.js';
import { benchSitemaps } from './sitemap.bench.js';
import { benchSite } from './site.bench.js';
import { benchStorage } from './storage.bench.js';

// `npm run bench [name …]`: builds the server, runs each benchmark (or the named ones), prints
// each report and keeps it in bench/results/<name>.md; bench/results/latest.md gathers the
// newest report of every benchmark. BENCH_SECONDS / BENCH_ARTICLES / BENCH_SITE_LARGE /
// BENCH_LIVE_READERS shorten a run; BENCH_RESULTS_DIR writes the reports elsewhere (CI's smoke run).

const root = new URL('../', import.meta.url).pathname;
execFileSync(process.execPath, [join(root, 'scripts/ensure-built.mjs')], { stdio: 'inherit' });

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const articles = Number(process.env.BENCH_ARTICLES ?? 10_000);

/** Every benchmark by name; each returns its report as Markdown. */
const benchmarks: Record<string, () => Promise<string>> = {
  site: () =>
    benchSite({
      articles,
      seconds,
      connections: 50,
      largeArticles: Number(process.env.BENCH_SITE_LARGE ?? 1_000_000),
    }),
  sitemap: () =>
    benchSitemaps({ articles: Number(process.env.BENCH_SITEMAP_ARTICLES ?? 1_000_000) }),
  search: () => benchSearch({ articles: Number(process.env.BENCH_SEARCH_ARTICLES ?? 100_000) }),
  'admin-editor': () => benchAdminEditor({ keystrokes: 200 }),
  access: () => benchAccess({ seconds, connections: 50 }),
  comments: () =>
    benchComments({
      postgresUrl:
        process.env.BENCH_POSTGRES_URL ??
        process.env.MASTHEAD_TEST_POSTGRES_URL ??
        'postgres://postgres@127.0.0.1:5432/postgres',
    }),
  import: () => benchImport({ posts: Number(process.env.BENCH_IMPORT_POSTS ?? 1000) }),
  narration: async () => [await benchNarration(), await benchNarrationVoices()].join('\n\n'),
  briefing: () => benchBriefing(),
  backup: () =>
    benchBackup({
      articles: Number(process.env.BENCH_BACKUP_ARTICLES ?? 10_000),
      images: Number(process.env.BENCH_BACKUP_IMAGES ?? 5000),
      seconds,
    }),
  storage: () =>
    benchStorage({ files: Number(process.env.BENCH_STORAGE_FILES ?? 5000), bytes: 20 * 1024 }),
  analytics: () => benchAnalytics({ seconds, postgresUrl: process.env.BENCH_POSTGRES_URL }),
  live: () =>
    benchLive({
      readers: Number(process.env.BENCH_LIVE_READERS ?? 10_000),
      posts: Number(process.env.BENCH_LIVE_POSTS ?? 10),
      intervalMs: 2_000,
      seconds,
      connections: 50,
    }),
  push: async () =>
    [
      // The default PUSH_RATE_PER_SECOND, then a low one to show the pacing holds.
      await benchPush({
        subscriptions: Number(process.env.BENCH_PUSH_SUBSCRIPTIONS ?? 20_000),
        ratePerSecond: 5000,
      }),
      await benchPush({ subscriptions: 3000, ratePerSecond: 1000 }),
    ].join('\n\n'),
  newsletter: async () =>
    [
      await benchNewsletter({
        subscribers: Number(process.env.BENCH_NEWSLETTER_SUBSCRIBERS ?? 100_000),
        connections: 10,
        lanes: 2,
      }),
      await benchNewsletter({ subscribers: 20_000, connections: 10, lanes: 2 }),
      await benchNewsletterFaults({ trials: 20, subscribers: 300 }),
    ].join('\n\n'),
};

const only = process.argv.slice(2);
const unknown = only.filter((name) => !(name in benchmarks));
if (unknown.length > 0) {
  console.error(
    `Unknown benchmark(s): ${unknown.join(', ')}. Known: ${Object.keys(benchmarks).join(', ')}`,
  );
  process.exit(2);
}
const resultsDir = process.env.BENCH_RESULTS_DIR ?? join(root, 'bench/results');
mkdirSync(resultsDir, { recursive: true });
for (const [name, run] of Object.entries(benchmarks)) {
  if (only.length > 0 && !only.includes(name)) continue;
  const report = await run();
  console.log(`${report}\n`);
  writeFileSync(
    join(resultsDir, `${name}.md`),
    `Run at ${new Date().toISOString()}\n\n${report}\n`,
  );
}
const all = readdirSync(resultsDir)
  .filter((file) => file.endsWith('.md') && file !== 'latest.md')
  .sort()
  .map((file) => readFileSync(join(resultsDir, file), 'utf8').trim());
if (existsSync(resultsDir)) writeFileSync(join(resultsDir, 'latest.md'), `${all.join('\n\n')}\n`);
