import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { VariantFormat } from './media.table.js';

// Media files live under DATA_DIR/media with names the server makes from the content hash:
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

/** The folder holding every media file. */
export function mediaRoot(dataDir: string): string {
  return join(dataDir, 'media');
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

async function exists(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

/** Whether every listed file is on disk (a re-upload of the same bytes can then skip sharp). */
export async function allFilesExist(root: string, paths: string[]): Promise<boolean> {
  const found = await Promise.all(paths.map((p) => exists(join(root, p))));
  return found.every(Boolean);
}

/** Writes files atomically (temporary name, then rename), so a reader never sees half a file. */
export async function writeMediaFiles(
  root: string,
  files: Array<{ path: string; data: Buffer }>,
): Promise<void> {
  for (const file of files) {
    const target = join(root, file.path);
    await mkdir(dirname(target), { recursive: true });
    const temporary = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await writeFile(temporary, file.data, { flag: 'wx' });
      await rename(temporary, target);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }
}

/** Removes files (missing ones are fine). */
export async function removeMediaFiles(root: string, paths: string[]): Promise<void> {
  await Promise.all(paths.map((p) => rm(join(root, p), { force: true })));
}
