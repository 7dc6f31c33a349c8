import { createHash } from 'node:crypto';
import type { BlobStore } from '../platform/storage/blob-store.js';
import { paragraphCacheKey } from './audio-files.js';
import type { Mp3Encoder } from './encode/encoder.js';
import { mp3Format } from './encode/encode-mp3.js';
import { readFrames } from './encode/mp3-frames.js';
import type { SpeechEngine } from './engines/speech-engine.js';
import type { NarrationParagraph } from './narration.table.js';
import { withChime } from './pcm/chime.js';
import { synthesizeWithSentencePauses } from './sentence-pauses.js';

// Spoken units → one MP3, shared by article narration and the live key-events summary: each
// unit's MP3 is cached in the blob store by a hash of its spoken text, voice, engine, encoder
// and pause, so a unit spoken before (in any narration or summary) is never synthesized again.

/** What a unit needs to be spoken: its position (kept in the timings) and spoken text. */
export interface SpokenUnit {
  index: number;
  spoken: string;
  /** The silence after it. */
  pauseMs: number;
  /** The silence after each of its sentences but the last (sentence-pauses.ts); 0 or unset: none. */
  sentencePauseMs?: number;
  /** A short chime before it (a section heading, pcm/chime.ts). */
  chime?: boolean;
}

export interface SynthesisVoice {
  engine: SpeechEngine;
  /** `<engine id>@<version>`: a new engine version makes new cache entries. */
  engineVersion: string;
  voice: string;
  encoder: Mp3Encoder;
}

/** CPU milliseconds per stage, summed over the paragraphs made now (cache hits cost none). */
export interface NarrationCpu {
  /** Synthesis, where the engine measures it (the in-process engines); else undefined. */
  synthesis: number | undefined;
  loudness: number;
  encoding: number;
}

export interface SynthesizedAudio {
  mp3: Buffer;
  durationMs: number;
  paragraphs: NarrationParagraph[];
  /** Units synthesized now (cache misses); the rest came from the paragraph cache. */
  synthesized: number;
  cpuMs: NarrationCpu;
}

/**
 * Speaks the units (in parallel up to the engines' concurrency), each through the paragraph
 * cache, and joins their frames into one MP3 with exact timings.
 */
export async function synthesizeUnits(
  storage: BlobStore,
  voice: SynthesisVoice,
  units: readonly SpokenUnit[],
  options: { signal?: AbortSignal } = {},
): Promise<SynthesizedAudio> {
  let synthesized = 0;
  const cpu: NarrationCpu = { synthesis: 0, loudness: 0, encoding: 0 };
  const parts = await Promise.all(
    units.map(async (unit) => {
      const key = createHash('sha256')
        .update(
          JSON.stringify([
            unit.spoken,
            voice.voice,
            voice.engineVersion,
            voice.encoder.variant,
            mp3Format,
            unit.pauseMs,
            // Only when set, so units without sentence pauses keep their cache entries.
            ...(unit.sentencePauseMs ? [unit.sentencePauseMs] : []),
            ...(unit.chime ? ['chime'] : []),
          ]),
        )
        .digest('hex');
      const cached = await storage.get(paragraphCacheKey(key));
      if (cached) {
        await storage.touch(paragraphCacheKey(key), new Date()); // in use: GC keeps it
        return { key, mp3: cached };
      }
      const spoken = unit.sentencePauseMs
        ? await synthesizeWithSentencePauses(
            voice.engine,
            unit.spoken,
            voice.voice,
            unit.sentencePauseMs,
            options,
          )
        : await voice.engine.synthesize(unit.spoken, voice.voice, options);
      const pcm = unit.chime ? { ...withChime(spoken), cpuMs: spoken.cpuMs } : spoken;
      const encoded = await voice.encoder.encode(pcm, unit.pauseMs, options);
      synthesized += 1;
      cpu.synthesis =
        cpu.synthesis === undefined || pcm.cpuMs === undefined
          ? undefined
          : cpu.synthesis + pcm.cpuMs;
      cpu.loudness += encoded.cpuMs?.loudness ?? 0;
      cpu.encoding += encoded.cpuMs?.encoding ?? 0;
      await storage.put(paragraphCacheKey(key), encoded.mp3);
      return { key, mp3: Buffer.from(encoded.mp3) };
    }),
  );
  const joined = joinParagraphs(
    parts,
    units.map((u) => u.index),
  );
  return { ...joined, synthesized, cpuMs: cpu };
}

/** The content-hashed name of an MP3 under `audio/` (files never change once written). */
export function contentHashedFile(mp3: Buffer): string {
  return `${createHash('sha256').update(mp3).digest('hex').slice(0, 32)}.mp3`;
}

/**
 * Joins the paragraphs at frame boundaries: each paragraph's MP3 is a complete stream at the
 * same format, encoded without the bit reservoir (lamejs) or starting with an empty one
 * (a fresh ffmpeg), so no frame refers to bits of the paragraph before; the frames simply
 * follow each other, and timings are exact frame counts.
 */
function joinParagraphs(
  parts: { key: string; mp3: Buffer }[],
  indexes: number[],
): { mp3: Buffer; durationMs: number; paragraphs: NarrationParagraph[] } {
  const chunks: Buffer[] = [];
  const paragraphs: NarrationParagraph[] = [];
  const ms = (samples: number) => Math.round((samples / mp3Format.sampleRate) * 1000);
  let samples = 0;
  parts.forEach((part, i) => {
    const frames = readFrames(part.mp3);
    const startMs = ms(samples);
    samples += frames.reduce((sum, f) => sum + f.samples, 0);
    paragraphs.push({
      index: indexes[i] ?? 0,
      startMs,
      durationMs: ms(samples) - startMs,
      cacheKey: part.key,
    });
    for (const frame of frames)
      chunks.push(part.mp3.subarray(frame.offset, frame.offset + frame.length));
  });
  return { mp3: Buffer.concat(chunks), durationMs: ms(samples), paragraphs };
}
