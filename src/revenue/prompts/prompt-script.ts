import { createHash } from 'node:crypto';
import { readSiteAsset } from '../../site/asset-files.js';

// The prompts' browser scripts live with the site's assets (copied into dist/ by the build)
// and are served under content-hashed paths, so they can be cached for a year.

interface HashedScript {
  path: string;
  body: Buffer;
  etag: string;
}

function hashedScript(file: string, name: string): HashedScript {
  const body = readSiteAsset(file);
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 10);
  return { path: `/support/${name}.${hash}.js`, body, etag: `"${hash}"` };
}

let prompts: HashedScript | undefined;
let walls: HashedScript | undefined;

/** The prompts script's body, hashed path and ETag. */
export function supportScript(): HashedScript {
  return (prompts ??= hashedScript('support-prompts.js', 'prompts'));
}

/** The soft walls' script (support-walls.js): only on pages that carry a wall. */
export function wallScript(): HashedScript {
  return (walls ??= hashedScript('support-walls.js', 'walls'));
}
