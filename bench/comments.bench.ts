import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createApiToken } from '../src/admin/api-token.service.js';
import { postComment } from '../src/comments/comment.service.js';
import { findArticleForComments } from '../src/comments/comment.repository.js';
import { readCommentSettings, storeCommentSettings } from '../src/comments/comment-settings.js';
import { type DatabaseHandle, nowIso, openDatabase } from '../src/platform/db/database.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';
import { createEventBus } from '../src/platform/events/domain-events.js';
import { findOrCreateMember } from '../src/revenue/member.repository.js';
import { insertMemberSession } from '../src/revenue/members/member-auth.repository.js';
import { createSecretToken } from '../src/revenue/members/member-tokens.js';
import { startMasthead, stop } from './site.bench.js';

// `npm run bench comments` (issue 17, ADR 0028). Targets: the comments of a 1,000-comment
// article load in < 100 ms p95; posting a comment answers in < 50 ms p95. On SQLite and on
// PostgreSQL (a throwaway database on BENCH_POSTGRES_URL, MASTHEAD_TEST_POSTGRES_URL or the
// local server), one web process each: an article with 1,000 published comments (400 threads,
// 600 replies) from 60 trusted members, then, through HTTP, the comments page (anonymous, and
// a signed-in member's with the form and CSRF token), the counts JSON the article page's script
// loads, and members posting comments and replies as the browser form does (same-site Origin,
// the page's CSRF token, 303 back). The rate limits are the real ones (5 posts per member and
// 60 POSTs per address per 10 minutes): each member posts 4 times, from its own address
// (TRUST_PROXY=1 and X-Forwarded-For, as behind a proxy); every answer is checked.

const members = 60;
const threads = 400;
const replies = 600;
const postsPerMember = 4;
const pageRuns = 200;

const words =
  'council budget river park school hospital reporter evening market bridge tram library'.split(
    ' ',
  );

function commentText(n: number): string {
  const sentence = (k: number) =>
    `${Array.from({ length: 12 }, (_, i) => words[(n * 7 + k * 3 + i) % words.length]).join(' ')}.`;
  return n % 3 === 0
    ? `${sentence(1)} ${sentence(2)}\n\n${sentence(3)}`
    : `${sentence(1)} ${sentence(2)}`;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? 0;
}

interface Timing {
  p50: number;
  p95: number;
  max: number;
  runs: number;
}

function summarize(times: number[]): Timing {
  const sorted = [...times].sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    max: sorted.at(-1) ?? Number.NaN,
    runs: sorted.length,
  };
}

/** Times `runs` calls after 5 warm-ups; each call checks its own answer. */
async function timed(runs: number, call: (run: number) => Promise<void>): Promise<Timing> {
  const times: number[] = [];
  for (let run = -5; run < runs; run += 1) {
    const started = performance.now();
    await call(run);
    if (run >= 0) times.push(performance.now() - started);
  }
  return summarize(times);
}

interface Seeded {
  slug: string;
  articleId: number;
  /** Session cookies of the members, in order. */
  sessions: string[];
  /** Ids of published top-level comments (replies go under them). */
  threadIds: number[];
}

/** The article (through the admin API), then its members and comments (through the service). */
async function seed(databaseUrl: string, base: string, token: string): Promise<Seeded> {
  const response = await fetch(`${base}/api/admin/articles`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      title: 'The council’s budget, line by line',
      authors: ['City desk'],
      tags: ['Council'],
      status: 'published',
      html: '<p>The budget vote is on Thursday.</p><p>Here is what changes.</p>',
    }),
  });
  if (response.status !== 201) throw new Error(`creating the article: ${await response.text()}`);
  const slug = ((await response.json()) as { article: { slug: string } }).article.slug;
  const database = openDatabase(databaseUrl);
  try {
    const { db } = database;
    const article = await findArticleForComments(db, { slug });
    if (!article) throw new Error('the article is not there');
    const deps = { now: () => new Date(), events: createEventBus() };
    const stamp = nowIso(new Date());
    const expires = nowIso(new Date(Date.now() + 86_400_000));
    const readers: { id: number; name: string }[] = [];
    const sessions: string[] = [];
    for (let i = 0; i < members; i += 1) {
      const member = await findOrCreateMember(db, `reader${i}@bench.test`, stamp);
      readers.push({ id: member.id, name: `Reader ${i}` });
      const session = createSecretToken();
      await insertMemberSession(db, {
        member_id: member.id,
        token_hash: session.tokenHash,
        created_at: stamp,
        expires_at: expires,
      });
      sessions.push(`masthead_member_session=${session.token}`);
    }
    const threadIds: number[] = [];
    const post = (n: number, parentId?: number) =>
      db.transaction().execute((trx) =>
        postComment(trx, deps, article, readers[n % members] ?? { id: 0, name: '' }, {
          body: commentText(n),
          name: `Reader ${n % members}`,
          ...(parentId !== undefined ? { parentId } : {}),
        }),
      );
    // Each reader's first comment waits for staff (first-comment moderation); approving them
    // makes the readers trusted, as a moderator's approval does, so the rest publish at once.
    for (let n = 0; n < members; n += 1) threadIds.push((await post(n)).id);
    await db
      .updateTable('comments')
      .set({ status: 'published', hold_reason: null, moderated_at: stamp })
      .where('article_id', '=', article.id)
      .execute();
    await db.updateTable('comment_readers').set({ trusted_at: stamp }).execute();
    for (let n = members; n < threads; n += 1) threadIds.push((await post(n)).id);
    for (let n = 0; n < replies; n += 1)
      await post(threads + n, threadIds[(n * 37) % threadIds.length]);
    const count = await db
      .selectFrom('comments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('article_id', '=', article.id)
      .where('status', '=', 'published')
      .executeTakeFirstOrThrow();
    if (Number(count.n) !== threads + replies)
      throw new Error(`seeded ${count.n} published comments, not ${threads + replies}`);
    return { slug, articleId: article.id, sessions, threadIds };
  } finally {
    await database.destroy();
  }
}

async function benchOne(label: string, databaseUrl: string, workDir: string): Promise<string[]> {
  const database: DatabaseHandle = openDatabase(databaseUrl);
  let token: string;
  try {
    await migrateToLatest(database.db);
    token = (await createApiToken(database.db, { name: 'bench', role: 'editor' })).token;
    // Stored before the server starts: each process reads the settings at start.
    await storeCommentSettings(database.db, {
      ...(await readCommentSettings(database.db)),
      mode: 'members',
    });
  } finally {
    await database.destroy();
  }
  const server = await startMasthead(
    workDir,
    { DATABASE_URL: databaseUrl, TRUST_PROXY: '1' },
    '/healthz',
  );
  try {
    const base = server.baseUrl;
    const seeded = await seed(databaseUrl, base, token);
    const pagePath = `${base}/comments/${seeded.slug}/`;
    const threadCount = (text: string) => (text.match(/id="comment-\d+"/g) ?? []).length;

    const anonymous = await timed(pageRuns, async () => {
      const answer = await fetch(pagePath);
      const text = await answer.text();
      if (answer.status !== 200 || threadCount(text) < threads + replies)
        throw new Error(`comments page: ${answer.status}, ${threadCount(text)} comments shown`);
    });
    const csrfs: string[] = [];
    const signedIn = await timed(pageRuns, async (run) => {
      const i = (run + members) % members;
      const answer = await fetch(pagePath, { headers: { cookie: seeded.sessions[i] ?? '' } });
      const text = await answer.text();
      const csrf = /name="csrf" value="([^"]+)"/.exec(text)?.[1];
      if (answer.status !== 200 || !csrf)
        throw new Error(`signed-in comments page: ${answer.status}, no form`);
      csrfs[i] = csrf;
    });
    const countsUrl = `${base}/comments/counts.json?ids=${seeded.articleId}&lang=en`;
    const counts = await timed(pageRuns, async () => {
      const answer = await fetch(countsUrl);
      const body = (await answer.json()) as { articles: Record<string, { count: number }> };
      if ((body.articles[String(seeded.articleId)]?.count ?? 0) < threads + replies)
        throw new Error(`counts.json: ${JSON.stringify(body)}`);
    });

    // Posting: member i posts from its own address, as the form does; run −5…−1 warm up.
    const postTimes: number[] = [];
    let posted = 0;
    for (let round = 0; round < postsPerMember; round += 1)
      for (let i = 0; i < members; i += 1) {
        const n = round * members + i;
        const form = new URLSearchParams({ csrf: csrfs[i] ?? '', body: commentText(5000 + n) });
        if (n % 2 === 1) form.set('parent', String(seeded.threadIds[n % seeded.threadIds.length]));
        const started = performance.now();
        const answer = await fetch(pagePath, {
          method: 'POST',
          redirect: 'manual',
          headers: {
            cookie: seeded.sessions[i] ?? '',
            origin: base,
            'content-type': 'application/x-www-form-urlencoded',
            'x-forwarded-for': `10.77.${Math.floor(i / 250)}.${(i % 250) + 1}`,
          },
          body: form.toString(),
        });
        await answer.arrayBuffer();
        const elapsed = performance.now() - started;
        const location = answer.headers.get('location') ?? '';
        if (answer.status !== 303 || !location.includes('done=posted'))
          throw new Error(`posting: ${answer.status} ${location}`);
        posted += 1;
        if (n >= 5) postTimes.push(elapsed);
      }
    const posting = summarize(postTimes);
    const after = await fetch(pagePath).then((answer) => answer.text());
    if (threadCount(after) < threads + replies + posted)
      throw new Error(`after posting: ${threadCount(after)} comments shown`);
    const ms = (value: number) => value.toFixed(1);
    const row = (what: string, t: Timing, target: string) =>
      `| ${label} | ${what} | ${t.runs} | ${ms(t.p50)} | **${ms(t.p95)}** | ${ms(t.max)} | ${target} |`;
    return [
      row('comments page, anonymous (1,000 comments)', anonymous, '< 100'),
      row('comments page, signed-in member (form + CSRF)', signedIn, '< 100'),
      row('counts.json (the article page’s script)', counts, ''),
      row(`posting a comment or reply (${posted} posts, 303)`, posting, '< 50'),
    ];
  } finally {
    await stop(server.child);
  }
}

async function withPostgres<T>(adminUrl: string, run: (url: string) => Promise<T>): Promise<T> {
  const name = `masthead_bench_comments_${process.pid}`;
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

/** `npm run bench comments`: the comment targets of issue 17 on SQLite and PostgreSQL. */
export async function benchComments(options: { postgresUrl: string }): Promise<string> {
  const rows: string[] = [];
  const notes: string[] = [];
  for (const dialect of ['SQLite', 'PostgreSQL'] as const) {
    const workDir = mkdtempSync(join(tmpdir(), 'masthead-bench-comments-'));
    try {
      if (dialect === 'SQLite')
        rows.push(...(await benchOne(dialect, `sqlite:${join(workDir, 'masthead.db')}`, workDir)));
      else
        rows.push(
          ...(await withPostgres(options.postgresUrl, (url) => benchOne(dialect, url, workDir))),
        );
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (dialect !== 'PostgreSQL' || (code !== 'ECONNREFUSED' && code !== 'ENOTFOUND'))
        throw error;
      notes.push(
        `PostgreSQL not measured: nothing answers at ${new URL(options.postgresUrl).host}.`,
      );
    } finally {
      rmSync(workDir, { recursive: true, force: true });
    }
  }
  return [
    '# Comments: a 1,000-comment article',
    '',
    `One web process per database (\`serve --no-worker\`), the database on this machine; an article with ${threads + replies} published comments (${threads} threads, ${replies} replies) from ${members} trusted members. Each answer timed through HTTP from one client, one request at a time (keep-alive), after 5 warm-ups, and checked (every comment on the page, the form and CSRF token for members, the count, a 303 to "posted"). Posts go through the real limits: ${postsPerMember} per member, each member from its own address (TRUST_PROXY=1, X-Forwarded-For). Milliseconds. Targets (issue 17): the comments load in < 100 ms p95, posting answers in < 50 ms p95.`,
    '',
    '| database | request | runs | p50 | p95 | max | target |',
    '|---|---|---|---|---|---|---|',
    ...rows,
    ...(notes.length > 0 ? ['', ...notes] : []),
  ].join('\n');
}
