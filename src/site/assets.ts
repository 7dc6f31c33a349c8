import { createHash } from 'node:crypto';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import type { MessageKey } from './i18n/messages.en.js';
import { catalogs, locales } from './i18n/translate.js';
import { readSiteAsset } from './asset-files.js';

// Static assets are read once, on first use, and served under content-hashed names, so they can
// be cached for a year and a deploy changes their URLs. Each compressed form is made when the
// first reader asks for it (brotli at its best level takes tens of milliseconds: not at start).

export interface Asset {
  path: string;
  contentType: string;
  body: Buffer;
  gzip: Buffer;
  brotli: Buffer;
  etag: string;
}

/**
 * Scripts show a few words (buttons, labels) in the page's language: `__MASTHEAD_MESSAGES__`
 * in the script becomes `{en: {key: text}, uk: {…}}` for the keys it names, from the catalogs,
 * so the HTML (cached, the same for everyone) needs no extra markup.
 */
function withMessages(source: Buffer, keys: readonly MessageKey[]): Buffer {
  const messages = Object.fromEntries(
    locales.map((locale) => [
      locale,
      Object.fromEntries(keys.map((key) => [key, catalogs[locale][key]])),
    ]),
  );
  const text = source.toString('utf8');
  // Only the assignment, not the `/* global … */` comment naming it for the linter.
  const marker = '= __MASTHEAD_MESSAGES__;';
  if (!text.includes(marker)) throw new Error(`A script asks for messages without "${marker}"`);
  return Buffer.from(text.replace(marker, `= ${JSON.stringify(messages)};`));
}

function loadAsset(file: string, contentType: string, messages: readonly MessageKey[] = []): Asset {
  const source = readSiteAsset(file);
  const body = messages.length > 0 ? withMessages(source, messages) : source;
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 10);
  const [name, ext] = file.split('.');
  let gzip: Buffer | undefined;
  let brotli: Buffer | undefined;
  return {
    path: `/assets/${name}.${hash}.${ext}`,
    contentType,
    body,
    get gzip() {
      return (gzip ??= gzipSync(body, { level: 9 }));
    },
    get brotli() {
      return (brotli ??= brotliCompressSync(body));
    },
    etag: `"${hash}"`,
  };
}

type SiteAssets = {
  css: Asset;
  meter: Asset;
  editPost: Asset;
  audioPlayer: Asset;
  live: Asset;
  liveCss: Asset;
};

let cached: SiteAssets | undefined;

/** The site's assets (loaded on first use). */
export function siteAssets(): SiteAssets {
  cached ??= {
    css: loadAsset('site.css', 'text/css; charset=utf-8'),
    meter: loadAsset('meter.js', 'text/javascript; charset=utf-8', [
      'access.meter.left',
      'access.meter.last',
      'access.meter.spent',
    ]),
    editPost: loadAsset('edit-post.js', 'text/javascript; charset=utf-8', ['layout.editPost']),
    audioPlayer: loadAsset('audio-player.js', 'text/javascript; charset=utf-8', [
      'audio.controls',
      'audio.play',
      'audio.pause',
      'audio.back',
      'audio.forward',
      'audio.position',
      'audio.speed',
      'audio.positionOf',
    ]),
    liveCss: loadAsset('live.css', 'text/css; charset=utf-8'),
    live: loadAsset('live.js', 'text/javascript; charset=utf-8', [
      'live.newUpdates',
      'live.showNew',
      'live.announceNew',
      'live.noUpdates',
    ]),
  };
  return cached;
}
