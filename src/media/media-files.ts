import type { BlobStore } from '../platform/storage/blob-store.js';
import type { VariantFormat } from './media.table.js';

// Media files live in the blob store under `media/` (DATA_DIR/media locally) with names the server makes from the content hash:
// `ab/abcdef…-1280.webp`. Nothing the client sends becomes part of a path.

const extensions: Record<VariantFormat, string> = {
  avif: 'avif',
  webp: 'webp',
  jpeg: 'jpg',
  png: 'png',
};

export const contentTypes: Record<string, string> = {
  avif: 'image/avif',
  webp: 'image/webp',
  jpg: 'image/jpeg',
  png: 'image/png',
};

/** The only shape of path the file route serves (the two-character folder is the hash's start). */
const servedPath =
  /^([0-9a-f]{2})\/(\1[0-9a-f]{62})-(?:(?:16x9|4x3|1x1)-)?([1-9]\d{0,4})\.(avif|webp|jpg|png)$/;

/** The blob key of a media file: `media/<path>`. */
export function mediaKey(path: string): string {
  return `media/${path}`;
}

/** The server-made relative path of one variant (`…-16x9-1200.jpg` for a crop). */
export function variantPath(
  hash: string,
  width: number,
  format: VariantFormat,
  crop?: '16x9' | '4x3' | '1x1',
): string {
  if (!/^[0-9a-f]{64}$/.test(hash)) throw new Error('media hash must be 64 hex digits');
  return `${hash.slice(0, 2)}/${hash}-${crop ? `${crop}-` : ''}${width}.${extensions[format]}`;
}

/** The public URL of a stored file. */
export function mediaUrl(path: string): string {
  return `/media/${path}`;
}

/** A requested path when it is one the server could have made, with its content type. */
export function parseServedPath(path: string): { path: string; contentType: string } | undefined {
  const match = servedPath.exec(path);
  const extension = match?.[4];
  const contentType = extension ? contentTypes[extension] : undefined;
  return match && contentType ? { path, contentType } : undefined;
}

/** Whether every listed file is stored (a re-upload of the same bytes can then skip sharp). */
export async function allFilesExist(storage: BlobStore, paths: string[]): Promise<boolean> {
  const found = await Promise.all(paths.map((p) => storage.stat(mediaKey(p))));
  return found.every(Boolean);
}

/** Stores files; each put is whole or nothing, so a reader never sees half a file. */
export async function writeMediaFiles(
  storage: BlobStore,
  files: Array<{ path: string; data: Buffer }>,
): Promise<void> {
  await Promise.all(files.map((file) => storage.put(mediaKey(file.path), file.data)));
}

/** Removes files (missing ones are fine). */
export async function removeMediaFiles(storage: BlobStore, paths: string[]): Promise<void> {
  await storage.delete(paths.map(mediaKey));
}
