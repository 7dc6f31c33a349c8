import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createBackup } from '../platform/backup/create-backup.js';
import { restoreBackup } from '../platform/backup/restore-backup.js';
import { verifyBackup } from '../platform/backup/verify-backup.js';
import { createTestDatabase, type TestDatabase } from '../platform/db/test-databases.js';
import type { BlobStore } from '../platform/storage/blob-store.js';
import {
  startTestS3Server,
  type TestS3Server,
  testS3Store,
} from '../platform/storage/test-fixtures/s3-server.js';
import { indexAllArticles } from '../search/search.service.js';
import {
  buildBackupTestSite,
  hashBlobs,
  renderPublicPages,
} from '../test-support/backup-test-site.js';

// Backup and restore when media and audio live in an S3 bucket (s3rver in its own process):
// by default the file lists the bucket's objects without their bytes (the bucket is its own
// backup); with includeBlobs (`--include-blobs`) it carries them, and a restore can fill a new
// bucket.
describe('backup → restore with S3 storage', () => {
  let dir = '';
  let s3: TestS3Server | undefined;
  let source: TestDatabase | undefined;
  let sourceStore: BlobStore | undefined;
  const stores: BlobStore[] = [];
  const targets: TestDatabase[] = [];

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'masthead-backup-s3-'));
    s3 = await startTestS3Server(['masthead-test']);
    source = await createTestDatabase('sqlite');
    sourceStore = testS3Store(s3);
    await buildBackupTestSite(source, sourceStore);
  });
  after(async () => {
    for (const store of [sourceStore, ...stores]) store?.close();
    for (const target of [source, ...targets]) await target?.cleanup();
    await s3?.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function freshTarget() {
    const target = await createTestDatabase('sqlite', { migrate: false });
    targets.push(target);
    return target;
  }

  it('lists the bucket without its bytes by default, and restores against the same bucket', async () => {
    assert(source && sourceStore);
    const file = join(dir, 'listed.tar.gz');
    const manifest = await createBackup({ databaseUrl: source.url, storage: sourceStore, file });
    assert.equal(manifest.storage.kind, 's3');
    assert.equal(manifest.storage.blobsIncluded, false);
    assert.ok(manifest.blobs.length > 0 && manifest.blobs.every((b) => !b.entry));
    assert.deepEqual((await verifyBackup(file)).problems, []);

    const target = await freshTarget();
    const result = await restoreBackup({ database: target, storage: sourceStore, file });
    assert.equal(result.blobsWritten, 0);
    await indexAllArticles(target.db);
    assert.deepEqual(
      await renderPublicPages(target, sourceStore),
      await renderPublicPages(source, sourceStore),
    );
  });

  it('refuses, restoring nothing, when the listed objects are not in the bucket it is given', async () => {
    assert(source && sourceStore && s3);
    const file = join(dir, 'listed-elsewhere.tar.gz');
    await createBackup({ databaseUrl: source.url, storage: sourceStore, file });
    const empty = testS3Store(s3);
    stores.push(empty);
    const target = await freshTarget();
    await assert.rejects(
      restoreBackup({ database: target, storage: empty, file }),
      /are not in .*--include-blobs.*Nothing was restored/s,
    );
    const tables = await target.db.introspection.getTables();
    const articles = tables.some((t) => t.name === 'articles')
      ? await target.db.selectFrom('articles').select('id').execute()
      : [];
    assert.deepEqual(articles, []);
  });

  it('carries the objects with includeBlobs, and fills a new bucket from them', async () => {
    assert(source && sourceStore && s3);
    const file = join(dir, 'with-blobs.tar.gz');
    const manifest = await createBackup({
      databaseUrl: source.url,
      storage: sourceStore,
      file,
      includeBlobs: true,
    });
    assert.equal(manifest.storage.blobsIncluded, true);
    assert.ok(manifest.blobs.every((b) => b.entry));
    const fresh = testS3Store(s3);
    stores.push(fresh);
    const target = await freshTarget();
    const result = await restoreBackup({ database: target, storage: fresh, file });
    assert.equal(result.blobsWritten, manifest.blobs.length);
    await indexAllArticles(target.db);
    assert.deepEqual(await hashBlobs(fresh), await hashBlobs(sourceStore));
    assert.deepEqual(
      await renderPublicPages(target, fresh),
      await renderPublicPages(source, sourceStore),
    );
  });
});
