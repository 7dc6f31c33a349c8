import assert from 'node:assert/strict';
import { it } from 'node:test';
import { createPageCache } from './page-cache.js';

const page = (keys: string[]) => ({
  status: 200,
  contentType: 'text/html; charset=utf-8',
  body: '<p>page</p>',
  surrogateKeys: keys,
});

it('fragments are purged with the pages that carry the same surrogate keys', () => {
  const cache = createPageCache({ maxBytes: 1_000_000 });
  const { fragments } = cache;
  const generation = cache.generation();
  fragments.set(
    'bylines:1',
    { authors: ['Olena'] },
    { surrogateKeys: ['article:1'], bytes: 64, generation },
  );
  fragments.set(
    'bylines:2',
    { authors: ['Taras'] },
    { surrogateKeys: ['article:2'], bytes: 64, generation },
  );
  cache.store('/one/', page(['article:1']));
  assert.deepEqual(fragments.get('bylines:1'), { authors: ['Olena'] });
  cache.purgeKeys(['article:1']);
  assert.equal(fragments.get('bylines:1'), undefined, 'purged with its key');
  assert.deepEqual(fragments.get('bylines:2'), { authors: ['Taras'] }, 'other keys stay');
  assert.equal(cache.lookup('/one/'), undefined);
  cache.purgeKeys(['all']);
  assert.equal(fragments.get('bylines:2'), undefined, '`all` clears fragments too');
  assert.equal(fragments.stats().entries, 0);
  assert.equal(fragments.stats().bytes, 0);
});

it('a fragment read before a purge of one of its keys is refused', () => {
  const cache = createPageCache({ maxBytes: 1_000_000 });
  const before = cache.generation();
  cache.purgeKeys(['article:7']);
  cache.fragments.set('related:7', ['old'], {
    surrogateKeys: ['article:7'],
    bytes: 10,
    generation: before,
  });
  assert.equal(cache.fragments.get('related:7'), undefined);
  cache.fragments.set('related:8', ['fine'], {
    surrogateKeys: ['article:8'],
    bytes: 10,
    generation: before,
  });
  assert.deepEqual(cache.fragments.get('related:8'), ['fine'], 'other keys were not purged');
  const beforeAll = cache.generation();
  cache.purgeAll();
  cache.fragments.set('related:9', ['old'], {
    surrogateKeys: ['article:9'],
    bytes: 10,
    generation: beforeAll,
  });
  assert.equal(
    cache.fragments.get('related:9'),
    undefined,
    'purgeAll refuses everything read before it',
  );
});

it('fragments stay within their budget, least recently used out first, even with pages off', () => {
  const cache = createPageCache({ maxBytes: 0, maxFragmentBytes: 16_000 });
  const generation = cache.generation();
  const set = (key: string) =>
    cache.fragments.set(key, key, { surrogateKeys: [`article:${key}`], bytes: 900, generation });
  for (const key of 'abcdefghijklmnopqrst') set(key);
  assert.equal(cache.fragments.get('a'), undefined, 'the oldest went first');
  assert.equal(cache.fragments.get('t'), 't');
  assert.ok(cache.fragments.stats().bytes <= 16_000);
  cache.fragments.set('huge', 'x', { surrogateKeys: [], bytes: 2_000, generation });
  assert.equal(
    cache.fragments.get('huge'),
    undefined,
    'one fragment never takes over 1/16 of the budget',
  );
  assert.equal(cache.store('/page/', page(['article:p'])), undefined, 'pages stay off at 0 MB');
});
