import { integratedLoudness, truePeakDb } from '../pcm/loudness.js';
import { limitPeaks } from '../pcm/limiter.js';
import { resample, toFloat, toInt16 } from '../pcm/resample.js';
import { lameQuality } from './lame-quality.js';

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
  /** CPU time of the two stages in the process that ran them (for benchmarks and logs). */
  cpuMs?: { loudness: number; encoding: number };
}

/** Speech ready to encode: 44.1 kHz, at the target loudness, the pause appended. */
export interface PreparedSpeech {
  pcm: Int16Array;
  loudness: number;
  truePeak: number;
}

/**
 * Normalizes loudness (BS.1770, −16 LUFS, true peak ≤ −1 dBTP) at the engine's own rate,
 * resamples once to 44.1 kHz and appends the pause. Measuring and limiting before the
 * resampling touches half the samples for espeak-ng (22,050 Hz); the band-limited resampler
 * keeps the loudness, and the true peak is checked again on the 44.1 kHz signal. Each
 * paragraph is brought to the target on its own, so the joined file is at the target too and
 * needs no second pass.
 */
export function prepareSpeech(request: EncodeRequest): PreparedSpeech {
  const rate = mp3Format.sampleRate;
  const source = toFloat(request.samples);
  const measured = normalizeLoudness(source, request.sampleRate);
  const speech = request.sampleRate === rate ? source : resample(source, request.sampleRate, rate);
  const capped = Number.isFinite(measured.loudness)
    ? capTruePeak(speech)
    : { truePeak: truePeakDb(speech), gainDb: 0 };
  const pause = Math.round((request.pauseMs / 1000) * rate);
  const pcm = new Int16Array(speech.length + pause); // the pause is the zeros at the end
  pcm.set(toInt16(speech));
  return { pcm, loudness: measured.loudness + capped.gainDb, truePeak: capped.truePeak };
}

/** 44.1 kHz mono PCM to MP3 with lamejs (at narration's LAME quality, see lame-quality.ts). */
export function encodeWithLamejs(pcm: Int16Array): Uint8Array {
  const encoder = lameQuality().create(mp3Format.sampleRate, mp3Format.bitrateKbps);
  const parts: Uint8Array[] = [];
  // lamejs works a frame (1,152 samples) at a time whatever it is given; large blocks only
  // save calls and output copies.
  const block = 1152 * 64;
  for (let i = 0; i < pcm.length; i += block)
    parts.push(encoder.encodeBuffer(pcm.subarray(i, i + block)));
  parts.push(encoder.flush());
  return Buffer.concat(parts.map((p) => new Uint8Array(p.buffer, p.byteOffset, p.byteLength)));
}

/** Lowers `audio` (in place) when its true peak is above the ceiling. */
function capTruePeak(audio: Float32Array): { truePeak: number; gainDb: number } {
  const truePeak = truePeakDb(audio);
  if (truePeak <= mp3Format.ceilingDb) return { truePeak, gainDb: 0 };
  const gainDb = mp3Format.ceilingDb - truePeak;
  const gain = 10 ** (gainDb / 20);
  for (let i = 0; i < audio.length; i += 1) audio[i] = (audio[i] ?? 0) * gain;
  return { truePeak: mp3Format.ceilingDb, gainDb };
}

/**
 * Brings the speech (changed in place) to the target loudness: gain, then the limiter for the
 * peaks the gain pushed over the ceiling, then a second, smaller correction for the loudness
 * the limiter took away; the true peak is capped at the ceiling.
 */
function normalizeLoudness(
  speech: Float32Array,
  rate: number,
): { loudness: number; truePeak: number } {
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
  const capped = capTruePeak(speech);
  return { loudness: loudness + capped.gainDb, truePeak: capped.truePeak };
}
