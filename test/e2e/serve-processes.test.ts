import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { createApiToken } from '../../src/admin/api-token.service.js';
import {
  createTestDatabase,
  type TestDatabase,
  testDialects,
} from '../../src/platform/db/test-databases.js';
import { buildArticle } from '../../src/test-support/test-app.js';
import { type RunningServer, startServer } from './support/server.js';

// `masthead serve --processes 2`: two web processes share the port, each with its own page
// cache; an edit through either purges both; a killed web process is replaced; SIGTERM stops
// everything. A web process's cache starts cold, so the number of MISS answers to a page
// (between purges) is the number of processes that served it.

interface Answer {
  status: number;
  cache: string;
  body: string;
}

/** A GET on a new connection each time, so the kernel may hand it to either process. */
function get(url: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, cache: String(res.headers['x-cache']), body }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * One request alone, then parallel batches (so the kernel hands connections to both
 * processes, however it balances) until a second MISS or the deadline (a process just forked
 * on a loaded machine may take a few seconds to listen). The first answer leaves the page in
 * one process's cache, which then never misses again: any later MISS is the other process.
 */
async function untilBothServe(url: string, deadlineMs = 30_000): Promise<Answer[]> {
  const answers: Answer[] = [await get(url)];
  const deadline = Date.now() + deadlineMs;
  const misses = () => answers.filter((a) => a.cache === 'MISS').length;
  while (Date.now() < deadline && misses() < 2) {
    answers.push(...(await Promise.all(Array.from({ length: 16 }, () => get(url)))));
    if (misses() < 2) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return answers;
}

const missCount = (answers: Answer[]) => answers.filter((a) => a.cache === 'MISS').length;

const children = (pid: number): number[] => {
  try {
    return execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
};

for (const dialect of testDialects) {
  describe(`serve --processes 2 [${dialect}]`, () => {
    let database: TestDatabase;
    let server: RunningServer;
    let token = '';
    let article: { id: number; slug: string; title: string };

    before(async () => {
      database = await createTestDatabase(dialect);
      article = await buildArticle(database, { title: 'Two processes, one story' });
      token = (await createApiToken(database.db, { name: 'cluster test', role: 'editor' })).token;
      server = await startServer({
        env: { DATABASE_URL: database.url },
        args: ['--processes', '2', '--no-seed', '--no-worker'],
      });
    });

    after(async () => {
      await server?.stop();
      await database?.cleanup();
    });

    it('serves from two processes and purges both after an edit', async () => {
      assert.equal(children(server.pid).length, 2, 'two web processes');
      const url = `${server.baseUrl}/${article.slug}/`;
      const warm = await untilBothServe(url);
      assert.ok(missCount(warm) >= 2, 'both processes served');
      assert.ok(warm.every((a) => a.status === 200));

      const edit = await fetch(`${server.baseUrl}/api/admin/articles/${article.id}`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'Two processes, one edit' }),
      });
      assert.equal(edit.status, 200, await edit.text());
      // The other process hears of the purge a moment later (NOTIFY, or the SQLite purge log).
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const afterEdit = await untilBothServe(url);
      assert.ok(missCount(afterEdit) >= 2, 'both were purged');
      for (const answer of afterEdit) assert.match(answer.body, /Two processes, one edit/);
    });

    it('replaces a killed web process, and stops cleanly on SIGTERM', async () => {
      const [victim, survivor] = children(server.pid);
      assert.ok(victim && survivor);
      process.kill(victim, 'SIGKILL');
      const deadline = Date.now() + 20_000;
      let now = children(server.pid);
      while ((now.length < 2 || now.includes(victim)) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        now = children(server.pid);
      }
      assert.equal(now.length, 2, 'a new web process took its place');
      assert.ok(now.includes(survivor));
      // The newcomer listens a moment after it is forked; then it answers (cold: a MISS).
      const answers = await untilBothServe(`${server.baseUrl}/`);
      assert.ok(missCount(answers) >= 2, 'the newcomer serves');
      assert.ok(answers.every((a) => a.status === 200));

      const primary = server.pid;
      const startedStop = Date.now();
      await server.stop();
      assert.ok(Date.now() - startedStop < 5000, 'stopped before the SIGKILL fallback');
      assert.deepEqual(children(primary), []);
    });
  });
}

describe('serve --processes 2 when a web process cannot start', () => {
  it('stops with the reason and exit code 1 instead of waiting for it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'masthead-serve-'));
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'src/main.ts', 'serve', '--processes', '2', '--no-seed', '--no-worker'],
      {
        cwd: new URL('../..', import.meta.url).pathname,
        env: {
          ...process.env,
          DATA_DIR: dataDir,
          PORT: '0',
          LOG_LEVEL: 'silent',
          GEOIP_DATABASE: join(dataDir, 'GeoLite2-Country.mmdb'),
        },
        encoding: 'utf8',
        timeout: 120_000,
      },
    );
    assert.equal(run.signal, null, 'it ended on its own');
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stderr, /GEOIP_DATABASE: cannot read .*GeoLite2-Country\.mmdb: ENOENT/);
    assert.match(run.stderr, /could not start its web processes/);
  });
});
