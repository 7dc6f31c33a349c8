import { createHash } from 'node:crypto';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { readSiteAsset } from '../site/asset-files.js';

// The reading-statistics beacon, under a content-hashed path and cached for a year. It is on
// every page, so it is served small: site assets have no minifier, so its comments and the
// whitespace between tokens go here, before hashing (the source keeps its explanations).

export interface AnalyticsAsset {
  path: string;
  body: Buffer;
  gzip: Buffer;
  brotli: Buffer;
  etag: string;
}

const wordCharacter = /[\w$]/;

/**
 * The script without whole-line `//` comments, blank lines, indentation, trailing commas or
 * spaces between tokens (string literals are kept as written). Only for sources that keep every
 * comment on a line of its own and use no regular-expression literals, as analytics.js does.
 */
export function compactScript(source: string): string {
  const text = source
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('//'))
    .join('\n');
  let out = '';
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const char = text.charAt(i);
    if (quote !== undefined) {
      out += char;
      if (char === '\\') out += text.charAt(++i);
      else if (char === quote) quote = undefined;
      continue;
    }
    if (char === "'" || char === '"') quote = char;
    const before = out.charAt(out.length - 1);
    const after = text.charAt(i + 1);
    if (char === ' ') {
      // Kept only where two words would merge or `+ +` would become `++`.
      const merges = wordCharacter.test(before) && wordCharacter.test(after);
      if (merges || (before === after && (before === '+' || before === '-'))) out += char;
      continue;
    }
    // A line break after these, or before a closing bracket, can never end a statement early
    // (no automatic semicolon); a trailing comma or a semicolon before `}` changes nothing.
    const next = text
      .slice(i + 1)
      .trimStart()
      .charAt(0);
    if (char === '\n' && ('{(,;'.includes(before) || next === '}' || next === ')')) continue;
    if ((char === ',' && (next === ')' || next === '}')) || (char === ';' && next === '}'))
      continue;
    out += char;
  }
  return out;
}

function buildAsset(name: string, body: Buffer): AnalyticsAsset {
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 10);
  let gzip: Buffer | undefined;
  let brotli: Buffer | undefined;
  return {
    path: `/stats/${name}.${hash}.js`,
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

const compacted = (file: string) => compactScript(readSiteAsset(file).toString('utf8'));

let touch: AnalyticsAsset | undefined;
let script: AnalyticsAsset | undefined;

/** The attribution script the beacon loads where it can matter: `/stats/t.<hash>.js`. */
export function touchScript(): AnalyticsAsset {
  return (touch ??= buildAsset('t', Buffer.from(compacted('analytics-touch.js'))));
}

/** The beacon: `/stats/s.<hash>.js` (its compressed forms are made on the first request). */
export function analyticsScript(): AnalyticsAsset {
  if (!script) {
    const source = compacted('analytics.js');
    if (!source.includes("'/stats/touch.js'"))
      throw new Error('analytics.js lost the placeholder of the touch script');
    // The beacon names the touch script's hashed path, so a new touch script is a new beacon.
    script = buildAsset(
      's',
      Buffer.from(source.replace("'/stats/touch.js'", `'${touchScript().path}'`)),
    );
  }
  return script;
}

/** Both scripts, by path. */
export function analyticsAssets(): AnalyticsAsset[] {
  return [analyticsScript(), touchScript()];
}
