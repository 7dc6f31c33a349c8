import type { Selectable } from 'kysely';

// Neural voices registered with `masthead narrate voice add DIR` (migration
// 2026120710-narration-voices): run by sherpa-onnx in a limited child process.

export interface NarrationVoiceTable {
  /** The voice name rules and the admin use (e.g. piper-en_us-amy-low). */
  name: string;
  /** The model folder on this machine (every worker needs it at the same path). */
  dir: string;
  kind: 'vits' | 'kokoro';
  /** Base language code (en, uk …). */
  language: string;
  sample_rate: number;
  /** The speaker id inside a multi-speaker model (0 for most Piper voices). */
  speaker: number;
  model_bytes: number;
  /** Measured like the built-in voices (pocketsphinx); null when not measured. */
  word_error_rate: number | null;
  real_time_factor: number | null;
  cpu_per_audio_second: number | null;
  /** Why the word error rate was not measured ('' when it was). */
  not_measured: string;
  measured_at: string | null;
  created_at: string;
}

export type NarrationVoiceRow = Selectable<NarrationVoiceTable>;

declare module '../platform/db/database-schema.js' {
  interface Database {
    narration_voices: NarrationVoiceTable;
  }
}
