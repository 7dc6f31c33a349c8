import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, type TestDatabase } from '../../src/platform/db/test-databases.js';
import { makePng } from '../../src/media/test-support/media-fixtures.js';
import {
  startTestS3Server,
  type TestS3Server,
} from '../../src/platform/storage/test-fixtures/s3-server.js';
import { type Child, runMasthead, startChild, startHaproxy } from './support/processes.js';
import { freePort, type RunningServer, startServer } from './support/server.js';

// The cluster of README "Running a cluster", for real: two `serve --no-worker` nodes and two
// `worker`s on one PostgreSQL database and one S3-compatible store (s3rver, through the AWS
// SDK), behind HAProxy health-checking /healthz. Each node has its own empty DATA_DIR, so
// anything one node shows that another made came through the database or the bucket.

const adminUrl = process.env.MASTHEAD_TEST_POSTGRES_URL;
const haveHaproxy = (() => {
  try {
    return startChild('haproxy', ['-v']).process.pid !== undefined;
  } catch {
    return false;
  }
})();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

describe(
  'a cluster: two web nodes, two workers, PostgreSQL, S3 and HAProxy',
  {
    skip: !adminUrl
      ? 'MASTHEAD_TEST_POSTGRES_URL is not set'
      : !haveHaproxy
        ? 'haproxy is not installed'
        : undefined,
  },
  () => {
    let database: TestDatabase;
    const query = <Row extends object>(text: string, values: unknown[] = []) => {
      if (!database.pgPool) throw new Error('the cluster test runs on PostgreSQL');
      return database.pgPool.query<Row>(text, values);
    };
    const work = mkdtempSync(join(tmpdir(), 'masthead-cluster-'));
    let s3: TestS3Server;
    let env: Record<string, string>;
    let nodeA: RunningServer;
    let nodeB: RunningServer;
    const workers: Child[] = [];
    let balancer: Child;
    let site = '';
    let token = '';
    const api = (base: string, method: string, path: string, body?: unknown) =>
      fetch(`${base}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });

    before(async () => {
      // Empty: the nodes migrate it themselves, as on a new cluster.
      database = await createTestDatabase('postgres', { migrate: false });
      s3 = await startTestS3Server(['masthead-cluster']);
      env = {
        DATABASE_URL: database.url,
        STORAGE_URL: s3.url('masthead-cluster', 'site'),
        AWS_ACCESS_KEY_ID: 'S3RVER',
        AWS_SECRET_ACCESS_KEY: 'S3RVER',
        AWS_REGION: 'us-east-1',
        NARRATION_CONCURRENCY: '1',
      };
      nodeA = await startServer({ env, args: ['--no-worker'] });
      nodeB = await startServer({ env, args: ['--no-worker', '--no-seed'] });
      for (let i = 0; i < 2; i += 1)
        workers.push(
          startChild(process.execPath, ['--import', 'tsx', 'src/main.ts', 'worker'], {
            ...env,
            LOG_LEVEL: 'warn',
          }),
        );
      const port = await freePort();
      site = `http://127.0.0.1:${port}`;
      balancer = startHaproxy(work, port, [nodeA.baseUrl, nodeB.baseUrl]);
      await until(
        'HAProxy',
        async () => (await fetch(`${site}/healthz`).catch(() => undefined))?.ok || undefined,
      );
      const printed = await runMasthead(
        ['token', 'create', '--name', 'cluster', '--role', 'admin'],
        env,
      );
      token = printed.trim().split('\n').at(-1)?.trim() ?? '';
      assert.ok(token.length > 20, printed);
    });

    after(async () => {
      await balancer?.stop();
      for (const worker of workers) await worker.stop();
      await nodeA?.stop();
      await nodeB?.stop();
      await s3?.close();
      await database?.cleanup();
      rmSync(work, { recursive: true, force: true });
    });

    it('healthz reports the database and the storage on every node', async () => {
      for (const base of [nodeA.baseUrl, nodeB.baseUrl, site]) {
        const health = await fetch(`${base}/healthz`);
        assert.deepEqual(await health.json(), { status: 'ok', database: 'ok', storage: 'ok' });
      }
    });

    it('an image uploaded through node A is served by node B', async () => {
      const form = new FormData();
      form.append(
        'file',
        new Blob([new Uint8Array(await makePng(640, 400))], { type: 'image/png' }),
        'map.png',
      );
      form.append('alt', 'A map of the front line');
      const started = Date.now();
      const upload = await fetch(`${nodeA.baseUrl}/api/admin/media`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        body: form,
      });
      assert.equal(upload.status, 201, await upload.clone().text());
      const { media } = (await upload.json()) as { media: { url: string } };
      const fromB = await fetch(`${nodeB.baseUrl}${media.url}`);
      const visibleMs = Date.now() - started;
      assert.equal(fromB.status, 200);
      assert.match(fromB.headers.get('content-type') ?? '', /^image\/(jpeg|png)$/);
      const fromA = await fetch(`${nodeA.baseUrl}${media.url}`);
      assert.deepEqual(
        Buffer.from(await fromB.arrayBuffer()),
        Buffer.from(await fromA.arrayBuffer()),
      );
      console.log(`# upload on A → served by B: ${visibleMs} ms`);
    });

    it('an edit through node A purges node B; the workers narrate once and both nodes play it', async () => {
      const created = await api(nodeA.baseUrl, 'POST', '/api/admin/articles', {
        title: 'Trains run again to Kharkiv',
        authors: ['News desk'],
        tags: ['Transport'],
        status: 'published',
        html: '<p>The first train in two weeks left the station at 6:40.</p>',
      });
      assert.equal(created.status, 201, await created.clone().text());
      const { article } = (await created.json()) as { article: { id: number; slug: string } };
      const path = `/${article.slug}/`;
      const audio = await until(
        'the narration',
        async () => {
          const response = await api(
            nodeA.baseUrl,
            'GET',
            `/api/admin/articles/${article.id}/narration`,
          );
          const { narration } = (await response.json()) as {
            narration: { status: string; url: string | null };
          };
          if (narration.status === 'failed') assert.fail('narration failed');
          return narration.status === 'ready' && narration.url
            ? new URL(narration.url).pathname
            : undefined;
        },
        120_000,
      );
      const played = await Promise.all(
        [nodeA.baseUrl, nodeB.baseUrl].map(async (base) => {
          const response = await fetch(`${base}${audio}`, { headers: { range: 'bytes=0-99' } });
          assert.equal(response.status, 206, base);
          return Buffer.from(await response.arrayBuffer());
        }),
      );
      assert.equal(played[0]?.length, 100);
      assert.deepEqual(played[0], played[1]);
      const page = await until(
        'node B’s page with the player',
        async () => {
          const body = await (await fetch(`${nodeB.baseUrl}${path}`)).text();
          return body.includes(audio) ? body : undefined;
        },
        10_000,
      );
      assert.ok(page.includes(audio));

      await fetch(`${nodeB.baseUrl}${path}`);
      assert.equal((await fetch(`${nodeB.baseUrl}${path}`)).headers.get('x-cache'), 'HIT');
      const edit = await api(nodeA.baseUrl, 'PATCH', `/api/admin/articles/${article.id}`, {
        title: 'Trains run again to Kharkiv and Sumy',
      });
      assert.equal(edit.status, 200);
      await until(
        'node B to show the edit',
        async () =>
          (await (await fetch(`${nodeB.baseUrl}${path}`)).text()).includes('Kharkiv and Sumy') ||
          undefined,
        10_000,
      );

      const jobs = await query<{ attempts: number; status: string }>(
        `select attempts, status from jobs where name = 'audio.narrate'`,
      );
      assert.ok(jobs.rows.length >= 1);
      // The edit queued a second narration, which may still be running: none ran twice.
      assert.ok(jobs.rows.some((job) => job.status === 'done'));
      for (const job of jobs.rows) {
        assert.notEqual(job.status, 'dead');
        assert.ok(job.attempts <= 1, 'each job ran once, on one of the two workers');
      }
    });

    it('SIGKILL of a node under load: readers see no error and no acknowledged write is lost', async () => {
      const paths = ['/', '/rss/', '/tag/transport/'];
      let reads = 0;
      const readErrors: string[] = [];
      const written: number[] = [];
      let writeFailures = 0;
      let stop = false;
      const readers = Array.from({ length: 4 }, async (_, i) => {
        while (!stop) {
          const path = paths[(reads + i) % paths.length] ?? '/';
          try {
            const response = await fetch(`${site}${path}`);
            await response.arrayBuffer();
            if (response.status !== 200) readErrors.push(`${path} ${response.status}`);
          } catch (error) {
            readErrors.push(`${path} ${(error as Error).message}`);
          }
          reads += 1;
        }
      });
      const writer = (async () => {
        for (let n = 0; !stop; n += 1) {
          try {
            const response = await api(site, 'POST', '/api/admin/articles', {
              title: `Update ${n}`,
              authors: ['News desk'],
              status: 'draft',
              html: `<p>Update number ${n}.</p>`,
            });
            if (response.status === 201)
              written.push(((await response.json()) as { article: { id: number } }).article.id);
            else writeFailures += 1;
          } catch {
            writeFailures += 1; // the client would retry; what matters is that no 201 is lost
          }
        }
      })();
      await sleep(1500);
      nodeA.kill();
      await sleep(3000);
      stop = true;
      await Promise.all([...readers, writer]);
      console.log(
        `# node killed under load: ${reads} reads, ${readErrors.length} errors; ${written.length} writes acknowledged, ${writeFailures} refused`,
      );
      assert.deepEqual(readErrors, [], 'HAProxy retried the killed node’s requests on node B');
      assert.ok(reads > 50, `reads: ${reads}`);
      assert.ok(written.length > 5, `writes: ${written.length}`);
      const found = await query<{ id: number }>('select id from articles where id = any($1)', [
        written,
      ]);
      assert.equal(
        found.rows.length,
        written.length,
        'every acknowledged write is in the database',
      );
    });
  },
);
