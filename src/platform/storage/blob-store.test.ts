import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Readable } from 'node:stream';
import { assertBlobKey, type BlobStore } from './blob-store.js';
import { createLocalBlobStore } from './local-blob-store.js';
import {
  startTestS3Server,
  testS3Store,
  unreachableS3Store,
  type TestS3Server,
} from './test-fixtures/s3-server.js';

async function text(stream: Readable | undefined): Promise<string | undefined> {
  if (!stream) return undefined;
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks).toString();
}

async function collect(store: BlobStore, prefix: string) {
  const found = [];
  for await (const info of store.list(prefix)) found.push(info);
  return found.sort((a, b) => a.key.localeCompare(b.key));
}

let server: TestS3Server;
const dirs: string[] = [];
before(async () => {
  server = await startTestS3Server();
});
after(async () => {
  await server.close();
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

const backends: Array<[string, () => Promise<BlobStore>]> = [
  [
    'local',
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'masthead-blobs-'));
      dirs.push(dir);
      return createLocalBlobStore(dir);
    },
  ],
  ['s3', async () => testS3Store(server)],
];

for (const [name, make] of backends) {
  describe(`blob store (${name})`, () => {
    test('put, get, stat and ranged reads', async () => {
      const store = await make();
      await store.put('media/ab/abc-1.webp', Buffer.from('hello world'));
      assert.equal((await store.get('media/ab/abc-1.webp'))?.toString(), 'hello world');
      const info = await store.stat('media/ab/abc-1.webp');
      assert.equal(info?.size, 11);
      assert.ok(info && Math.abs(info.usedAt.getTime() - Date.now()) < 60_000);
      assert.equal(
        await text(await store.read('media/ab/abc-1.webp', { start: 2, end: 4 })),
        'llo',
      );
      assert.equal(await text(await store.read('media/ab/abc-1.webp')), 'hello world');
    });

    test('missing blobs are undefined, not errors', async () => {
      const store = await make();
      assert.equal(await store.get('audio/none.mp3'), undefined);
      assert.equal(await store.stat('audio/none.mp3'), undefined);
      assert.equal(await store.read('audio/none.mp3'), undefined);
      await store.delete(['audio/none.mp3']);
      await store.touch('audio/none.mp3', new Date());
    });

    test('a second put of a key replaces it whole (idempotent writes)', async () => {
      const store = await make();
      await store.put('audio/x.mp3', Buffer.from('one'));
      await store.put('audio/x.mp3', Buffer.from('one'));
      assert.equal((await store.get('audio/x.mp3'))?.toString(), 'one');
      assert.equal((await collect(store, 'audio/')).length, 1);
    });

    test('list walks a prefix and nothing outside it', async () => {
      const store = await make();
      await store.put('media/aa/1.png', Buffer.from('1'));
      await store.put('media/bb/2.png', Buffer.from('22'));
      await store.put('audio/cache/3.mp3', Buffer.from('333'));
      assert.deepEqual(
        (await collect(store, 'media/')).map((b) => [b.key, b.size]),
        [
          ['media/aa/1.png', 1],
          ['media/bb/2.png', 2],
        ],
      );
      assert.deepEqual(
        (await collect(store, 'audio')).map((b) => b.key),
        ['audio/cache/3.mp3'],
      );
      assert.deepEqual(await collect(store, 'outbox/'), []);
    });

    test('touch moves the last use forward; delete removes', async () => {
      const store = await make();
      await store.put('audio/t.mp3', Buffer.from('t'));
      const later = new Date(Date.now() + 3600_000);
      await store.touch('audio/t.mp3', later);
      const info = await store.stat('audio/t.mp3');
      assert.ok(
        info && Math.abs(info.usedAt.getTime() - later.getTime()) < 2000,
        String(info?.usedAt),
      );
      await store.delete(['audio/t.mp3']);
      assert.equal(await store.stat('audio/t.mp3'), undefined);
    });

    test('check passes on a reachable store', async () => {
      const store = await make();
      await store.check();
    });
  });
}

test('keys the server could not have made are refused', () => {
  for (const key of ['../etc/passwd', '/abs/x', 'media/../x', 'media', 'Media/X.png', 'media//x'])
    assert.throws(() => assertBlobKey(key), /Not a blob key/);
  assert.equal(assertBlobKey('media/ab/ab12-320.webp'), 'media/ab/ab12-320.webp');
});

test('an unreachable S3 endpoint fails check with a readable message', async () => {
  const store = unreachableS3Store();

  await assert.rejects(
    store.check(),
    /Object storage s3:\/\/masthead-test\/ at http:\/\/127\.0\.0\.1:9/,
  );
  store.close();
});

test('a missing bucket is named in the error', async () => {
  const { createS3BlobStore } = await import('./s3-blob-store.js');
  const { parseStorageUrl } = await import('./storage-url.js');
  const target = parseStorageUrl(server.url('no-such-bucket'));
  assert.equal(target.kind, 's3');
  if (target.kind !== 's3') return;
  const store = createS3BlobStore(target, {
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });
  await assert.rejects(store.put('media/aa/x.png', Buffer.from('x')), /bucket does not exist/);
  store.close();
});

test('local store: a leftover temporary file is listed (for garbage collection)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'masthead-blobs-'));
  dirs.push(dir);
  const store = createLocalBlobStore(dir);
  await store.put('audio/a.mp3', Buffer.from('a'));
  await writeFile(join(dir, 'audio', 'a.mp3.0123456789ab.tmp'), 'partial');
  assert.deepEqual(
    (await collect(store, 'audio/')).map((b) => b.key),
    ['audio/a.mp3', 'audio/a.mp3.0123456789ab.tmp'],
  );
});

test('s3: listings page past 1,000 objects (ListObjectsV2 continuation)', async () => {
  const store = testS3Store(server);
  const keys = Array.from(
    { length: 1203 },
    (_, i) => `media/${String(i % 40).padStart(2, '0')}/f${i}.webp`,
  );
  for (let i = 0; i < keys.length; i += 50)
    await Promise.all(keys.slice(i, i + 50).map((key) => store.put(key, Buffer.from('x'))));
  assert.equal((await collect(store, 'media/')).length, keys.length);
  store.close();
});
