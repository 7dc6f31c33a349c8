import { createLocalBlobStore } from './local-blob-store.js';
import { createS3BlobStore, type S3Options } from './s3-blob-store.js';
import type { BlobStore } from './blob-store.js';
import type { StorageTarget } from './storage-url.js';

/** The blob store STORAGE_URL names (local files under DATA_DIR by default). */
export function openBlobStore(
  target: StorageTarget,
  dataDir: string,
  options: S3Options = {},
): BlobStore {
  return target.kind === 'local'
    ? createLocalBlobStore(dataDir)
    : createS3BlobStore(target, options);
}
