import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { runMasthead } from './support/processes.js';
import {
  type PrivatePostgres,
  privatePostgresUnavailable,
  startPrivatePostgres,
} from './support/private-postgres.js';
import { freePort, type RunningServer, startServer } from './support/server.js';

// PostgreSQL restarted under load (on a server of the test's own, not the machine's shared
// one): two nodes keep serving cached pages, every write that was acknowledged is there
// afterwards, no article is half-published, and once the database is back writes succeed
// again and purges reach the other node (its LISTEN connection reconnected).

const unavailable = privatePostgresUnavailable();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('PostgreSQL restarted under load', { skip: unavailable }, () => {
  let database: PrivatePostgres;
  let nodeA: RunningServer;
  let nodeB: RunningServer;
  let token = '';
  const env: Record<string, string> = {};
  const post = (path: string, body: unknown, method = 'POST') =>
    fetch(`${nodeA.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  before(async () => {
    database = startPrivatePostgres(await freePort());
    env.DATABASE_URL = database.url;
    nodeA = await startServer({ env });
    nodeB = await startServer({ env, args: ['--no-worker', '--no-seed'] });
    const printed = await runMasthead(
      ['token', 'create', '--name', 'restart', '--role', 'admin'],
      env,
    );
    token = printed.trim().split('\n').at(-1)?.trim() ?? '';
  });

  after(async () => {
    await nodeA?.stop();
    await nodeB?.stop();
    database?.stop();
  });

  it('survives a restart mid-load with no acknowledged write lost and none half-published', async () => {
    const home = await fetch(`${nodeB.baseUrl}/`);
    assert.equal(home.status, 200);
    let stop = false;
    let reads = 0;
    let readErrors = 0;
    const acknowledged: number[] = [];
    let writeErrors = 0;
    let lastWriteError = '';
    let restartAt = 0;
    const readers = [nodeA, nodeB].map(async (node) => {
      while (!stop) {
        const response = await fetch(`${node.baseUrl}/`).catch(() => undefined);
        await response?.arrayBuffer();
        reads += 1;
        if (response?.status !== 200) readErrors += 1;
      }
    });
    const writer = (async () => {
      for (let n = 0; !stop; n += 1) {
        const response = await post('/api/admin/articles', {
          title: `Restart update ${n}`,
          authors: ['News desk'],
          tags: ['Live'],
          status: 'published',
          html: `<p>Update ${n} while the database restarts.</p>`,
        }).catch(() => undefined);
        if (response?.status === 201)
          acknowledged.push(((await response.json()) as { article: { id: number } }).article.id);
        else {
          writeErrors += 1;
          lastWriteError = `${Date.now() - restartAt} ms: ${response?.status} ${await response?.text()}`;
          await sleep(50);
        }
      }
    })();
    await sleep(1000);
    restartAt = Date.now();
    database.restart();
    console.log(`# restarted in ${Date.now() - restartAt} ms`);
    // Long enough after the restart for writes to resume (one may have waited for the server).
    await sleep(4000);
    stop = true;
    await Promise.all([...readers, writer]);
    console.log(
      `# PostgreSQL restart under load: ${reads} reads, ${readErrors} not 200; ${acknowledged.length} writes acknowledged, ${writeErrors} refused while it was down`,
    );
    console.log(`# last refused write: ${lastWriteError}`);
    assert.ok(acknowledged.length >= 3, `only ${acknowledged.length} writes were made`);

    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const found = await client.query<{ id: number; status: string; published_at: string | null }>(
      'select id, status, published_at from articles where id = any($1)',
      [acknowledged],
    );
    const half = await client.query(
      `select id from articles where status = 'published' and (published_at is null or slug = '')`,
    );
    await client.end();
    assert.equal(found.rows.length, acknowledged.length, 'every acknowledged write is there');
    assert.ok(found.rows.every((row) => row.status === 'published' && row.published_at));
    assert.deepEqual(half.rows, [], 'no half-published article');

    // Back to normal: a write succeeds, and an edit on A purges B's cached page.
    const created = await post('/api/admin/articles', {
      title: 'After the restart',
      authors: ['News desk'],
      status: 'published',
      html: '<p>Back.</p>',
    });
    assert.equal(created.status, 201, await created.clone().text());
    const { article } = (await created.json()) as { article: { id: number; slug: string } };
    const path = `/${article.slug}/`;
    await fetch(`${nodeB.baseUrl}${path}`);
    assert.equal((await fetch(`${nodeB.baseUrl}${path}`)).headers.get('x-cache'), 'HIT');
    const edit = await post(
      `/api/admin/articles/${article.id}`,
      { title: 'After the restart, edited' },
      'PATCH',
    );
    assert.equal(edit.status, 200);
    const deadline = Date.now() + 15_000;
    for (;;) {
      const body = await (await fetch(`${nodeB.baseUrl}${path}`)).text();
      if (body.includes('After the restart, edited')) break;
      if (Date.now() > deadline)
        assert.fail('node B never heard the purge: its LISTEN did not reconnect');
      await sleep(200);
    }
  });
});
