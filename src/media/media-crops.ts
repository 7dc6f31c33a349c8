import type { Executor } from '../platform/db/database.js';
import { nowIso } from '../platform/db/database.js';
import { encodeCrops, loadSharp } from './image-variants.js';
import { mediaKey, variantPath, writeMediaFiles } from './media-files.js';
import type { MediaDeps } from './media.service.js';
import { fallbackOf, variantsOf } from './media.service.js';
import type { MediaRow, MediaVariant } from './media.table.js';

// Library entries uploaded before crops existed get them from their largest stored fallback
// (JPEG/PNG, up to 1920 px wide; the upload itself is not kept). `masthead media crops` runs it.

/** Adds the 16:9, 4:3 and 1:1 crops to an entry that lacks them; false when there was nothing to do. */
export async function addMissingCrops(
  executor: Executor,
  deps: Pick<MediaDeps, 'storage' | 'now'>,
  row: MediaRow,
): Promise<boolean> {
  const variants = variantsOf(row);
  if (variants.some((v) => v.crop)) return false;
  const fallback = fallbackOf(variants);
  if (!fallback) return false;
  const sharp = await loadSharp();
  const original = await deps.storage.get(mediaKey(fallback.path));
  if (!original) throw new Error(`the stored file ${fallback.path} is missing`);
  const decoded = await sharp(original).raw().toBuffer({ resolveWithObject: true });
  const raw = {
    raw: {
      width: decoded.info.width,
      height: decoded.info.height,
      channels: decoded.info.channels,
    },
  };
  const crops = await encodeCrops(decoded.data, raw, fallback.format === 'png');
  const files = crops.map((c) => ({
    variant: {
      format: c.format,
      width: c.width,
      height: c.height,
      path: variantPath(row.hash, c.width, c.format, c.crop),
      ...(c.crop ? { crop: c.crop } : {}),
    } satisfies MediaVariant,
    data: c.data,
  }));
  await writeMediaFiles(
    deps.storage,
    files.map((f) => ({ path: f.variant.path, data: f.data })),
  );
  await executor
    .updateTable('media')
    .set({
      variants: JSON.stringify([...variants, ...files.map((f) => f.variant)]),
      updated_at: nowIso(deps.now()),
    })
    .where('id', '=', row.id)
    .execute();
  return true;
}

/** Adds crops to every entry without them, in id order; returns how many got them. */
export async function addMissingCropsToLibrary(
  executor: Executor,
  deps: Pick<MediaDeps, 'storage' | 'now'>,
  onError: (row: MediaRow, error: Error) => void,
): Promise<number> {
  let done = 0;
  let afterId = 0;
  for (;;) {
    const rows = await executor
      .selectFrom('media')
      .selectAll()
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(100)
      .execute();
    if (rows.length === 0) return done;
    for (const row of rows) {
      afterId = row.id;
      try {
        if (await addMissingCrops(executor, deps, row)) done += 1;
      } catch (error) {
        onError(row, error as Error);
      }
    }
  }
}
