import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Mp3Encoder as StockMp3Encoder } from '@breezystack/lamejs';
import { commandExists } from '../engines/binary-engines.js';
import type { PcmAudio } from '../pcm/wav.js';
import { encodeWithLamejs, mp3Format } from './encode-mp3.js';
import { ffmpegEncoder, lamejsEncoder, type Mp3Encoder } from './encoder.js';
import { lameQuality, narrationLameQuality } from './lame-quality.js';
import { describeMp3, readFrames } from './mp3-frames.js';

/** A vowel-like test signal: a 150 Hz tone with harmonics, swelling and fading like syllables. */
function buildSpeechLikeAudio(seconds: number, sampleRate: number): PcmAudio {
  const samples = new Int16Array(Math.round(seconds * sampleRate));
  for (let i = 0; i < samples.length; i += 1) {
    const t = i / sampleRate;
    const envelope = 0.5 + 0.5 * Math.sin(2 * Math.PI * 3 * t);
    const tone =
      Math.sin(2 * Math.PI * 150 * t) +
      0.5 * Math.sin(2 * Math.PI * 300 * t) +
      0.25 * Math.sin(2 * Math.PI * 2400 * t);
    samples[i] = Math.round(6000 * envelope * tone);
  }
  return { samples, sampleRate };
}

async function checkEncoder(encoder: Mp3Encoder) {
  const audio = buildSpeechLikeAudio(3, 22050);
  const encoded = await encoder.encode(audio, 600);
  const mp3 = describeMp3(encoded.mp3);
  assert.equal(mp3.sampleRate, mp3Format.sampleRate);
  assert.equal(mp3.channels, 1);
  assert.equal(mp3.bitrateKbps, mp3Format.bitrateKbps);
  // The speech plus the pause, and at most a couple of frames of encoder delay and padding.
  assert.ok(Math.abs(mp3.durationSeconds - 3.6) < 0.1, `${mp3.durationSeconds} s`);
  assert.ok(Math.abs(encoded.loudness - mp3Format.targetLufs) < 1, `${encoded.loudness} LUFS`);
  assert.ok(encoded.truePeak <= mp3Format.ceilingDb + 1e-9, `${encoded.truePeak} dBTP`);
  assert.ok((encoded.cpuMs?.encoding ?? -1) >= 0, 'reports the encoding CPU time');
}

describe('MP3 encoders', () => {
  it('lamejs runs at LAME quality 7, not the package’s fixed 3', () => {
    assert.equal(lameQuality().quality, narrationLameQuality);
    const pcm = buildSpeechLikeAudio(2, mp3Format.sampleRate).samples;
    const fast = encodeWithLamejs(pcm);
    const stock = new StockMp3Encoder(1, mp3Format.sampleRate, mp3Format.bitrateKbps);
    const bytes = (part: Uint8Array) => Buffer.from(part.buffer, part.byteOffset, part.byteLength);
    const reference = Buffer.concat([bytes(stock.encodeBuffer(pcm)), bytes(stock.flush())]);
    // Same frame layout (constant bitrate), different bits: the quality setting took effect.
    assert.equal(readFrames(fast).length, readFrames(reference).length);
    assert.notDeepEqual(Buffer.from(fast), reference);
  });

  it('lamejs (in the audio child process) makes 44.1 kHz mono 64 kbit/s at −16 LUFS', async () => {
    await checkEncoder(lamejsEncoder);
  });

  it('ffmpeg (Debian package) makes the same format when installed', async (t) => {
    if (!(await commandExists('ffmpeg'))) return t.skip('ffmpeg is not installed');
    await checkEncoder(ffmpegEncoder);
  });
});
