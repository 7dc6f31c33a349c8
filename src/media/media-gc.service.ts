import type { DatabaseHandle } from '../platform/db/database.js';
import type { BlobStore } from '../platform/storage/blob-store.js';
import { listMediaVariants } from './media.repository.js';
import type { MediaVariant } from './media.table.js';

// Garbage collection of media files, on local storage and S3 alike. Files are written before
// the row that names them (so a row never points at a missing file); an upload whose
// transaction then failed, or a node killed between the two, leaves files no row names. They
// are deleted once older than the grace period, which also protects an upload in progress.
// Files named by a row are never touched, however old.

export interface MediaGcDeps {
  database: DatabaseHandle;
  storage: BlobStore;
  now: () => Date;
}

export interface MediaGcResult {
  filesDeleted: string[];
  bytesFreed: number;
  keptInGrace: number;
}

/** One day: far longer than any upload takes. */
export const mediaGraceMs = 24 * 3600 * 1000;

export async function collectMediaGarbage(
  deps: MediaGcDeps,
  options: { graceMs?: number; dryRun?: boolean } = {},
): Promise<MediaGcResult> {
  const cutoff = deps.now().getTime() - (options.graceMs ?? mediaGraceMs);
  const inUse = new Set<string>();
  for (const variants of await listMediaVariants(deps.database.db)) {
    try {
      for (const variant of JSON.parse(variants) as MediaVariant[])
        inUse.add(`media/${variant.path}`);
    } catch {
      // A damaged row keeps nothing alive, but it cannot make us delete more either.
    }
  }
  const result: MediaGcResult = { filesDeleted: [], bytesFreed: 0, keptInGrace: 0 };
  const doomed: string[] = [];
  for await (const blob of deps.storage.list('media/')) {
    if (inUse.has(blob.key)) continue;
    if (blob.usedAt.getTime() > cutoff) {
      result.keptInGrace += 1;
      continue;
    }
    doomed.push(blob.key);
    result.filesDeleted.push(blob.key);
    result.bytesFreed += blob.size;
  }
  if (!options.dryRun) await deps.storage.delete(doomed);
  return result;
}
