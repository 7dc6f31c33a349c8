import { randomBytes } from 'node:crypto';
import sharp from 'sharp';

// Real images made with sharp, and multipart bodies built by hand, for the media tests.

/** An opaque photo-like PNG of the given size. */
export function makePng(width: number, height: number, alpha = false): Promise<Buffer> {
  return sharp({
    create: {
      width,
      height,
      channels: alpha ? 4 : 3,
      background: alpha ? { r: 30, g: 90, b: 160, alpha: 0.5 } : { r: 200, g: 60, b: 40 },
    },
  })
    .png()
    .toBuffer();
}

/** A JPEG with EXIF orientation 6 (shot sideways) and a camera/GPS-like EXIF block. */
export function makeRotatedJpeg(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 20, g: 120, b: 60 } } })
    .jpeg()
    .withMetadata({ orientation: 6 })
    .withExifMerge({
      IFD0: { Make: 'SecretCam', Model: 'Leaky 3000' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '50/1 27/1 0/1' },
    })
    .toBuffer();
}

export interface FilePart {
  name: string;
  type: string;
  data: Buffer;
}

/** A multipart/form-data request body with text fields and (optionally) one file. */
export function multipart(fields: Record<string, string>, file?: FilePart) {
  const boundary = `----masthead${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
      ),
    );
  }
  if (file) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
      file.data,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(chunks),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
