import type { NarrationVoiceRow } from '../narration-voices.table.js';
import type { InstalledProbe, VoiceScore } from './voice-ranking.js';

// Registered neural voices (`masthead narrate voice add`) in the ranking: each competes with
// its own measured figures like a built-in voice. One never measured (no real-time factor)
// is not picked automatically, only by a voice rule that names it.

export type RegisteredVoiceRow = Pick<
  NarrationVoiceRow,
  | 'name'
  | 'dir'
  | 'language'
  | 'sample_rate'
  | 'speaker'
  | 'model_bytes'
  | 'word_error_rate'
  | 'real_time_factor'
  | 'cpu_per_audio_second'
>;

/** The registered voices as scores for voice-ranking.ts. */
export function registeredScores(rows: readonly RegisteredVoiceRow[]): VoiceScore[] {
  return rows.map((row) => ({
    engine: 'sherpa-onnx',
    voice: row.name,
    language: row.language,
    wordErrorRate: row.word_error_rate ?? undefined,
    realTimeFactor: row.real_time_factor ?? Number.POSITIVE_INFINITY,
    cpuPerAudioSecond: row.cpu_per_audio_second ?? undefined,
  }));
}

/** `installed`, also answering yes for the registered voices' names under sherpa-onnx. */
export function withRegistered(
  installed: InstalledProbe,
  rows: readonly RegisteredVoiceRow[],
): InstalledProbe {
  return (engine, voice) =>
    (engine === 'sherpa-onnx' && rows.some((row) => row.name === voice)) ||
    installed(engine, voice);
}
