import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createMemoryLimitStore } from './memory-limit-store.js';
import { createRateLimits, hitAll } from './rate-limits.js';

describe('rate limits: the fixed window', () => {
  const setUp = () => {
    let clock = 1_000_000;
    const limits = createRateLimits({ store: createMemoryLimitStore(), now: () => clock });
    return { limits, advance: (ms: number) => (clock += ms) };
  };

  it('allows `limit` hits in a window, then refuses with the seconds left until it ends', async () => {
    const { limits, advance } = setUp();
    const limiter = limits.define({ name: 'test.window', limit: 3, windowMs: 60_000 });
    for (let i = 0; i < 3; i += 1)
      assert.deepEqual(await limiter.hit('a'), { allowed: true, retryAfterSeconds: 0 });
    assert.deepEqual(await limiter.hit('a'), { allowed: false, retryAfterSeconds: 60 });
    advance(59_500);
    assert.deepEqual(await limiter.hit('a'), { allowed: false, retryAfterSeconds: 1 });
    advance(500); // the window began at the first hit and has now ended
    assert.equal((await limiter.hit('a')).allowed, true);
    assert.equal((await limiter.hit('b')).allowed, true, 'each key has its own window');
  });

  it('reset forgets a key; two limits never share a key', async () => {
    const { limits } = setUp();
    const one = limits.define({ name: 'test.one', limit: 1, windowMs: 60_000 });
    const two = limits.define({ name: 'test.two', limit: 1, windowMs: 60_000 });
    assert.equal((await one.hit('k')).allowed, true);
    assert.equal((await two.hit('k')).allowed, true);
    assert.equal((await one.hit('k')).allowed, false);
    await one.reset('k');
    assert.equal((await one.hit('k')).allowed, true);
    assert.equal((await two.hit('k')).allowed, false);
  });

  it('one name is one limit: defined again with the same numbers it is shared, with others it throws', () => {
    const { limits } = setUp();
    const first = limits.define({ name: 'test.same', limit: 2, windowMs: 1000 });
    assert.equal(limits.define({ name: 'test.same', limit: 2, windowMs: 1000 }), first);
    assert.throws(
      () => limits.define({ name: 'test.same', limit: 3, windowMs: 1000 }),
      /other numbers/,
    );
    assert.throws(() => limits.define({ name: 'Bad Name', limit: 1, windowMs: 1000 }), /must be/);
    assert.throws(() => limits.define({ name: 'test.zero', limit: 0, windowMs: 1000 }), /positive/);
  });

  it('peek tells whether a hit would be allowed, without counting one', async () => {
    const { limits, advance } = setUp();
    const failures = limits.define({ name: 'test.failures', limit: 2, windowMs: 60_000 });
    assert.equal((await failures.peek('ip')).allowed, true);
    await failures.hit('ip');
    assert.equal((await failures.peek('ip')).allowed, true);
    assert.equal((await failures.peek('ip')).allowed, true, 'peeking counted nothing');
    await failures.hit('ip');
    assert.deepEqual(await failures.peek('ip'), { allowed: false, retryAfterSeconds: 60 });
    advance(60_000);
    assert.equal((await failures.peek('ip')).allowed, true);
  });

  it('hitAll counts every limiter and returns the longest wait', async () => {
    const { limits } = setUp();
    const short = limits.define({ name: 'test.short', limit: 1, windowMs: 10_000 });
    const long = limits.define({ name: 'test.long', limit: 1, windowMs: 60_000 });
    assert.equal(
      await hitAll([
        [short, 'x'],
        [long, 'x'],
      ]),
      0,
    );
    assert.equal(
      await hitAll([
        [short, 'x'],
        [long, 'y'],
      ]),
      10,
    );
    assert.equal(
      await hitAll([
        [short, 'y'],
        [long, 'x'],
      ]),
      60,
    );
  });
});
