import type { Metadata } from 'sharp';
import { AppError } from '../platform/errors.js';
import { lazyModule } from '../platform/modules/lazy-module.js';
import type { AcceptedImageType } from './image-type.js';
import type { VariantFormat } from './media.table.js';

/** sharp (libvips) loads with the first image processed, not when a web process starts. */
export const loadSharp = lazyModule(async () => (await import('sharp')).default);

/** Aspect-ratio crops made for structured data (Google asks for 16:9, 4:3 and 1:1). */
export const cropRatios = { '16x9': [16, 9], '4x3': [4, 3], '1x1': [1, 1] } as const;
export type CropRatio = keyof typeof cropRatios;
/** Crops are this wide when the original allows (Google recommends at least 1200 px). */
export const cropWidth = 1200;

/** Widths made for `srcset`; never larger than the original (no upscaling). */
export const variantWidths = [320, 640, 960, 1280, 1920] as const;

export interface ImageLimits {
  /** Largest accepted image in pixels (width × height), e.g. 40 megapixels. */
  maxPixels: number;
}

export interface EncodedVariant {
  format: VariantFormat;
  width: number;
  height: number;
  data: Buffer;
  fallback: boolean;
  /** Set on the aspect-ratio crops (JPEG, or PNG when transparent), absent on srcset variants. */
  crop?: CropRatio;
}

export interface ProcessedImage {
  width: number;
  height: number;
  variants: EncodedVariant[];
}

// sharp reports AVIF as its container, HEIF.
const sharpFormatOf: Record<AcceptedImageType, string> = {
  jpeg: 'jpeg',
  png: 'png',
  webp: 'webp',
  avif: 'heif',
  gif: 'gif',
};

const damaged = (label: string) =>
  new AppError(
    422,
    'image_unreadable',
    `This file starts like ${label} but could not be read: it is damaged, truncated or not really an image. Export it again and retry.`,
  );

// At most two images are encoded at once per process: each can take seconds of CPU and some
// hundred MB of memory, and the same CPUs serve readers' pages.
const maxConcurrentImages = 2;
let running = 0;
const waiting: Array<() => void> = [];

async function withImageSlot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= maxConcurrentImages) await new Promise<void>((resolve) => waiting.push(resolve));
  running += 1;
  try {
    return await work();
  } finally {
    running -= 1;
    waiting.shift()?.();
  }
}

/** The size of the `ratio` crop of a `width` × `height` image: as wide as allowed, ≤ cropWidth. */
export function cropSize(width: number, height: number, ratio: CropRatio) {
  const [rw, rh] = cropRatios[ratio];
  const widest = Math.min(width, Math.floor((height * rw) / rh));
  const w = Math.max(1, Math.min(cropWidth, widest));
  return { width: w, height: Math.max(1, Math.round((w * rh) / rw)) };
}

/** Encodes the aspect-ratio crops from decoded pixels, keeping the most interesting part. */
export async function encodeCrops(
  pixels: Buffer,
  raw: { raw: { width: number; height: number; channels: 1 | 2 | 3 | 4 } },
  transparent: boolean,
): Promise<EncodedVariant[]> {
  const sharp = await loadSharp();
  return Promise.all(
    (Object.keys(cropRatios) as CropRatio[]).map(async (ratio) => {
      const size = cropSize(raw.raw.width, raw.raw.height, ratio);
      let pipeline = sharp(pixels, raw).resize({
        ...size,
        fit: 'cover',
        position: sharp.strategy.attention,
      });
      pipeline = transparent
        ? pipeline.png({ compressionLevel: 9 })
        : pipeline.flatten({ background: '#ffffff' }).jpeg({ quality: 82, mozjpeg: true });
      const { data, info } = await pipeline.toBuffer({ resolveWithObject: true });
      const format: VariantFormat = transparent ? 'png' : 'jpeg';
      return { format, width: info.width, height: info.height, data, fallback: false, crop: ratio };
    }),
  );
}

/** The widths to make for an image `width` pixels wide. */
export function widthsFor(width: number): number[] {
  const widths: number[] = variantWidths.filter((w) => w <= width);
  return widths.length > 0 ? widths : [width];
}

/**
 * Confirms the type with sharp, then makes AVIF and WebP at each width and one JPEG (PNG when
 * the image has transparency) at the largest width. Output carries no metadata (sharp strips
 * EXIF/GPS unless asked to keep it) and is turned upright by its EXIF orientation.
 */
export function processImage(
  bytes: Buffer,
  type: AcceptedImageType,
  label: string,
  limits: ImageLimits,
): Promise<ProcessedImage> {
  return withImageSlot(() => encodeVariants(bytes, type, label, limits));
}

async function encodeVariants(
  bytes: Buffer,
  type: AcceptedImageType,
  label: string,
  limits: ImageLimits,
): Promise<ProcessedImage> {
  const sharp = await loadSharp();
  const options = { limitInputPixels: limits.maxPixels, failOn: 'warning' as const };
  let metadata: Metadata;
  try {
    // Reading the header decodes no pixels; the limit is checked below with a clear message.
    metadata = await sharp(bytes, { ...options, limitInputPixels: false }).metadata();
  } catch (error) {
    if (error instanceof Error && /pixel limit/i.test(error.message)) throw tooLarge(limits);
    throw damaged(label);
  }
  if (metadata.format !== sharpFormatOf[type] || !metadata.width || !metadata.height)
    throw damaged(label);
  const frameHeight = metadata.pageHeight ?? metadata.height;
  if (metadata.width * frameHeight > limits.maxPixels)
    throw tooLarge(limits, metadata.width, frameHeight);
  const swapped = (metadata.orientation ?? 1) >= 5;
  const width = swapped ? frameHeight : metadata.width;
  const height = swapped ? metadata.width : frameHeight;
  const widths = widthsFor(width);
  const largest = widths[widths.length - 1] ?? width;
  let variants: EncodedVariant[];
  try {
    // Decode, turn upright and shrink once; every variant is encoded from these pixels, so a
    // large original is held in memory once, not once per variant. The master keeps up to the
    // widest srcset width (1920) so the crops can reach cropWidth when the original allows.
    const masterWidth = Math.min(width, variantWidths[variantWidths.length - 1] ?? largest);
    const master = await sharp(bytes, options)
      .rotate()
      .resize({ width: Math.max(largest, masterWidth), withoutEnlargement: true })
      .raw()
      .toBuffer({ resolveWithObject: true });
    const raw = {
      raw: {
        width: master.info.width,
        height: master.info.height,
        channels: master.info.channels,
      },
    };
    const pixels = master.data;
    const encode = async (format: VariantFormat, w: number): Promise<EncodedVariant> => {
      let pipeline = sharp(master.data, raw).resize({ width: w, withoutEnlargement: true });
      pipeline =
        format === 'avif'
          ? pipeline.avif({ quality: 55, effort: 2 })
          : format === 'webp'
            ? pipeline.webp({ quality: 78 })
            : format === 'png'
              ? pipeline.png({ compressionLevel: 9 })
              : pipeline.flatten({ background: '#ffffff' }).jpeg({ quality: 82, mozjpeg: true });
      const { data, info } = await pipeline.toBuffer({ resolveWithObject: true });
      const fallback = format === 'jpeg' || format === 'png';
      return { format, width: info.width, height: info.height, data, fallback };
    };
    // An alpha channel that is fully opaque (GIFs often have one) still gets a JPEG fallback.
    const transparent =
      metadata.hasAlpha === true &&
      master.info.channels === 4 &&
      !(await sharp(master.data, raw).stats()).isOpaque;
    variants = await Promise.all([
      ...widths.flatMap((w) => [encode('avif', w), encode('webp', w)]),
      encode(transparent ? 'png' : 'jpeg', largest),
      encodeCrops(pixels, raw, transparent),
    ]).then((list) => list.flat());
  } catch (error) {
    if (error instanceof Error && /pixel limit/i.test(error.message)) throw tooLarge(limits);
    throw damaged(label);
  }
  return { width, height, variants };
}

function tooLarge(limits: ImageLimits, width?: number, height?: number): AppError {
  const megapixels = (n: number) => `${Math.round((n / 1_000_000) * 10) / 10} megapixels`;
  const size = width && height ? ` (${width} × ${height} = ${megapixels(width * height)})` : '';
  return new AppError(
    422,
    'image_too_many_pixels',
    `This image is too large${size}: the limit is ${megapixels(limits.maxPixels)}. Scale it down and upload it again.`,
  );
}
