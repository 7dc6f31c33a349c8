import assert from 'node:assert/strict';
import { it } from 'node:test';
import sharp from 'sharp';
import { describeEachDialect } from '../platform/db/test-databases.js';
import { describeEachStorage } from '../platform/storage/test-fixtures/each-storage.js';
import { addMissingCropsToLibrary } from './media-crops.js';
import { defaultMediaLimits, uploadMedia, variantsOf } from './media.service.js';

describeEachDialect('crops for images uploaded before crops existed', (getDatabase) =>
  describeEachStorage('files', (getStore) => {
    it('adds 16:9, 4:3 and 1:1 crops from the stored fallback, once', async () => {
      const { db } = getDatabase();
      const storage = getStore();
      const deps = { storage, limits: defaultMediaLimits, now: () => new Date() };
      const bytes = await sharp({
        create: { width: 2400, height: 1600, channels: 3, background: '#884422' },
      })
        .jpeg()
        .toBuffer();
      const row = await uploadMedia(
        db,
        deps,
        {
          bytes,
          fileName: 'old.jpg',
          declaredType: 'image/jpeg',
          alt: 'Old',
          caption: '',
          credit: '',
        },
        null,
      );
      // As an entry from before crops: only the srcset variants and the fallback.
      const withoutCrops = variantsOf(row).filter((v) => !v.crop);
      await db
        .updateTable('media')
        .set({ variants: JSON.stringify(withoutCrops) })
        .where('id', '=', row.id)
        .execute();

      const errors: string[] = [];
      const onError = (_: unknown, error: Error) => errors.push(error.message);
      assert.equal(await addMissingCropsToLibrary(db, deps, onError), 1);
      assert.deepEqual(errors, []);
      const updated = await db
        .selectFrom('media')
        .selectAll()
        .where('id', '=', row.id)
        .executeTakeFirstOrThrow();
      const crops = variantsOf(updated).filter((v) => v.crop);
      // From the 1920 × 1280 fallback: 1200 px wide where it allows.
      assert.deepEqual(
        crops.map((c) => `${c.crop} ${c.width}x${c.height}`),
        ['16x9 1200x675', '4x3 1200x900', '1x1 1200x1200'],
      );
      for (const crop of crops) assert.ok(await storage.stat(`media/${crop.path}`), crop.path);
      assert.equal(variantsOf(updated).length, withoutCrops.length + 3);
      assert.equal(await addMissingCropsToLibrary(db, deps, onError), 0);
    });
  }),
);
