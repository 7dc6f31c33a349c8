import assert from 'node:assert/strict';
import { type ChildProcess, fork } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { describeEachDialect } from '../db/test-databases.js';
import { createLogger } from '../logger.js';
import { createCachePurger, purgeChannel, purgeMessages } from './cache-purger.js';
import { createPageCache, type PageCache } from './page-cache.js';

const fixture = new URL('./test-fixtures/cache-node.ts', import.meta.url).pathname;
const logger = createLogger('silent');

type NodeMessage = { type: 'ready' } | { type: 'sent' } | { type: 'purged'; exactly: boolean };

interface CacheNode {
  child: ChildProcess;
  next(type: NodeMessage['type'], timeoutMs?: number): Promise<NodeMessage>;
}

function startCacheNode(url: string): CacheNode {
  const child = fork(fixture, [url], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const received: NodeMessage[] = [];
  const waiters: Array<() => void> = [];
  child.on('message', (message: NodeMessage) => {
    received.push(message);
    for (const wake of waiters.splice(0)) wake();
  });
  return {
    child,
    async next(type, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const index = received.findIndex((message) => message.type === type);
        if (index !== -1) return received.splice(index, 1)[0] as NodeMessage;
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`timed out waiting for "${type}" from a cache node`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, left).unref();
        });
      }
    },
  };
}

function storePage(cache: PageCache, key: string, surrogateKeys: string[]) {
  return cache.store(key, {
    status: 200,
    contentType: 'text/html',
    body: `<p>${key}</p>`,
    surrogateKeys,
  });
}

describeEachDialect('cache purges across processes', (getDatabase, dialect) => {
  it('a purge in one process removes exactly the tagged page in another within a second', async () => {
    const database = getDatabase();
    const [purging, receiving] = [startCacheNode(database.url), startCacheNode(database.url)];
    try {
      await Promise.all([purging.next('ready'), receiving.next('ready')]);
      const started = Date.now();
      purging.child.send({ type: 'purge', keys: ['article:1'] });
      const report = await receiving.next('purged', 3000);
      const elapsed = Date.now() - started;
      assert.deepEqual(report, { type: 'purged', exactly: true });
      assert.ok(elapsed < 1000, `took ${elapsed} ms`);
    } finally {
      purging.child.kill();
      receiving.child.kill();
    }
  });

  it('a process ignores its own purges (it already applied them)', async () => {
    const database = getDatabase();
    const pageCache = createPageCache({ maxBytes: 1_000_000 });
    const purger = createCachePurger({ database, pageCache, logger, pollIntervalMs: 20 });
    await purger.start();
    try {
      storePage(pageCache, '/a/', ['article:7']);
      await purger.purge(['article:7']);
      assert.equal(pageCache.lookup('/a/'), undefined, 'purged here at once');
      storePage(pageCache, '/a/', ['article:7']); // re-rendered after the change
      await sleep(200);
      assert.ok(pageCache.lookup('/a/'), 'its own message did not purge the fresh page');
    } finally {
      await purger.stop();
    }
  });

  if (dialect === 'postgres') {
    it('after the LISTEN connection drops it reconnects and purges everything', async () => {
      const database = getDatabase();
      const pageCache = createPageCache({ maxBytes: 1_000_000 });
      const purger = createCachePurger({ database, pageCache, logger });
      const other = createCachePurger({
        database,
        pageCache: createPageCache({ maxBytes: 1_000_000 }),
        logger,
      });
      await purger.start();
      try {
        storePage(pageCache, '/a/', ['article:1']);
        const killed = await sql<{ killed: boolean }>`
          select pg_terminate_backend(pid) as killed from pg_stat_activity
          where datname = current_database() and query = ${`LISTEN ${purgeChannel}`}`.execute(
          database.db,
        );
        assert.ok(killed.rows.length >= 1);
        // Until the listener is back, purges from other nodes are lost: hence the full purge.
        const deadline = Date.now() + 5000;
        while (pageCache.stats().entries > 0 && Date.now() < deadline) await sleep(20);
        assert.equal(pageCache.stats().entries, 0, 'everything purged after the reconnect');
        storePage(pageCache, '/b/', ['article:2']);
        await other.purge(['article:2']);
        while (pageCache.lookup('/b/') && Date.now() < deadline) await sleep(20);
        assert.equal(pageCache.lookup('/b/'), undefined, 'notifications arrive again');
      } finally {
        await purger.stop();
        await other.stop();
      }
    });
  }
});

describe('purge messages', () => {
  it('fit one NOTIFY payload each, splitting large purges', () => {
    const keys = Array.from({ length: 2000 }, (_, i) => `article:${i}:ünïcode`);
    const messages = purgeMessages('node-1', keys);
    assert.ok(messages.length > 1);
    for (const message of messages) assert.ok(Buffer.byteLength(message) < 8000);
    const decoded = messages.flatMap((m) => (JSON.parse(m) as { keys: string[] }).keys);
    assert.deepEqual(decoded, keys);
  });
});
