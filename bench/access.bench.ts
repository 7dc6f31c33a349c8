import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiToken } from '../src/admin/api-token.service.js';
import { loadAccessKey, signEntitlement } from '../src/content/access/entitlement-cookie.js';
import { openDatabase } from '../src/platform/db/database.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';
import { runLoad } from './load.js';
import { startMasthead, stop } from './site.bench.js';

// `npm run bench access` (issue 17, ADR 0026): a paid-only article's anonymous variant (the
// preview) and its entitled variant (selected by the signed entitlement cookie), both from the
// page cache, as a ratio of the public article's cached rate in the same run. Each variant is
// checked before it is measured: the preview has no gated text, the full variant has it.

const body = Array.from(
  { length: 12 },
  (_, i) =>
    `<p>Paragraph ${i + 1} of the analysis${i >= 2 ? ' (gated part)' : ''}, with enough words to look like a story.</p>`,
).join('');

async function createArticle(baseUrl: string, token: string, title: string, access: string) {
  const response = await fetch(`${baseUrl}/api/admin/articles`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      title,
      authors: ['Analysis desk'],
      tags: ['Analysis'],
      status: 'published',
      html: body,
      access_level: access,
    }),
  });
  if (response.status !== 201) throw new Error(`creating ${title}: ${await response.text()}`);
  return `/${((await response.json()) as { article: { slug: string } }).article.slug}/`;
}

async function check(baseUrl: string, path: string, cookie: string | undefined, gated: boolean) {
  for (let i = 0; i < 2; i += 1) {
    const response = await fetch(`${baseUrl}${path}`, { headers: cookie ? { cookie } : {} });
    const text = await response.text();
    if (text.includes('(gated part)') !== gated)
      throw new Error(`${path} with ${cookie ? 'the cookie' : 'no cookie'}: wrong variant`);
    if (i === 1 && response.headers.get('x-cache') !== 'HIT')
      throw new Error(`${path} with ${cookie ? 'the cookie' : 'no cookie'}: not from the cache`);
  }
}

export async function benchAccess(options: {
  seconds: number;
  connections: number;
}): Promise<string> {
  const workDir = mkdtempSync(join(tmpdir(), 'masthead-bench-access-'));
  const url = `sqlite:${join(workDir, 'masthead.db')}`;
  let server: Awaited<ReturnType<typeof startMasthead>> | undefined;
  try {
    const database = openDatabase(url);
    await migrateToLatest(database.db);
    const { token } = await createApiToken(database.db, { name: 'bench', role: 'editor' });
    const key = await loadAccessKey(database.db);
    await database.destroy();
    server = await startMasthead(workDir, {}, '/healthz');
    const base = server.baseUrl;
    const publicPath = await createArticle(base, token, 'Open news story', 'public');
    const paidPath = await createArticle(base, token, 'Paid analysis piece', 'paid');
    const cookie = `masthead_access=${signEntitlement(key, { kind: 'paid', tiers: ['member'] }, Math.floor(Date.now() / 1000) + 86_400)}`;
    await check(base, publicPath, undefined, true);
    await check(base, paidPath, undefined, false);
    await check(base, paidPath, cookie, true);
    await check(base, publicPath, cookie, true);
    // The three measured requests in turn, three rounds: on a shared machine the rate drifts,
    // and interleaving gives each the same conditions. Ratios compare the rounds' means.
    const cases = [
      { label: 'public article, anonymous', path: publicPath, headers: undefined },
      { label: 'paid article, anonymous (preview + wall)', path: paidPath, headers: undefined },
      {
        label: 'paid article, entitled cookie (full variant)',
        path: paidPath,
        headers: { cookie },
      },
      { label: 'public article, entitled cookie', path: publicPath, headers: { cookie } },
    ];
    const rates = cases.map(() => [] as number[]);
    const p99s = cases.map(() => [] as number[]);
    let errors = 0;
    for (let round = 0; round < 3; round += 1)
      for (const [i, c] of cases.entries()) {
        const r = await runLoad(base, [c.path], {
          seconds: options.seconds,
          connections: options.connections,
          workDir,
          ...(c.headers ? { headers: c.headers } : {}),
        });
        rates[i]?.push(r.requestsPerSecond);
        p99s[i]?.push(r.p99Ms);
        errors += r.non2xx;
      }
    const mean = (list: number[] | undefined) =>
      (list ?? []).reduce((a, b) => a + b, 0) / Math.max(1, list?.length ?? 0);
    const reference = mean(rates[0]);
    return [
      '# Access levels: gated variants from the page cache',
      '',
      `One web process (SQLite), wrk (or autocannon), ${options.connections} connections, ${options.seconds} s per measure, the four requests interleaved over 3 rounds (mean shown); every variant checked (content and x-cache: HIT) before it is measured; ${errors} errors/non-2xx in all. Target: gated variants ≥ 0.8 of the public article.`,
      '',
      '| request | req/s (mean of 3) | ratio to public | per round | p99 ms (worst) |',
      '|---|---|---|---|---|',
      ...cases.map(
        (c, i) =>
          `| ${c.label} | ${mean(rates[i]).toFixed(0)} | **${(mean(rates[i]) / reference).toFixed(2)}** | ${(rates[i] ?? []).map((r) => r.toFixed(0)).join(' / ')} | ${Math.max(...(p99s[i] ?? [0])).toFixed(1)} |`,
      ),
    ].join('\n');
  } finally {
    if (server) await stop(server.child);
    rmSync(workDir, { recursive: true, force: true });
  }
}
