import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { brotliCompressSync, gzipSync } from 'node:zlib';

// Static assets are read once at start-up and served under content-hashed names, so they can
// be cached for a year and a deploy changes their URLs.

export interface Asset {
  path: string;
  contentType: string;
  body: Buffer;
  gzip: Buffer;
  brotli: Buffer;
  etag: string;
}

function loadAsset(file: string, contentType: string): Asset {
  const body = readFileSync(new URL(`./assets/${file}`, import.meta.url));
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 10);
  const [name, ext] = file.split('.');
  return {
    path: `/assets/${name}.${hash}.${ext}`,
    contentType,
    body,
    gzip: gzipSync(body, { level: 9 }),
    brotli: brotliCompressSync(body),
    etag: `"${hash}"`,
  };
}

let cached: { css: Asset; editPost: Asset; audioPlayer: Asset } | undefined;

/** The site's assets (loaded on first use). */
export function siteAssets(): { css: Asset; editPost: Asset; audioPlayer: Asset } {
  cached ??= {
    css: loadAsset('site.css', 'text/css; charset=utf-8'),
    editPost: loadAsset('edit-post.js', 'text/javascript; charset=utf-8'),
    audioPlayer: loadAsset('audio-player.js', 'text/javascript; charset=utf-8'),
  };
  return cached;
}
