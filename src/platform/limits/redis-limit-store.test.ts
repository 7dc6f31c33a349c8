import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { createTestDatabase, type TestDatabase } from '../db/test-databases.js';
import type { Logger } from '../logger.js';
import { createDatabaseLimitStore } from './database-limit-store.js';
import { createRateLimits, type RateLimitStore } from './rate-limits.js';
import { openRedisLimitStore } from './redis-limit-store.js';
import { hitFromProcesses } from './test-fixtures/limit-processes.js';

// Runs against the Redis at 127.0.0.1:6379 (CI has one); skipped, saying so, when none answers.
const redisUrl = process.env.MASTHEAD_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const keyPrefix = 'masthead:rate-limit:';

async function redisAnswers(): Promise<boolean> {
  const probe = new Redis(redisUrl, {
    lazyConnect: true,
    connectTimeout: 1000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    return (await probe.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

const available = await redisAnswers();
// CI starts Redis and sets this, so the suite fails there instead of skipping.
if (!available && process.env.MASTHEAD_REQUIRE_REDIS)
  throw new Error(`MASTHEAD_REQUIRE_REDIS is set but no Redis answers at ${redisUrl}`);

/** A logger that keeps its lines, to check what an outage says. */
function recordingLogger() {
  const lines: Array<{ level: string; message: string }> = [];
  const log = (level: string) => (first: unknown, second?: unknown) =>
    lines.push({ level, message: String(typeof first === 'string' ? first : second) });
  const logger = { error: log('error'), warn: log('warn'), info: log('info') } as unknown as Logger;
  return { logger, lines };
}

/** A TCP relay to Redis that the test can take down and bring back, as a network would. */
async function startRelay(): Promise<{
  url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
}> {
  const target = new URL(redisUrl);
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let port = 0;
  const start = () =>
    new Promise<void>((resolve) => {
      server = createServer((client) => {
        const upstream = createConnection(Number(target.port || 6379), target.hostname);
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on('error', () => undefined);
          socket.on('close', () => sockets.delete(socket));
        }
        client.pipe(upstream).pipe(client);
      });
      server.listen(port, '127.0.0.1', () => {
        const address = server?.address();
        if (address && typeof address === 'object') port = address.port;
        resolve();
      });
    });
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    start,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server?.close(() => resolve());
      }),
  };
}

describe(
  'rate limits in Redis',
  { skip: available ? false : `no Redis answers at ${redisUrl}` },
  () => {
    let database: TestDatabase;
    let redis: Redis;
    const prefixes: string[] = [];
    const prefix = () => {
      const p = `test-${randomUUID()}:`;
      prefixes.push(p);
      return p;
    };
    const open = async (fallback: RateLimitStore, url = redisUrl) =>
      openRedisLimitStore({ url, fallback, logger: recordingLogger().logger });

    before(async () => {
      database = await createTestDatabase('sqlite');
      redis = new Redis(redisUrl);
    });
    after(async () => {
      // Only this file's keys: every test used its own prefix.
      for (const p of prefixes) {
        const keys = await redis.keys(`${keyPrefix}${p}*`);
        if (keys.length > 0) await redis.del(...keys);
      }
      redis.disconnect();
      await database.cleanup();
    });
    const rowsInDatabase = async (p: string) =>
      (
        await database.db
          .selectFrom('rate_limit_hits')
          .select('key')
          .where('key', 'like', `${p}%`)
          .execute()
      ).length;

    it('counts a window per key with a TTL, refuses over the limit and starts again when it ends', async () => {
      const p = prefix();
      const store = await open(createDatabaseLimitStore(database.db));
      const limits = createRateLimits({ store, prefix: p });
      const limiter = limits.define({ name: 'test.window', limit: 3, windowMs: 500 });
      for (let i = 0; i < 3; i += 1) assert.equal((await limiter.hit('a')).allowed, true);
      assert.deepEqual(await limiter.hit('a'), { allowed: false, retryAfterSeconds: 1 });
      assert.equal((await limiter.peek('a')).allowed, false);
      assert.equal((await limiter.peek('b')).allowed, true);
      const [key] = await redis.keys(`${keyPrefix}${p}*`);
      assert.ok(key, 'the counter is in Redis');
      assert.ok((await redis.pttl(key)) > 0, 'with an expiry');
      assert.equal(await rowsInDatabase(p), 0, 'and not in the database');
      await new Promise((resolve) => setTimeout(resolve, 600));
      assert.equal((await limiter.hit('a')).allowed, true, 'a new window');
      for (let i = 0; i < 2; i += 1) await limiter.hit('a');
      assert.equal((await limiter.hit('a')).allowed, false);
      await limiter.reset('a');
      assert.equal((await limiter.hit('a')).allowed, true, 'a reset key starts a new window');
      const burst = limits.define({ name: 'test.burst', limit: 25, windowMs: 60_000 });
      const decisions = await Promise.all(Array.from({ length: 60 }, () => burst.hit('k')));
      assert.equal(
        decisions.filter((d) => d.allowed).length,
        25,
        'no hit lost when many arrive at once',
      );
      await limits.close();
    });

    it('two OS processes on one Redis together get exactly the limit', async () => {
      const p = prefix();
      const allowed = await hitFromProcesses({
        databaseUrl: database.url,
        redisUrl,
        prefix: p,
        limit: 50,
        hits: 40,
        processes: 2,
      });
      assert.equal(
        allowed.reduce((sum, n) => sum + n, 0),
        50,
        `allowed per process: ${allowed.join(', ')}`,
      );
      assert.equal(await rowsInDatabase(p), 0, 'counted in Redis, not the database');
    });

    it('while Redis is down, counts in the database (logged once), and returns to Redis when it answers', async () => {
      const p = prefix();
      const relay = await startRelay();
      const { logger, lines } = recordingLogger();
      const store = await openRedisLimitStore({
        url: relay.url,
        fallback: createDatabaseLimitStore(database.db),
        logger,
        commandTimeoutMs: 300,
      });
      const limits = createRateLimits({ store, prefix: p });
      const limiter = limits.define({ name: 'test.outage', limit: 3, windowMs: 60_000 });
      try {
        assert.equal((await limiter.hit('up')).allowed, true);
        await relay.stop();
        await new Promise((resolve) => setTimeout(resolve, 100));
        for (let i = 0; i < 3; i += 1) assert.equal((await limiter.hit('down')).allowed, true);
        assert.equal(
          (await limiter.hit('down')).allowed,
          false,
          'still limited while Redis is down',
        );
        assert.equal(await rowsInDatabase(p), 1, 'counted in the database');
        const errors = lines.filter((line) => line.level === 'error');
        assert.equal(errors.length, 1, JSON.stringify(lines));
        assert.match(
          errors[0]?.message ?? '',
          /Redis at redis:\/\/127\.0\.0\.1:\d+ is not answering .*counted in the database/,
        );

        await relay.start();
        const deadline = Date.now() + 10_000;
        while (!lines.some((line) => line.level === 'info') && Date.now() < deadline) {
          await limiter.hit('again');
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        assert.match(lines.find((line) => line.level === 'info')?.message ?? '', /answers again/);
        await limiter.hit('back');
        assert.equal(
          (await redis.keys(`${keyPrefix}${p}*`)).length >= 2,
          true,
          'counted in Redis again',
        );
        assert.equal(
          lines.filter((line) => line.level === 'error').length,
          1,
          'one line per outage',
        );
      } finally {
        await limits.close();
        await relay.stop();
      }
    });
  },
);
