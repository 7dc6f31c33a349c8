import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { it } from 'node:test';
import { describeEachDialect } from '../db/test-databases.js';
import { createDatabaseLimitStore } from './database-limit-store.js';
import { createRateLimits } from './rate-limits.js';
import { hitFromProcesses } from './test-fixtures/limit-processes.js';

describeEachDialect('rate limits in the database', (getDatabase, dialect) => {
  const prefix = () => `test-${randomUUID()}:`;

  it('counts a fixed window per key, refuses over the limit, and starts again when it ends', async () => {
    let clock = Date.UTC(2026, 11, 7);
    const store = createDatabaseLimitStore(getDatabase().db);
    const limits = createRateLimits({ store, now: () => clock, prefix: prefix() });
    const limiter = limits.define({ name: 'test.window', limit: 2, windowMs: 30_000 });
    assert.equal((await limiter.hit('a')).allowed, true);
    clock += 10_000;
    assert.equal((await limiter.hit('a')).allowed, true);
    assert.deepEqual(await limiter.hit('a'), { allowed: false, retryAfterSeconds: 20 });
    clock += 20_000;
    assert.deepEqual(await limiter.hit('a'), { allowed: true, retryAfterSeconds: 0 });
    assert.equal((await limiter.hit('a')).allowed, true);
    assert.equal((await limiter.hit('a')).allowed, false);
    assert.deepEqual(await limiter.peek('a'), { allowed: false, retryAfterSeconds: 30 });
    await limiter.reset('a');
    assert.equal((await limiter.peek('a')).allowed, true);
    assert.equal((await limiter.hit('a')).allowed, true, 'a reset key starts a new window');
    assert.equal((await limiter.peek('a')).allowed, true, 'one hit of two');
  });

  it('loses no hit when many arrive at once', async () => {
    const limits = createRateLimits({
      store: createDatabaseLimitStore(getDatabase().db),
      prefix: prefix(),
    });
    const limiter = limits.define({ name: 'test.burst', limit: 25, windowMs: 60_000 });
    const decisions = await Promise.all(Array.from({ length: 60 }, () => limiter.hit('k')));
    assert.equal(decisions.filter((d) => d.allowed).length, 25);
  });

  it('prunes ended windows only, and stores no key in the clear', async () => {
    const { db } = getDatabase();
    const store = createDatabaseLimitStore(db, { pruneEveryMs: Number.MAX_SAFE_INTEGER });
    const p = prefix();
    const limits = createRateLimits({ store, now: () => 1_000_000, prefix: p });
    await limits
      .define({ name: 'test.brief', limit: 5, windowMs: 1_000 })
      .hit('reader@example.org');
    await limits
      .define({ name: 'test.lasting', limit: 5, windowMs: 60_000 })
      .hit('reader@example.org');
    const keys = async () =>
      (
        await db.selectFrom('rate_limit_hits').select('key').where('key', 'like', `${p}%`).execute()
      ).map((r) => r.key);
    assert.equal((await keys()).length, 2);
    assert.ok(
      (await keys()).every((key) => !key.includes('example.org')),
      'keys are hashed',
    );
    await store.prune(1_001_000);
    assert.deepEqual(
      (await keys()).map((key) => key.split(':')[1]),
      ['test.lasting'],
    );
  });

  it(`two OS processes on one ${dialect === 'sqlite' ? 'SQLite file (WAL)' : 'PostgreSQL database'} together get exactly the limit`, async () => {
    const allowed = await hitFromProcesses({
      databaseUrl: getDatabase().url,
      prefix: prefix(),
      limit: 50,
      hits: 40,
      processes: 2,
    });
    assert.equal(
      allowed.reduce((sum, n) => sum + n, 0),
      50,
      `allowed per process: ${allowed.join(', ')}`,
    );
  });
});
