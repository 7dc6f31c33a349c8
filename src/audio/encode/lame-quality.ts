import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { runInThisContext } from 'node:vm';
import { Mp3Encoder as DefaultMp3Encoder } from '@breezystack/lamejs';

// @breezystack/lamejs hard-codes LAME's quality 3 (full noise shaping, best Huffman search),
// which made it ~80 % of narration's CPU time. LAME's quality 7 ("fast", psychoacoustic model
// on, no noise-shaping search) costs about a third of that for the same bitrate and frame
// layout, and mono 64 kbit/s speech from a synthesizer does not need the search. The package
// exposes no setting, so its script build is loaded once with the constant replaced by a
// property of the constructor. If a future version changes that line, the stock encoder
// (quality 3) is used and `lameQuality().quality` says so (a test checks it).

type Mp3EncoderClass = new (
  channels: number,
  sampleRate: number,
  kbps: number,
) => { encodeBuffer(left: Int16Array): Uint8Array; flush(): Uint8Array };

export interface LameEncoderFactory {
  /** The LAME quality the encoder really uses (0 best/slowest … 9 worst/fastest). */
  quality: number;
  create(sampleRate: number, kbps: number): InstanceType<Mp3EncoderClass>;
}

/** LAME's fast mode: what `lame -f` uses. */
export const narrationLameQuality = 7;

const stockQuality = 3;
const hardCoded = 'R.quality=3,';
let loaded: LameEncoderFactory | undefined;

function loadPatched(quality: number): LameEncoderFactory | undefined {
  try {
    const require = createRequire(import.meta.url);
    const main = require.resolve('@breezystack/lamejs'); // dist/lamejs.iife.js (the script build)
    const source = readFileSync(main, 'utf8');
    if (!main.endsWith('.iife.js') || source.split(hardCoded).length !== 2) return undefined;
    const patched = source.replace(hardCoded, 'R.quality=cr.quality,');
    const lamejs = runInThisContext(`(function(){${patched}\nreturn lamejs;})()`, {
      filename: main,
    }) as { Mp3Encoder: Mp3EncoderClass & { quality?: number } };
    lamejs.Mp3Encoder.quality = quality;
    const Encoder = lamejs.Mp3Encoder;
    return { quality, create: (sampleRate, kbps) => new Encoder(1, sampleRate, kbps) };
  } catch {
    return undefined;
  }
}

/** A mono lamejs encoder factory at narration's quality (or the stock quality as a fallback). */
export function lameQuality(): LameEncoderFactory {
  loaded ??= loadPatched(narrationLameQuality) ?? {
    quality: stockQuality,
    create: (sampleRate, kbps) => new DefaultMp3Encoder(1, sampleRate, kbps),
  };
  return loaded;
}
