import assert from 'node:assert/strict';
import { it } from 'node:test';
import { createTaggedLru } from './tagged-lru.js';

it('evicts in least-recently-used order, keeping a value that is in use', () => {
  const lru = createTaggedLru<number>(100); // room for 100 one-byte values
  for (let i = 0; i < 100; i += 1) lru.set(`k${i}`, i, [`tag:${i % 3}`], 1);
  // k0 is the oldest; used on every round of a long run of new values, it must never go.
  for (let i = 100; i < 1_000; i += 1) {
    assert.equal(lru.get('k0'), 0, `k0 gone after ${i - 100} insertions`);
    lru.set(`k${i}`, i, ['tag:new'], 1);
    assert.ok(lru.bytes <= 100);
  }
  assert.equal(lru.size, 100);
  // The values never used were evicted oldest first: the newest 99 remain.
  assert.equal(lru.get('k901'), 901);
  assert.equal(lru.get('k999'), 999);
  assert.equal(lru.get('k900'), undefined);
  assert.equal(lru.get('k1'), undefined);
});

it('moves a used value back, so the unused ones go oldest first', () => {
  const lruSmall = createTaggedLru<number>(10);
  for (let i = 0; i < 10; i += 1) lruSmall.set(`k${i}`, i, [], 1);
  lruSmall.get('k0'); // oldest: moved, so k1 is now the first to go
  lruSmall.get('k9'); // newest: stays
  lruSmall.set('k10', 10, [], 1);
  assert.equal(lruSmall.get('k1'), undefined, 'k1 went first');
  assert.equal(lruSmall.get('k0'), 0, 'the used oldest value stayed');
  lruSmall.set('k11', 11, [], 1);
  assert.equal(lruSmall.get('k2'), undefined);
  assert.equal(lruSmall.size, 10);
});

it('purges by surrogate key and keeps its byte count', () => {
  const lru = createTaggedLru<string>(1_000);
  lru.set('a', 'A', ['article:1', 'home'], 10);
  lru.set('b', 'B', ['article:2', 'home'], 20);
  lru.set('c', 'C', ['article:3'], 30);
  assert.equal(lru.purgeKeys(['home']), 2);
  assert.equal(lru.bytes, 30);
  assert.equal(lru.get('c'), 'C');
  lru.set('c', 'C2', ['article:3'], 5);
  assert.equal(lru.bytes, 5, 'replacing a value replaces its bytes');
});
