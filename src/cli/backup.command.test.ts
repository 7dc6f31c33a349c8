import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createBackup } from '../platform/backup/create-backup.js';
import { restoreBackup } from '../platform/backup/restore-backup.js';
import { verifyBackup } from '../platform/backup/verify-backup.js';
import type { Dialect } from '../platform/db/database.js';
import {
  createTestDatabase,
  type TestDatabase,
  testDialects,
} from '../platform/db/test-databases.js';
import type { BlobStore } from '../platform/storage/blob-store.js';
import { createLocalBlobStore } from '../platform/storage/local-blob-store.js';
import { indexAllArticles } from '../search/search.service.js';
import {
  buildBackupTestSite,
  hashBlobs,
  renderPublicPages,
} from '../test-support/backup-test-site.js';

const pairs: Array<[Dialect, Dialect]> = [
  ['sqlite', 'sqlite'],
  ['sqlite', 'postgres'],
  ['postgres', 'sqlite'],
];

for (const [from, to] of pairs) {
  if (!testDialects.includes(from) || !testDialects.includes(to)) continue;
  describe(`backup → restore, ${from} → ${to}`, () => {
    let dir = '';
    let source: TestDatabase | undefined;
    let target: TestDatabase | undefined;
    let sourceStore: BlobStore | undefined;
    let targetStore: BlobStore | undefined;
    const file = () => join(dir, 'site.masthead-backup.tar.gz');

    before(async () => {
      dir = await mkdtemp(join(tmpdir(), 'masthead-backup-'));
      source = await createTestDatabase(from);
      target = await createTestDatabase(to, { migrate: false });
      sourceStore = createLocalBlobStore(join(dir, 'source'));
      targetStore = createLocalBlobStore(join(dir, 'target'));
      await buildBackupTestSite(source, sourceStore);
    });
    after(async () => {
      sourceStore?.close();
      targetStore?.close();
      await source?.cleanup();
      await target?.cleanup();
      await rm(dir, { recursive: true, force: true });
    });

    it('restores every public page byte for byte and every blob hash for hash', async () => {
      assert(source && target && sourceStore && targetStore);
      let startedAt = performance.now();
      const manifest = await createBackup({
        databaseUrl: source.url,
        storage: sourceStore,
        file: file(),
      });
      const backupMs = performance.now() - startedAt;
      assert.equal(manifest.sourceDialect, from);
      assert.ok(manifest.tables.some((t) => t.name === 'articles' && t.rows === 7));
      assert.ok(!manifest.tables.some((t) => t.name.startsWith('search_')));
      assert.ok(manifest.blobs.some((b) => b.key.startsWith('media/') && b.entry));
      assert.ok(manifest.blobs.some((b) => b.key.startsWith('audio/') && b.entry));
      assert.deepEqual(manifest.sensitive.columns.users, ['password_hash']);
      assert.deepEqual((await verifyBackup(file())).problems, []);

      startedAt = performance.now();
      const result = await restoreBackup({ database: target, storage: targetStore, file: file() });
      await indexAllArticles(target.db);
      const restoreMs = performance.now() - startedAt;
      assert.equal(result.blobsWritten, manifest.blobs.length);
      console.log(
        `  ${from} → ${to}: backup ${Math.round(backupMs)} ms, restore ${Math.round(restoreMs)} ms, ${result.rows} rows, ${result.blobsWritten} blobs`,
      );

      const sourcePages = await renderPublicPages(source, sourceStore);
      for (const [url, page] of Object.entries(sourcePages)) assert.match(page, /^200\n/, url);
      assert.match(sourcePages['/budget-vote/'] ?? '', /The council voted on Tuesday/);
      assert.deepEqual(await renderPublicPages(target, targetStore), sourcePages);
      assert.deepEqual(await hashBlobs(targetStore), await hashBlobs(sourceStore));
    });

    it('keeps ids and continues them: a new article after a restore gets the next id', async () => {
      assert(source && target);
      const before = await target.db
        .selectFrom('articles')
        .select((eb) => eb.fn.max('id').as('id'))
        .executeTakeFirstOrThrow();
      const inserted = await target.db
        .insertInto('tags')
        .values({
          name: 'After restore',
          slug: 'after-restore',
          description: '',
          created_at: new Date().toISOString(),
          updated_at: new Date().toISOString(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      assert.ok(Number(before.id) >= 7);
      const maxTag = await source.db
        .selectFrom('tags')
        .select((eb) => eb.fn.max('id').as('id'))
        .executeTakeFirstOrThrow();
      assert.equal(inserted.id, Number(maxTag.id) + 1);
    });
  });
}
