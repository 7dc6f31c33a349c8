import { readFile, stat } from 'node:fs/promises';
import { basename, join, relative, resolve, sep } from 'node:path';
import { uploadMedia, type MediaDeps } from '../../media/media.service.js';
import type { Executor } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';

/** A WordPress attachment as the export describes it. */
export interface WordPressAttachment {
  url: string;
  alt: string;
  caption: string;
}

/** Where `--media-dir` files are read from, and the media library they go into. */
export interface WordPressMediaSource {
  /** A copy of the old site's `wp-content/uploads` folder (or a flat folder of its files). */
  dir: string;
  deps: MediaDeps;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/**
 * The local file for an attachment URL: `…/wp-content/uploads/2026/03/a.jpg` is looked for as
 * `<dir>/2026/03/a.jpg`, then `<dir>/a.jpg`. Never a path outside `dir`.
 */
export async function findAttachmentFile(dir: string, url: string): Promise<string | undefined> {
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url).pathname);
  } catch {
    return undefined;
  }
  const root = resolve(dir);
  const afterUploads = pathname.split('/wp-content/uploads/')[1];
  const candidates = [afterUploads, basename(pathname)].filter(
    (c): c is string => typeof c === 'string' && c !== '',
  );
  for (const candidate of candidates) {
    const path = resolve(join(root, candidate));
    const inside = relative(root, path);
    if (inside === '' || inside.startsWith('..') || inside.startsWith(sep)) continue;
    if (await isFile(path)) return path;
  }
  return undefined;
}

/**
 * Copies an attachment's file into the media library (through the media service, so its
 * variants and crops are made). Undefined when the file is not in the folder; a file the
 * library refuses (not an image, too large) is a warning, and the image stays a link.
 */
export async function copyAttachment(
  executor: Executor,
  source: WordPressMediaSource,
  attachment: WordPressAttachment,
  warnings: string[],
): Promise<number | undefined> {
  const file = await findAttachmentFile(source.dir, attachment.url);
  if (!file) return undefined;
  try {
    const row = await uploadMedia(
      executor,
      source.deps,
      {
        bytes: await readFile(file),
        fileName: basename(file),
        declaredType: '',
        alt: attachment.alt,
        caption: attachment.caption,
        credit: '',
      },
      null,
    );
    return row.id;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    warnings.push(`${basename(file)} was not copied into the media library: ${error.message}`);
    return undefined;
  }
}
