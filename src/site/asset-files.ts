import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// Where the site's static files (src/site/assets, copied to dist/server/site/assets by the
// build) are, wherever this code runs from: beside this module under tsx (src/site/), or at
// site/assets under the bundled server's folder (dist/server/, where every chunk lives).

let directory: string | undefined;

function assetDirectory(): string {
  if (directory) return directory;
  for (const candidate of ['./assets/', './site/assets/']) {
    const path = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(path)) return (directory = path);
  }
  throw new Error(
    `The site's asset folder is missing next to ${fileURLToPath(import.meta.url)}: rebuild with \`npm run build\`.`,
  );
}

/** The bytes of one of the site's static files (`site.css`, `support-gate.js`, …). */
export function readSiteAsset(file: string): Buffer {
  return readFileSync(`${assetDirectory()}${file}`);
}
