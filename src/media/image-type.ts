// Recognizes an upload by its first bytes. The client's file name and Content-Type are never
// trusted to decide what a file is; they only choose between "this is not an image we take"
// (415) and "this claims to be an image but is not one" (422) in the error message.

/** The formats the library accepts. */
export type AcceptedImageType = 'jpeg' | 'png' | 'webp' | 'avif' | 'gif';

export type SniffResult =
  | { kind: 'accepted'; type: AcceptedImageType; mime: string; label: string }
  | { kind: 'refused'; label: string }
  | { kind: 'unknown'; label: string };

export const acceptedMimeTypes: Record<AcceptedImageType, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  avif: 'image/avif',
  gif: 'image/gif',
};

const labels: Record<AcceptedImageType, string> = {
  jpeg: 'a JPEG image',
  png: 'a PNG image',
  webp: 'a WebP image',
  avif: 'an AVIF image',
  gif: 'a GIF image',
};

const ascii = (bytes: Buffer, start: number, end: number): string =>
  bytes.subarray(start, end).toString('latin1');

function accepted(type: AcceptedImageType): SniffResult {
  return { kind: 'accepted', type, mime: acceptedMimeTypes[type], label: labels[type] };
}

// ISO base media files (AVIF, HEIC, MP4…) name their brands in the `ftyp` box.
function isoBrands(bytes: Buffer): string[] {
  if (bytes.length < 16 || ascii(bytes, 4, 8) !== 'ftyp') return [];
  const boxSize = Math.min(bytes.readUInt32BE(0), bytes.length, 256);
  const brands = [ascii(bytes, 8, 12)];
  for (let offset = 16; offset + 4 <= boxSize; offset += 4)
    brands.push(ascii(bytes, offset, offset + 4));
  return brands;
}

function looksLikeSvg(bytes: Buffer): boolean {
  const head = bytes
    .subarray(0, 4096)
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart()
    .toLowerCase();
  if (head.startsWith('<svg')) return true;
  return (
    (head.startsWith('<?xml') || head.startsWith('<!doctype svg') || head.startsWith('<!--')) &&
    head.includes('<svg')
  );
}

function looksLikeText(bytes: Buffer): boolean {
  const sample = bytes.subarray(0, 4096);
  if (sample.length === 0) return false;
  let control = 0;
  for (const byte of sample) if (byte === 0 || byte < 9 || (byte > 13 && byte < 32)) control += 1;
  return control / sample.length < 0.01;
}

/** Says what a file is from its content alone. */
export function sniffImageType(bytes: Buffer): SniffResult {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff)
    return accepted('jpeg');
  if (
    bytes.length >= 8 &&
    bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  )
    return accepted('png');
  if (bytes.length >= 6 && /^GIF8[79]a$/.test(ascii(bytes, 0, 6))) return accepted('gif');
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP')
    return accepted('webp');
  const brands = isoBrands(bytes);
  if (brands.includes('avif') || brands.includes('avis')) return accepted('avif');
  if (brands.some((b) => ['heic', 'heix', 'mif1', 'msf1', 'heim', 'heis'].includes(b)))
    return { kind: 'refused', label: 'a HEIC/HEIF image (export it as JPEG first)' };
  if (brands.length > 0) return { kind: 'refused', label: 'a video or other media file' };
  if (looksLikeSvg(bytes))
    return { kind: 'refused', label: 'an SVG image (SVG can carry scripts)' };
  const magic = ascii(bytes, 0, 8);
  if (magic.startsWith('%PDF')) return { kind: 'refused', label: 'a PDF document' };
  if (magic.startsWith('II*\0') || magic.startsWith('MM\0*'))
    return { kind: 'refused', label: 'a TIFF image' };
  if (magic.startsWith('PK\x03\x04'))
    return { kind: 'refused', label: 'a ZIP archive or office document' };
  // Text is checked before the weak two- and four-byte signatures below ("BM…" is also text).
  if (looksLikeText(bytes)) return { kind: 'unknown', label: 'text, not an image' };
  if (magic.startsWith('BM')) return { kind: 'refused', label: 'a BMP image' };
  if (bytes.length >= 4 && bytes.readUInt32BE(0) === 0x00000100)
    return { kind: 'refused', label: 'an icon file' };
  return { kind: 'unknown', label: 'not a recognized image format' };
}

/** Whether the client presented the file as an image (name or declared type); used only for messages. */
export function claimsToBeImage(fileName: string, declaredType: string): boolean {
  return (
    /\.(jpe?g|jfif|png|webp|avif|gif|heic|heif|bmp|tiff?)$/i.test(fileName) ||
    /^image\//i.test(declaredType)
  );
}
