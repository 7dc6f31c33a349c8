// A small MPEG audio frame-header reader: enough to measure an MP3 exactly (duration, sample
// rate, channels, bitrate) without decoding it, and to splice per-paragraph MP3s together.

export interface Mp3Frame {
  offset: number;
  length: number;
  sampleRate: number;
  bitrateKbps: number;
  channels: 1 | 2;
  samples: number;
}

const bitrates: Record<string, number[]> = {
  // MPEG-1 Layer III; MPEG-2/2.5 Layer III
  v1: [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  v2: [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
};
const sampleRates: Record<number, number[]> = {
  3: [44100, 48000, 32000],
  2: [22050, 24000, 16000],
  0: [11025, 12000, 8000],
};

/** The Layer III frame starting at `offset`, or undefined when the bytes there are not one. */
export function readFrameHeader(bytes: Uint8Array, offset: number): Mp3Frame | undefined {
  if (offset + 4 > bytes.length) return undefined;
  const b1 = bytes[offset + 1] ?? 0;
  const b2 = bytes[offset + 2] ?? 0;
  const b3 = bytes[offset + 3] ?? 0;
  if (bytes[offset] !== 0xff || (b1 & 0xe0) !== 0xe0) return undefined;
  const version = (b1 >> 3) & 3; // 3 = MPEG-1, 2 = MPEG-2, 0 = MPEG-2.5
  const layer = (b1 >> 1) & 3; // 1 = Layer III
  if (version === 1 || layer !== 1) return undefined;
  const bitrateIndex = b2 >> 4;
  const rateIndex = (b2 >> 2) & 3;
  if (bitrateIndex === 0 || bitrateIndex === 15 || rateIndex === 3) return undefined;
  const bitrateKbps = (version === 3 ? bitrates.v1 : bitrates.v2)?.[bitrateIndex] ?? 0;
  const sampleRate = sampleRates[version]?.[rateIndex] ?? 0;
  const padding = (b2 >> 1) & 1;
  const samples = version === 3 ? 1152 : 576;
  const length = Math.floor(((samples / 8) * bitrateKbps * 1000) / sampleRate) + padding;
  const channels = b3 >> 6 === 3 ? 1 : 2;
  return { offset, length, sampleRate, bitrateKbps, channels, samples };
}

/** Every audio frame in an MP3 (skipping an ID3v2 tag), checked to follow each other exactly. */
export function readFrames(bytes: Uint8Array): Mp3Frame[] {
  let offset = 0;
  if (bytes[0] === 0x49 && bytes[1] === 0x44 && bytes[2] === 0x33 && bytes.length >= 10) {
    const size =
      ((bytes[6] ?? 0) << 21) | ((bytes[7] ?? 0) << 14) | ((bytes[8] ?? 0) << 7) | (bytes[9] ?? 0);
    offset = 10 + size;
  }
  const frames: Mp3Frame[] = [];
  while (offset < bytes.length) {
    const frame = readFrameHeader(bytes, offset);
    if (!frame || frame.length <= 4) {
      if (frames.length === 0) {
        offset += 1; // leading junk before the first frame
        continue;
      }
      throw new Error(`MP3 frame sync lost at byte ${offset}`);
    }
    frames.push(frame);
    offset += frame.length;
  }
  return frames;
}

/** Duration, format and size of an MP3. */
export function describeMp3(bytes: Uint8Array): {
  frames: number;
  durationSeconds: number;
  sampleRate: number;
  channels: number;
  bitrateKbps: number;
} {
  const frames = readFrames(bytes);
  const first = frames[0];
  if (!first) throw new Error('no MP3 frames found');
  const samples = frames.reduce((sum, f) => sum + f.samples, 0);
  return {
    frames: frames.length,
    durationSeconds: samples / first.sampleRate,
    sampleRate: first.sampleRate,
    channels: first.channels,
    bitrateKbps: first.bitrateKbps,
  };
}
