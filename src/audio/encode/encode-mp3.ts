import { Mp3Encoder } from '@breezystack/lamejs';
import { integratedLoudness, truePeakDb } from '../pcm/loudness.js';
import { limitPeaks } from '../pcm/limiter.js';
import { resample, toFloat, toInt16 } from '../pcm/resample.js';

/** The published audio format: MP3, mono, 44.1 kHz, 64 kbit/s (speech needs no more). */
export const mp3Format = { sampleRate: 44100, bitrateKbps: 64, targetLufs: -16, ceilingDb: -1 };

export interface EncodeRequest {
  samples: Int16Array;
  sampleRate: number;
  /** Silence appended after the speech (the pause before the next paragraph). */
  pauseMs: number;
}

export interface EncodedAudio {
  mp3: Uint8Array;
  loudness: number;
  truePeak: number;
}

/**
 * Resamples to 44.1 kHz, normalizes loudness (BS.1770, −16 LUFS, true peak ≤ −1 dBTP) and
 * encodes with lamejs. Runs in the audio child process: it is CPU-bound for seconds on a
 * long paragraph.
 */
export function encodeMp3InProcess(request: EncodeRequest): EncodedAudio {
  const rate = mp3Format.sampleRate;
  const speech = resample(toFloat(request.samples), request.sampleRate, rate);
  const pause = Math.round((request.pauseMs / 1000) * rate);
  const padded = new Float32Array(speech.length + pause);
  padded.set(speech);
  const { loudness, truePeak } = normalizeLoudness(padded, speech.length, rate);
  const pcm = toInt16(padded);
  const encoder = new Mp3Encoder(1, rate, mp3Format.bitrateKbps);
  const parts: Uint8Array[] = [];
  const block = 1152 * 32;
  for (let i = 0; i < pcm.length; i += block)
    parts.push(encoder.encodeBuffer(pcm.subarray(i, i + block)));
  parts.push(encoder.flush());
  return {
    mp3: Buffer.concat(parts.map((p) => new Uint8Array(p.buffer, p.byteOffset, p.byteLength))),
    loudness,
    truePeak,
  };
}

/**
 * Brings the speech (the first `length` samples of `audio`, changed in place) to the target
 * loudness: gain, then the limiter for the peaks the gain pushed over the ceiling, then a
 * second, smaller correction for the loudness the limiter took away.
 */
function normalizeLoudness(
  audio: Float32Array,
  length: number,
  rate: number,
): { loudness: number; truePeak: number } {
  const speech = audio.subarray(0, length);
  const ceiling = 10 ** ((mp3Format.ceilingDb - 0.5) / 20);
  let loudness = integratedLoudness(speech, rate);
  if (!Number.isFinite(loudness)) return { loudness, truePeak: truePeakDb(speech) };
  for (let pass = 0; pass < 2; pass += 1) {
    const gain = 10 ** ((mp3Format.targetLufs - loudness) / 20);
    for (let i = 0; i < speech.length; i += 1) speech[i] = (speech[i] ?? 0) * gain;
    speech.set(limitPeaks(speech, rate, ceiling));
    loudness = integratedLoudness(speech, rate);
    if (Math.abs(loudness - mp3Format.targetLufs) < 0.5) break;
  }
  // The limiter works on samples; an inter-sample peak can still poke above the ceiling.
  let truePeak = truePeakDb(speech);
  if (truePeak > mp3Format.ceilingDb) {
    const gain = 10 ** ((mp3Format.ceilingDb - truePeak) / 20);
    for (let i = 0; i < speech.length; i += 1) speech[i] = (speech[i] ?? 0) * gain;
    loudness += mp3Format.ceilingDb - truePeak;
    truePeak = mp3Format.ceilingDb;
  }
  return { loudness, truePeak };
}
