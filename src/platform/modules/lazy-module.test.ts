import assert from 'node:assert/strict';
import { it } from 'node:test';
import { lazyModule } from './lazy-module.js';

it('lazyModule imports nothing until first use, then reuses the one import', async () => {
  let loads = 0;
  const load = lazyModule(async () => {
    loads += 1;
    return { value: loads };
  });
  assert.equal(loads, 0);
  const [a, b] = await Promise.all([load(), load()]);
  assert.equal(a, b);
  assert.equal(await load(), a);
  assert.equal(loads, 1);
});

it('lazyModule tries again after a failed import instead of remembering the failure', async () => {
  let attempts = 0;
  const load = lazyModule(async () => {
    attempts += 1;
    if (attempts === 1) throw new Error('disk hiccup');
    return 'loaded';
  });
  await assert.rejects(load(), /disk hiccup/);
  assert.equal(await load(), 'loaded');
  assert.equal(attempts, 2);
});
