import { createHash } from 'node:crypto';
import { readSiteAsset } from '../site/asset-files.js';

// The reader's push script (under a content-hashed path, cached for a year) and the service
// worker (at the site root, so its scope is the whole site; revalidated on every check, as a
// browser's service worker update wants). Both live with the site's assets (copied by the build).

export interface PushAsset {
  path: string;
  body: Buffer;
  etag: string;
}

let script: PushAsset | undefined;
let worker: PushAsset | undefined;

function etagOf(body: Buffer): string {
  return `"${createHash('sha256').update(body).digest('hex').slice(0, 10)}"`;
}

/** The opt-in buttons' script: `/push/alerts.<hash>.js`. */
export function pushScript(): PushAsset {
  if (!script) {
    const body = readSiteAsset('push-alerts.js');
    const etag = etagOf(body);
    script = { path: `/push/alerts.${etag.slice(1, -1)}.js`, body, etag };
  }
  return script;
}

/** The service worker: `/push-sw.js`. */
export function pushServiceWorker(): PushAsset {
  if (!worker) {
    const body = readSiteAsset('push-sw.js');
    worker = { path: '/push-sw.js', body, etag: etagOf(body) };
  }
  return worker;
}
