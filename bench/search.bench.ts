import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { openDatabase } from '../src/platform/db/database.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';
import {
  indexAllArticles,
  searchArticles,
  type SearchInput,
} from '../src/search/search.service.js';

// Search at newsroom-archive scale on SQLite: N articles written straight into the tables in one
// transaction (the content service would take far longer and is not what is measured), the
// index built with indexAllArticles (what `masthead search reindex` runs), then ~500 varied
// queries through searchArticles (ranking, filters, result rows and snippets, as /search does).

const common =
  'the of and to in a is that for on said with as was by at from it government city power people war new officials region year would kyiv ukraine minister police court report energy water school village front grid council week local russian attack support'.split(
    ' ',
  );
const ukrainian =
  'київ україна місто влада енергетика зима війна школа суд новини вода село уряд люди фронт мережа рада тиждень допомога світло'.split(
    ' ',
  );
const syllables =
  'ba be bi bo bu da de di do du ka ke ki ko ku la le li lo lu ma me mi mo mu na ne ni no nu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo vu za ze zi zo zu'.split(
    ' ',
  );

/** A deterministic pseudo-random generator (mulberry32), so runs are comparable. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A vocabulary of real news words followed by invented ones, sampled with Zipf's law. */
function vocabulary(size: number, rand: () => number) {
  const words = [...common];
  const seen = new Set(words);
  while (words.length < size) {
    const length = 2 + Math.floor(rand() * 3);
    let word = '';
    for (let i = 0; i < length; i += 1) word += syllables[Math.floor(rand() * syllables.length)];
    if (!seen.has(word)) {
      seen.add(word);
      words.push(word);
    }
  }
  // A lookup table turns one uniform number into a Zipf-distributed word in O(1).
  const table = new Uint32Array(1 << 20);
  const weights = words.map((_, rank) => 1 / (rank + 1));
  const sum = weights.reduce((a, b) => a + b, 0);
  let slot = 0;
  let acc = 0;
  weights.forEach((weight, rank) => {
    acc += weight / sum;
    const end = Math.min(table.length, Math.round(acc * table.length));
    for (; slot < end; slot += 1) table[slot] = rank;
  });
  for (; slot < table.length; slot += 1) table[slot] = words.length - 1;
  return { words, pick: () => words[table[Math.floor(rand() * table.length)] ?? 0] ?? 'the' };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

/** Writes `count` published articles (5 % Ukrainian) with authors and tags directly with SQL. */
function generate(path: string, count: number, rand: () => number) {
  const vocab = vocabulary(30_000, rand);
  const sqlite = new SqliteDatabase(path);
  const now = Date.now();
  const stamp = new Date(now).toISOString();
  const sentence = (n: number, words: () => string) => Array.from({ length: n }, words).join(' ');
  sqlite.transaction(() => {
    const insertAuthor = sqlite.prepare(
      `insert into authors (kind, name, slug, bio, created_at, updated_at) values ('person', ?, ?, '', ?, ?)`,
    );
    const insertTag = sqlite.prepare(
      `insert into tags (name, slug, description, created_at, updated_at) values (?, ?, '', ?, ?)`,
    );
    for (let i = 1; i <= 60; i += 1)
      insertAuthor.run(`Reporter ${i}`, `reporter-${i}`, stamp, stamp);
    for (let i = 1; i <= 40; i += 1) insertTag.run(`Section ${i}`, `section-${i}`, stamp, stamp);
    const insertArticle = sqlite.prepare(`insert into articles (uuid, title, slug, excerpt, doc,
      plain_text, word_count, reading_minutes, status, published_at, language, featured_image_alt,
      featured_image_caption, version, created_at, updated_at)
      values (?, ?, ?, ?, '{"type":"doc","content":[]}', ?, ?, ?, 'published', ?, ?, '', '', 1, ?, ?)`);
    const insertByline = sqlite.prepare(
      `insert into article_authors (article_id, author_id, position) values (?, ?, 0)`,
    );
    const insertArticleTag = sqlite.prepare(
      `insert into article_tags (article_id, tag_id, position, status, published_at) values (?, ?, ?, 'published', ?)`,
    );
    for (let i = 0; i < count; i += 1) {
      const uk = i % 20 === 0;
      const words = uk
        ? () =>
            rand() < 0.6
              ? (ukrainian[Math.floor(rand() * ukrainian.length)] ?? 'київ')
              : vocab.pick()
        : vocab.pick;
      const paragraphs = Array.from({ length: 3 + Math.floor(rand() * 6) }, () =>
        sentence(30 + Math.floor(rand() * 40), words),
      );
      const body = paragraphs.join('\n\n');
      const wordCount = body.split(' ').length;
      // Spread over ten years, newest last.
      const published = new Date(now - (count - i) * ((10 * 365 * 86_400_000) / count));
      const result = insertArticle.run(
        `bench-${i}`,
        sentence(6 + Math.floor(rand() * 6), words),
        `bench-article-${i}`,
        sentence(20, words),
        body,
        wordCount,
        Math.max(1, Math.round(wordCount / 230)),
        published.toISOString(),
        uk ? 'uk' : 'en',
        stamp,
        stamp,
      );
      const id = Number(result.lastInsertRowid);
      insertByline.run(id, 1 + (i % 60));
      insertArticleTag.run(id, 1 + (i % 40), 0, published.toISOString());
      insertArticleTag.run(id, 1 + ((i * 7 + 3) % 40), 1, published.toISOString());
    }
  })();
  sqlite.close();
  return vocab.words;
}

/** About 500 queries of the kinds readers type: common, rare, phrases, prefixes, filters, junk. */
function queries(words: string[], rand: () => number): Array<{ kind: string; input: SearchInput }> {
  const word = (from: number, to: number) =>
    words[from + Math.floor(rand() * (to - from))] ?? 'kyiv';
  const out: Array<{ kind: string; input: SearchInput }> = [];
  const add = (kind: string, q: string, extra: Partial<SearchInput> = {}) =>
    out.push({ kind, input: { q, page: 1, ...extra } });
  for (let i = 0; i < 60; i += 1) add('one common word', `${word(0, 40)} `);
  for (let i = 0; i < 60; i += 1) add('one mid-frequency word', `${word(100, 3000)} `);
  for (let i = 0; i < 60; i += 1) add('one rare word', `${word(3000, words.length)} `);
  for (let i = 0; i < 60; i += 1) add('two words', `${word(0, 500)} ${word(100, 5000)} `);
  for (let i = 0; i < 40; i += 1)
    add('three words', `${word(20, 300)} ${word(50, 2000)} ${word(100, 8000)} `);
  for (let i = 0; i < 40; i += 1) add('phrase', `"${word(0, 60)} ${word(0, 60)}"`);
  for (let i = 0; i < 40; i += 1) add('prefix (typing)', word(100, 5000).slice(0, 4));
  for (let i = 0; i < 30; i += 1) add('exclusion', `${word(0, 200)} -${word(0, 200)} `);
  for (let i = 0; i < 30; i += 1)
    add('tag filter', `${word(0, 1000)} `, { tag: `section-${1 + Math.floor(rand() * 40)}` });
  for (let i = 0; i < 30; i += 1)
    add('author filter', `${word(0, 1000)} `, {
      author: `reporter-${1 + Math.floor(rand() * 60)}`,
    });
  for (let i = 0; i < 30; i += 1) {
    const year = 2017 + Math.floor(rand() * 9);
    add('date range', `${word(0, 1000)} `, { from: `${year}-01-01`, to: `${year}-06-30` });
  }
  for (let i = 0; i < 20; i += 1) add('page 2-5', `${word(0, 200)} `, { page: 2 + (i % 4) });
  for (let i = 0; i < 20; i += 1) add('Ukrainian', `${ukrainian[i % ukrainian.length] ?? 'київ'} `);
  for (let i = 0; i < 10; i += 1) add('no-hit junk', `${'x'.repeat(200)} AND (( "* ${i}`);
  return out;
}

interface Timing {
  kind: string;
  ms: number;
  cpuMs: number;
  total: number;
}

/** Generates, indexes and queries; returns the report as Markdown. */
export async function benchSearch(options: {
  articles: number;
  keepDir?: string;
}): Promise<string> {
  // BENCH_SEARCH_DIR keeps the generated database, so query changes can be measured again
  // without regenerating (the vocabulary is deterministic).
  const dir = options.keepDir ?? mkdtempSync(join(tmpdir(), 'masthead-search-bench-'));
  const path = join(dir, `bench-${options.articles}.db`);
  const reuse = options.keepDir !== undefined && existsSync(path);
  try {
    const rand = random(42);
    let words: string[];
    let generateMs = 0;
    let indexMs = 0;
    let indexed = options.articles;
    if (reuse) {
      words = vocabulary(30_000, rand).words;
    } else {
      const database = openDatabase(`sqlite:${path}`);
      await migrateToLatest(database.db);
      await database.destroy();
      const started = performance.now();
      words = generate(path, options.articles, rand);
      generateMs = performance.now() - started;
    }
    const search = openDatabase(`sqlite:${path}`);
    if (!reuse) {
      const started = performance.now();
      indexed = await indexAllArticles(search.db);
      indexMs = performance.now() - started;
    }

    // The same queries under both filter plans, alternating query by query so load on the
    // machine falls on both alike: `facets` (filters as index tokens, the default) and `join`
    // (the earlier plan, the baseline).
    const baseDeps = { now: () => new Date(), timeZone: 'Europe/Kyiv' };
    const plans = ['facets', 'join'] as const;
    const list = queries(words, random(7)); // its own seed: the same queries whether or not the data was reused
    for (const filterPlan of plans)
      for (const { input } of list.slice(0, 20))
        await searchArticles(search.db, { ...baseDeps, filterPlan }, input); // warm-up
    const timings: Record<(typeof plans)[number], Timing[]> = { facets: [], join: [] };
    for (const { kind, input } of list) {
      for (const filterPlan of plans) {
        const t = performance.now();
        const cpu = process.cpuUsage();
        const outcome = await searchArticles(search.db, { ...baseDeps, filterPlan }, input);
        const used = process.cpuUsage(cpu);
        timings[filterPlan].push({
          kind,
          ms: performance.now() - t,
          cpuMs: (used.user + used.system) / 1000,
          total: outcome.total,
        });
      }
    }
    await search.destroy();

    const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
    const all = sorted(timings.facets.map((t) => t.ms));
    const cpuAll = sorted(timings.facets.map((t) => t.cpuMs));
    const baseAll = sorted(timings.join.map((t) => t.ms));
    const baseCpu = sorted(timings.join.map((t) => t.cpuMs));
    const load = loadavg()[0]?.toFixed(1) ?? '?';
    const kinds = [...new Set(timings.facets.map((t) => t.kind))];
    const stat = (values: number[], p: number) => percentile(sorted(values), p).toFixed(1);
    const rows = kinds.map((kind) => {
      const of = timings.facets.filter((t) => t.kind === kind);
      const base = timings.join.filter((t) => t.kind === kind);
      const ms = of.map((t) => t.ms);
      const matches = Math.round(of.reduce((a, t) => a + t.total, 0) / of.length);
      const cpu = of.map((t) => t.cpuMs);
      const baseCpuKind = base.map((t) => t.cpuMs);
      const ratio =
        percentile(sorted(cpu), 95) / Math.max(0.001, percentile(sorted(baseCpuKind), 95));
      return `| ${kind} | ${of.length} | ${matches.toLocaleString('en-US')} | ${stat(ms, 50)} | ${stat(ms, 95)} | ${stat(ms, 99)} | ${stat(cpu, 95)} | ${stat(
        base.map((t) => t.ms),
        95,
      )} | ${stat(baseCpuKind, 95)} | ${ratio.toFixed(2)} |`;
    });
    const p95 = percentile(all, 95);
    const cpuP95 = percentile(cpuAll, 95);
    return `## Search (SQLite FTS5, ${options.articles.toLocaleString('en-US')} articles)

${
  reuse
    ? `Reused the database in ${dir} (generated and indexed by an earlier run).`
    : `Rows generated with SQL in one transaction in ${(generateMs / 1000).toFixed(1)} s (Zipf-distributed
vocabulary of ${words.length.toLocaleString('en-US')} words, 5 % Ukrainian). Index built with
\`indexAllArticles\` (what \`masthead search reindex\` runs): **${indexed.toLocaleString('en-US')} articles in ${(indexMs / 1000).toFixed(1)} s**.`
}
${list.length} queries through \`searchArticles\` (rank, filters, result rows, snippets; page size 10):

Filters as index tokens (\`facets\`, the default):
**p50 ${percentile(all, 50).toFixed(1)} ms · p95 ${p95.toFixed(1)} ms · p99 ${percentile(all, 99).toFixed(1)} ms** wall-clock;
CPU time per query p50 ${percentile(cpuAll, 50).toFixed(1)} ms · **p95 ${cpuP95.toFixed(1)} ms** · p99 ${percentile(cpuAll, 99).toFixed(1)} ms
(target p95 < 50 ms: wall-clock ${p95 < 50 ? 'met' : 'NOT met'}, CPU ${cpuP95 < 50 ? 'met' : 'NOT met'}).
Baseline in the same run (\`join\`, the earlier plan; each query ran under both plans in turn):
p50 ${percentile(baseAll, 50).toFixed(1)} ms · p95 ${percentile(baseAll, 95).toFixed(1)} ms · p99 ${percentile(baseAll, 99).toFixed(1)} ms wall-clock;
CPU p50 ${percentile(baseCpu, 50).toFixed(1)} ms · p95 ${percentile(baseCpu, 95).toFixed(1)} ms · p99 ${percentile(baseCpu, 99).toFixed(1)} ms.
Load average was ${load} on ${cpus().length} cores (CPU time is the load-independent figure).

| query kind | n | avg matches | p50 ms | p95 ms | p99 ms | p95 CPU ms | baseline p95 ms | baseline p95 CPU ms | p95 CPU ratio |
|---|---|---|---|---|---|---|---|---|---|
${rows.join('\n')}`;
  } finally {
    if (options.keepDir === undefined) rmSync(dir, { recursive: true, force: true });
  }
}

// `node --import tsx bench/search.bench.ts [articles]` runs it alone.
if (process.argv[1]?.endsWith('search.bench.ts')) {
  const articles = Number(process.argv[2] ?? process.env.BENCH_SEARCH_ARTICLES ?? 100_000);
  console.log(await benchSearch({ articles, keepDir: process.env.BENCH_SEARCH_DIR }));
}
