import { createHash } from 'node:crypto';
import { readSiteAsset } from '../../site/asset-files.js';

// The /account/ pages' own stylesheet: kept out of site.css so the CSS every article reader
// downloads stays small. It lives with the site's assets (copied into dist/ by the build) and
// is served under a content-hashed path, cached for a year.

let cached: { path: string; body: Buffer; etag: string } | undefined;

/** The stylesheet's body, hashed path and ETag. */
export function accountStyles(): { path: string; body: Buffer; etag: string } {
  if (!cached) {
    const body = readSiteAsset('account.css');
    const hash = createHash('sha256').update(body).digest('hex').slice(0, 10);
    cached = { path: `/account/account.${hash}.css`, body, etag: `"${hash}"` };
  }
  return cached;
}
