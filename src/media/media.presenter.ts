import { mediaUrl } from './media-files.js';
import { fallbackOf, srcsetFor, variantsOf } from './media.service.js';
import type { MediaRow } from './media.table.js';

/**
 * A library entry as the admin API shows it. URLs are root-relative (`/media/…`): they work on
 * whatever host serves the site. `url` is the JPEG/PNG fallback; `mime` is the uploaded type.
 */
export function presentMedia(row: MediaRow) {
  const variants = variantsOf(row);
  const fallback = fallbackOf(variants);
  return {
    id: row.id,
    url: fallback ? mediaUrl(fallback.path) : '',
    width: row.width,
    height: row.height,
    mime: row.mime,
    byte_size: row.byte_size,
    alt: row.alt,
    caption: row.caption,
    credit: row.credit,
    original_name: row.original_name,
    created_at: row.created_at,
    updated_at: row.updated_at,
    variants: variants.map((v) => ({
      format: v.format,
      width: v.width,
      height: v.height,
      url: mediaUrl(v.path),
      ...(v.crop ? { crop: v.crop } : {}),
    })),
    srcset: { webp: srcsetFor(variants, 'webp'), avif: srcsetFor(variants, 'avif') },
  };
}
