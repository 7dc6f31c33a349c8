import { createHash } from 'node:crypto';
import { readSiteAsset } from '../site/asset-files.js';

// The signup enhancement script lives with the site's assets (copied into dist/ by the build)
// and is served under a content-hashed path, so it can be cached for a year.

let cached: { path: string; body: Buffer; etag: string } | undefined;

/** The script's body, hashed path and ETag. */
export function signupScript(): { path: string; body: Buffer; etag: string } {
  if (!cached) {
    const body = readSiteAsset('newsletter-signup.js');
    const hash = createHash('sha256').update(body).digest('hex').slice(0, 10);
    cached = { path: `/newsletters/signup.${hash}.js`, body, etag: `"${hash}"` };
  }
  return cached;
}
