import type { BlobStore } from './blob-store.js';

// Copies every blob under the given prefixes from one store to another (`masthead storage
// migrate`). Resumable by construction: the destination is listed first and a blob already
// there with the same size is skipped, and every put is whole or nothing, so a run stopped
// at any point (even by SIGKILL) is finished by running it again.

export interface CopyProgress {
  /** Blobs looked at so far, of `total`. */
  done: number;
  total: number;
  copied: number;
  skipped: number;
  bytesCopied: number;
}

export interface CopyResult extends CopyProgress {
  failed: Array<{ key: string; message: string }>;
}

export const storedPrefixes = ['media/', 'audio/'] as const;

export async function copyBlobs(
  from: BlobStore,
  to: BlobStore,
  options: {
    prefixes?: readonly string[];
    concurrency?: number;
    onProgress?: (progress: CopyProgress) => void;
  } = {},
): Promise<CopyResult> {
  const prefixes = options.prefixes ?? storedPrefixes;
  const sources: Array<{ key: string; size: number }> = [];
  const present = new Map<string, number>();
  for (const prefix of prefixes) {
    for await (const blob of from.list(prefix))
      if (!blob.key.endsWith('.tmp')) sources.push({ key: blob.key, size: blob.size });
    for await (const blob of to.list(prefix)) present.set(blob.key, blob.size);
  }
  const result: CopyResult = {
    done: 0,
    total: sources.length,
    copied: 0,
    skipped: 0,
    bytesCopied: 0,
    failed: [],
  };
  const report = () =>
    options.onProgress?.({
      done: result.done,
      total: result.total,
      copied: result.copied,
      skipped: result.skipped,
      bytesCopied: result.bytesCopied,
    });
  report();
  let next = 0;
  const worker = async () => {
    while (next < sources.length) {
      const source = sources[next++];
      if (!source) break;
      try {
        if (present.get(source.key) === source.size) {
          result.skipped += 1;
        } else {
          const bytes = await from.get(source.key);
          if (!bytes) throw new Error('disappeared from the source while copying');
          await to.put(source.key, bytes);
          const written = await to.stat(source.key);
          if (written?.size !== bytes.length)
            throw new Error(
              `the destination holds ${written?.size ?? 'no'} bytes, not ${bytes.length}`,
            );
          result.copied += 1;
          result.bytesCopied += bytes.length;
        }
      } catch (error) {
        result.failed.push({ key: source.key, message: (error as Error).message });
      }
      result.done += 1;
      report();
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 8 }, worker));
  return result;
}
