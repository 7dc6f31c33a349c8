import assert from 'node:assert/strict';
import { it } from 'node:test';
import sharp from 'sharp';
import { describeEachDialect } from '../platform/db/test-databases.js';
import { describeEachStorage } from '../platform/storage/test-fixtures/each-storage.js';
import { collectMediaGarbage } from './media-gc.service.js';
import { defaultMediaLimits, uploadMedia, variantsOf } from './media.service.js';

const dayMs = 24 * 3600 * 1000;

describeEachDialect('media garbage collection', (getDatabase) =>
  describeEachStorage('files', (getStore) => {
    it('deletes files no entry names once past the grace period, and nothing in use', async () => {
      const storage = getStore();
      const deps = { storage, limits: defaultMediaLimits, now: () => new Date() };
      const bytes = await sharp({
        create: { width: 500, height: 300, channels: 3, background: '#336699' },
      })
        .jpeg()
        .toBuffer();
      const row = await uploadMedia(
        getDatabase().db,
        deps,
        {
          bytes,
          fileName: 'kept.jpg',
          declaredType: 'image/jpeg',
          alt: 'kept',
          caption: '',
          credit: '',
        },
        null,
      );
      // A file written by an upload whose row never committed.
      const orphan = `media/ff/${'f'.repeat(64)}-320.webp`;
      await storage.put(orphan, Buffer.from('orphan'));
      const gc = (inDays: number, dryRun = false) =>
        collectMediaGarbage(
          { database: getDatabase(), storage, now: () => new Date(Date.now() + inDays * dayMs) },
          { dryRun },
        );
      const now = await gc(0);
      assert.deepEqual(now.filesDeleted, [], 'an upload may still be in progress');
      assert.ok(now.keptInGrace >= 1);
      const dry = await gc(2, true);
      assert.deepEqual(dry.filesDeleted, [orphan]);
      assert.ok(await storage.stat(orphan), 'a dry run deletes nothing');
      const later = await gc(2);
      assert.deepEqual(later.filesDeleted, [orphan]);
      assert.equal(await storage.stat(orphan), undefined);
      for (const variant of variantsOf(row))
        assert.ok(await storage.stat(`media/${variant.path}`), `${variant.path} is in use`);
    });
  }),
);
