import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DocumentJson } from '../../content/document/document-schema.js';
import { createLocalBlobStore } from '../../platform/storage/local-blob-store.js';
import type { Mp3Encoder } from '../encode/encoder.js';
import { liveChildPids, processTreeCpuMs, reapedChildrenCpuMs } from '../engines/cpu-time.js';
import type { SpeechEngine } from '../engines/speech-engine.js';
import type { LexiconEntry } from '../lexicon.js';
import { narrationUnits } from '../narration-text.js';
import { synthesizeUnits } from '../paragraph-synthesis.js';
import { narrationPauseAfter, narrationPauses } from '../sentence-pauses.js';
import type { NewsPassage } from './news-passages.js';
import { transcribeMp3, transcriberMissing } from './transcribe.js';
import { wordErrorRate } from './word-error-rate.js';

// How clear and how fast a voice is, measured through the narration pipeline itself: each
// passage (headline + body) goes through normalization, the lexicon, the engine, loudness
// normalization and MP3 encoding (paragraph-synthesis.ts, with an empty paragraph cache), and
// the MP3 is transcribed offline (transcribe.ts).
//
// The reference for the word error rate is the *spoken* text (after normalization, before the
// lexicon), not the written one: the recognizer writes "seven" and "twenty twenty seven", never
// "7" or "2027", so comparing with the written text would count every number as an error of
// the voice, and normalization mistakes are not the voice's fault. The lexicon's respellings
// are what the engine is given, not words a listener should hear, so they are not compared.

export interface VoiceMeasurement {
  audioSeconds: number;
  /** Wall-clock synthesis + encoding ÷ audio length (one voice at a time). */
  realTimeFactor: number;
  /** CPU seconds of this process and its children ÷ audio seconds; undefined without /proc. */
  cpuPerAudioSecond: number | undefined;
  /** undefined when no recognizer is available (then `notMeasured` says why). */
  wordErrorRate: number | undefined;
  notMeasured?: string;
  reference: string;
  transcript?: string;
}

function treeCpuMs(): number | undefined {
  const reaped = reapedChildrenCpuMs();
  if (reaped === undefined) return undefined;
  const own = process.cpuUsage();
  const children = liveChildPids().reduce((sum, pid) => sum + (processTreeCpuMs(pid) ?? 0), 0);
  return reaped + children + (own.user + own.system) / 1000;
}

function documentOf(body: string): DocumentJson {
  return { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: body }] }] };
}

/**
 * Synthesizes the passages with one voice and measures it. A short warm-up synthesis runs
 * first (not measured): a running worker's audio child has compiled its engine already.
 */
export async function measureVoice(options: {
  engine: SpeechEngine;
  voice: string;
  encoder: Mp3Encoder;
  passages: readonly NewsPassage[];
  language: string;
  lexicon?: LexiconEntry[];
  signal?: AbortSignal;
}): Promise<VoiceMeasurement> {
  const { engine, voice, encoder, language } = options;
  const dir = await mkdtemp(join(tmpdir(), 'masthead-measure-'));
  try {
    const storage = createLocalBlobStore(dir);
    const engineVersion = `${engine.id}@${await engine.version()}`;
    await engine.synthesize('Good morning.', voice, { signal: options.signal });
    const spoken = options.passages.map((p) =>
      narrationUnits(p.headline, documentOf(p.body), language, options.lexicon ?? []),
    );
    const reference = options.passages
      .flatMap((p) => narrationUnits(p.headline, documentOf(p.body), language, []))
      .map((u) => u.spoken)
      .join(' ');
    const cpuBefore = treeCpuMs();
    const started = performance.now();
    const mp3s: Buffer[] = [];
    let audioMs = 0;
    for (const units of spoken) {
      const audio = await synthesizeUnits(
        storage,
        { engine, engineVersion, voice, encoder },
        // The pauses of article narration (narration.service.ts).
        units.map((u, i) => ({
          index: u.index,
          spoken: u.spoken,
          pauseMs: narrationPauseAfter(u, units[i + 1]),
          sentencePauseMs: narrationPauses.sentenceMs,
        })),
        { signal: options.signal },
      );
      mp3s.push(audio.mp3);
      audioMs += audio.durationMs;
    }
    const wall = (performance.now() - started) / 1000;
    const cpuAfter = treeCpuMs();
    const audioSeconds = audioMs / 1000;
    const measured = {
      audioSeconds,
      realTimeFactor: wall / audioSeconds,
      cpuPerAudioSecond:
        cpuBefore === undefined || cpuAfter === undefined
          ? undefined
          : (cpuAfter - cpuBefore) / 1000 / audioSeconds,
      reference,
    };
    const missing = await transcriberMissing(language);
    if (missing) return { ...measured, wordErrorRate: undefined, notMeasured: missing };
    // One at a time: the recognizer is CPU-bound and the machine has other work.
    const heard: string[] = [];
    for (const mp3 of mp3s) heard.push(await transcribeMp3(mp3));
    const transcript = heard.join(' ');
    return { ...measured, wordErrorRate: wordErrorRate(reference, transcript), transcript };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
