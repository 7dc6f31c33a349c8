import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import type { BlobStore } from './blob-store.js';
import { copyBlobs, type CopyProgress } from './copy-blobs.js';
import { createLocalBlobStore } from './local-blob-store.js';
import { describeEachStorage } from './test-fixtures/each-storage.js';

async function keys(store: BlobStore): Promise<string[]> {
  const found: string[] = [];
  for (const prefix of ['media/', 'audio/'])
    for await (const blob of store.list(prefix)) found.push(blob.key);
  return found.sort();
}

describeEachStorage('storage migrate: copy every blob to another store', (getStore) => {
  let dir = '';
  let source: BlobStore;
  const expected: string[] = [];
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'masthead-copy-'));
    source = createLocalBlobStore(dir);
    for (let i = 0; i < 40; i += 1) {
      const key = i % 2 ? `media/${String(i).padStart(2, '0')}/img-${i}.webp` : `audio/${i}.mp3`;
      await source.put(key, Buffer.alloc(100 + i, i));
      expected.push(key);
    }
    await source.put('audio/cache/p.mp3', Buffer.from('paragraph'));
    expected.push('audio/cache/p.mp3');
    expected.sort();
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('resumes after a stop: a second run copies only what the first did not', async () => {
    const target = getStore();
    // The first run dies after 15 puts (as a SIGKILL would stop it: each put is whole).
    let puts = 0;
    const dying: BlobStore = {
      ...target,
      put: async (key, data) => {
        puts += 1;
        if (puts > 15) throw new Error('killed');
        await target.put(key, data);
      },
    };
    const first = await copyBlobs(source, dying, { concurrency: 1 });
    assert.equal(first.copied, 15);
    assert.equal(first.failed.length, expected.length - 15);
    const progress: CopyProgress[] = [];
    const second = await copyBlobs(source, target, { onProgress: (p) => progress.push(p) });
    assert.deepEqual(second.failed, []);
    assert.equal(second.skipped, 15, 'the first run’s copies are kept');
    assert.equal(second.copied, expected.length - 15);
    assert.deepEqual(await keys(target), expected);
    for (const key of expected) assert.deepEqual(await target.get(key), await source.get(key), key);
    assert.equal(progress.at(-1)?.done, expected.length);
    assert.equal(progress[0]?.done, 0);
    const third = await copyBlobs(source, target);
    assert.equal(third.copied, 0, 'nothing left to copy');
  });
});
