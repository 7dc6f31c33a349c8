import { createHash } from 'node:crypto';
import { findArticlesUsingMedia } from '../content/article-media.service.js';
import type { PictureSources } from '../content/document/picture-html.js';
import type { Executor } from '../platform/db/database.js';
import { nowIso } from '../platform/db/database.js';
import { AppError, conflict, notFound, validationError } from '../platform/errors.js';
import type { BlobStore } from '../platform/storage/blob-store.js';
import { claimsToBeImage, sniffImageType } from './image-type.js';
import { type ImageLimits, processImage } from './image-variants.js';
import {
  allFilesExist,
  mediaUrl,
  removeMediaFiles,
  variantPath,
  writeMediaFiles,
} from './media-files.js';
import * as media from './media.repository.js';
import type { MediaRow, MediaVariant } from './media.table.js';

/** Default limits: an upload of at most 20 MB and 40 megapixels. */
export const defaultMediaLimits = { maxUploadBytes: 20 * 1024 * 1024, maxPixels: 40_000_000 };

/** What the media rules need: where files go, the limits and the clock. */
export interface MediaDeps {
  /** Where the variants are stored (the blob store's `media/`). */
  storage: BlobStore;
  limits: ImageLimits & { maxUploadBytes: number };
  now: () => Date;
}

export interface Upload {
  bytes: Buffer;
  /** As the client named it: kept (sanitized) as metadata only. */
  fileName: string;
  /** The client's Content-Type: never trusted, used only to word an error. */
  declaredType: string;
  alt: string;
  caption: string;
  credit: string;
}

/** The stored variants of an entry. */
export function variantsOf(row: MediaRow): MediaVariant[] {
  return JSON.parse(row.variants) as MediaVariant[];
}

/** A client file name made safe to store and show: no folders, no control characters, short. */
export function sanitizeFileName(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? '';
  return (
    base
      .normalize('NFC')
      // eslint-disable-next-line no-control-regex -- control characters are what we remove
      .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028\u2029\ufeff]/g, '')
      .trim()
      .slice(0, 200)
  );
}

/** Megabytes for messages. */
export function describeBytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return mb >= 1 ? `${Math.round(mb * 10) / 10} MB` : `${Math.round(bytes / 1024)} KB`;
}

/**
 * Stores an uploaded image: checks its type by content, makes its variants (or reuses the files
 * of earlier uploads of the same bytes) and adds a library entry. Every upload makes its own
 * entry, so the same picture can carry different alt text and captions in different places.
 */
export async function uploadMedia(
  executor: Executor,
  deps: MediaDeps,
  upload: Upload,
  createdBy: number | null,
): Promise<MediaRow> {
  if (upload.bytes.length === 0)
    throw validationError({ file: ['the file is empty'] }, 'The uploaded file is empty.');
  if (upload.bytes.length > deps.limits.maxUploadBytes) throw uploadTooLarge(deps);
  const originalName = sanitizeFileName(upload.fileName);
  const sniffed = sniffImageType(upload.bytes);
  if (sniffed.kind !== 'accepted') {
    const named = originalName ? `"${originalName}"` : 'the file';
    if (sniffed.kind === 'unknown' && claimsToBeImage(upload.fileName, upload.declaredType))
      throw new AppError(
        422,
        'not_an_image',
        `${named} is presented as an image, but its content is ${sniffed.label}. Upload the real JPEG, PNG, WebP, AVIF or GIF file.`,
      );
    throw new AppError(
      415,
      'unsupported_media_type',
      `Only JPEG, PNG, WebP, AVIF and GIF images can be uploaded; this file is ${sniffed.label}.`,
    );
  }
  const hash = createHash('sha256').update(upload.bytes).digest('hex');
  const existing = await media.findMediaByHash(executor, hash);
  let width: number;
  let height: number;
  let variants: MediaVariant[];
  if (
    existing &&
    (await allFilesExist(
      deps.storage,
      variantsOf(existing).map((v) => v.path),
    ))
  ) {
    ({ width, height } = existing);
    variants = variantsOf(existing);
  } else {
    const processed = await processImage(upload.bytes, sniffed.type, sniffed.label, deps.limits);
    ({ width, height } = processed);
    const files = processed.variants.map((v) => ({
      variant: {
        format: v.format,
        width: v.width,
        height: v.height,
        path: variantPath(hash, v.width, v.format, v.crop),
        ...(v.fallback ? { fallback: true } : {}),
        ...(v.crop ? { crop: v.crop } : {}),
      },
      data: v.data,
    }));
    await writeMediaFiles(
      deps.storage,
      files.map((f) => ({ path: f.variant.path, data: f.data })),
    );
    variants = files.map((f) => f.variant);
  }
  const stamp = nowIso(deps.now());
  return media.insertMedia(executor, {
    hash,
    mime: sniffed.mime,
    width,
    height,
    byte_size: upload.bytes.length,
    variants: JSON.stringify(variants),
    alt: upload.alt,
    caption: upload.caption,
    credit: upload.credit,
    original_name: originalName,
    created_by: createdBy,
    created_at: stamp,
    updated_at: stamp,
  });
}

/** 413 naming the limit. */
export function uploadTooLarge(deps: Pick<MediaDeps, 'limits'>): AppError {
  return new AppError(
    413,
    'payload_too_large',
    `This file is larger than the upload limit of ${describeBytes(deps.limits.maxUploadBytes)}. Resize or compress it and try again.`,
  );
}

/** An entry, or 404. */
export async function getMedia(executor: Executor, id: number): Promise<MediaRow> {
  const row = await media.findMediaById(executor, id);
  if (!row) throw notFound('Image');
  return row;
}

/** Changes alt text, caption or credit; returns the pages to purge (featured-image credits). */
export async function editMedia(
  executor: Executor,
  deps: Pick<MediaDeps, 'now'>,
  id: number,
  changes: { alt?: string | undefined; caption?: string | undefined; credit?: string | undefined },
): Promise<{ row: MediaRow; purgeKeys: string[] }> {
  await getMedia(executor, id);
  const row = await media.updateMediaText(executor, id, {
    ...(changes.alt !== undefined ? { alt: changes.alt } : {}),
    ...(changes.caption !== undefined ? { caption: changes.caption } : {}),
    ...(changes.credit !== undefined ? { credit: changes.credit } : {}),
    updated_at: nowIso(deps.now()),
  });
  if (!row) throw notFound('Image');
  const users = await findArticlesUsingMedia(executor, id);
  return { row, purgeKeys: users.map((a) => `article:${a.id}`) };
}

/**
 * Deletes an entry unless an article uses it (409 naming the articles). Its files go with the
 * last entry that shares them; the caller removes them after the commit (`filesToRemove`).
 */
export async function deleteMedia(
  executor: Executor,
  id: number,
): Promise<{ filesToRemove: string[] }> {
  const row = await getMedia(executor, id);
  const users = await findArticlesUsingMedia(executor, id);
  if (users.length > 0) {
    const titles = users.slice(0, 3).map((a) => `"${a.title}"`);
    const more = users.length > 3 ? ` and ${users.length - 3} more` : '';
    throw conflict(
      `This image is used by ${users.length === 1 ? 'an article' : `${users.length} articles`}: ${titles.join(', ')}${more}. Remove it from ${users.length === 1 ? 'that article' : 'them'} first.`,
      'media_in_use',
    );
  }
  await media.deleteMedia(executor, id);
  const others = await media.countMediaWithHash(executor, row.hash);
  return { filesToRemove: others === 0 ? variantsOf(row).map((v) => v.path) : [] };
}

/** Removes files after the deletion committed. */
export function removeFiles(deps: Pick<MediaDeps, 'storage'>, paths: string[]): Promise<void> {
  return removeMediaFiles(deps.storage, paths);
}

/** `srcset` for one format, smallest first. */
export function srcsetFor(variants: MediaVariant[], format: 'avif' | 'webp'): string {
  return variants
    .filter((v) => v.format === format && !v.crop)
    .sort((a, b) => a.width - b.width)
    .map((v) => `${mediaUrl(v.path)} ${v.width}w`)
    .join(', ');
}

/** The fallback (JPEG or PNG) variant. */
export function fallbackOf(variants: MediaVariant[]): MediaVariant | undefined {
  return variants.find((v) => v.fallback) ?? variants.filter((v) => !v.crop).at(-1);
}

/** What a page needs to draw an entry as `<picture>`. */
export function pictureOf(row: MediaRow): PictureSources | undefined {
  const variants = variantsOf(row);
  const fallback = fallbackOf(variants);
  if (!fallback) return undefined;
  return {
    src: mediaUrl(fallback.path),
    width: row.width,
    height: row.height,
    sources: [
      { type: 'image/avif', srcset: srcsetFor(variants, 'avif') },
      { type: 'image/webp', srcset: srcsetFor(variants, 'webp') },
    ],
  };
}

/** A library image ready to draw on a page (and its credit, for featured images). */
export interface PagePicture {
  picture: PictureSources;
  credit: string;
  /** The 16:9, 4:3 and 1:1 crops (for structured data), when the entry has them. */
  crops: Array<{ url: string; width: number; height: number }>;
}

/** A page's library images in one query, ready to draw. */
export async function loadPictures(
  executor: Executor,
  ids: number[],
): Promise<Map<number, PagePicture>> {
  const rows = await media.findMediaByIds(executor, ids);
  const pictures = new Map<number, PagePicture>();
  for (const row of rows) {
    const picture = pictureOf(row);
    const crops = variantsOf(row)
      .filter((v) => v.crop)
      .map((v) => ({ url: mediaUrl(v.path), width: v.width, height: v.height }));
    if (picture) pictures.set(row.id, { picture, credit: row.credit, crops });
  }
  return pictures;
}

/** For the article rules: names (messages) and fallback URLs (featured images) by id. */
export async function lookupMedia(
  executor: Executor,
  ids: number[],
): Promise<Map<number, { name: string; url: string }>> {
  const rows = await media.findMediaByIds(executor, ids);
  return new Map(
    rows.map((row) => {
      const fallback = fallbackOf(variantsOf(row));
      return [row.id, { name: row.original_name, url: fallback ? mediaUrl(fallback.path) : '' }];
    }),
  );
}
