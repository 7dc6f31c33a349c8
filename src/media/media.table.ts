import type { Generated, Insertable, Selectable } from 'kysely';

/** The formats the server writes. */
export type VariantFormat = 'avif' | 'webp' | 'jpeg' | 'png';

/** One stored file of a library entry (paths are relative to DATA_DIR/media). */
export interface MediaVariant {
  format: VariantFormat;
  width: number;
  height: number;
  path: string;
  /** The JPEG/PNG image for browsers without AVIF/WebP and for feeds. */
  fallback?: boolean;
  /** An aspect-ratio crop for structured data (16x9, 4x3, 1x1); not part of srcset. */
  crop?: '16x9' | '4x3' | '1x1';
}

export interface MediaTable {
  id: Generated<number>;
  /** SHA-256 (hex) of the uploaded bytes; file names are made from it. */
  hash: string;
  /** The uploaded image's type as read from its content, e.g. image/png. */
  mime: string;
  /** Intrinsic size after applying the EXIF orientation. */
  width: number;
  height: number;
  byte_size: number;
  /** JSON array of MediaVariant. */
  variants: string;
  alt: string;
  caption: string;
  credit: string;
  /** The client's file name, sanitized; metadata only, never used for a path. */
  original_name: string;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export type MediaRow = Selectable<MediaTable>;
export type NewMediaRow = Insertable<MediaTable>;

declare module '../platform/db/database-schema.js' {
  interface Database {
    media: MediaTable;
  }
}
