import type { EngineId } from './speech-engine.js';

// How TTS_ENGINE=auto chooses a voice: by measured intelligibility, not by habit. Among the
// scored voices that are installed here and speak the language, fast enough to narrate
// (real-time factor ≤ maxRealTimeFactor on one core), the lowest word error rate wins; voices
// whose WER could not be measured (no offline recognizer for the language, e.g. Ukrainian)
// come after every measured one, the fastest first. A language no scored voice speaks falls
// back to espeak-ng (Debian when installed, else the WebAssembly build, which is always there),
// the only engine that speaks every language Masthead narrates. A voice without a score
// (an operator's neural model not yet measured) is never picked automatically.

export interface VoiceScore {
  engine: EngineId;
  voice: string;
  language: string;
  /** Word error rate through the whole pipeline (pocketsphinx); undefined when not measurable. */
  wordErrorRate: number | undefined;
  /** Wall-clock synthesis + encoding ÷ audio length, one voice at a time on one core. */
  realTimeFactor: number;
  /** CPU seconds (all processes) ÷ audio seconds. */
  cpuPerAudioSecond: number | undefined;
}

/** The real-time factor above which a voice is too slow to be the default. */
export const maxRealTimeFactor = 0.15;

export interface RankedVoice {
  engine: EngineId;
  voice: string;
  /** Why this voice: shown in the admin and the logs. */
  reason: string;
}

/** Whether an engine (voice '' = the engine at all) is installed on this machine. */
export type InstalledProbe = (engine: EngineId, voice: string) => boolean;

/** The scored voices for a language that are installed, best first (see the rules above). */
export function rankVoices(
  scores: readonly VoiceScore[],
  language: string,
  installed: InstalledProbe,
): VoiceScore[] {
  return scores
    .filter(
      (s) =>
        s.language === language &&
        installed(s.engine, s.voice) &&
        Number.isFinite(s.realTimeFactor) &&
        s.realTimeFactor <= maxRealTimeFactor,
    )
    .sort((a, b) => {
      const measured =
        Number(b.wordErrorRate !== undefined) - Number(a.wordErrorRate !== undefined);
      if (measured !== 0) return measured;
      const wer = (a.wordErrorRate ?? 0) - (b.wordErrorRate ?? 0);
      return wer !== 0 ? wer : a.realTimeFactor - b.realTimeFactor;
    });
}

/** The voice TTS_ENGINE=auto uses for a language on a machine with these engines. */
export function bestVoice(
  scores: readonly VoiceScore[],
  language: string,
  installed: InstalledProbe,
): RankedVoice {
  const best = rankVoices(scores, language, installed)[0];
  if (best)
    return {
      engine: best.engine,
      voice: best.voice,
      reason:
        best.wordErrorRate === undefined
          ? `the fastest installed voice for "${language}" (no recognizer measures its word error rate)`
          : `the lowest measured word error rate (${best.wordErrorRate.toFixed(2)}) among installed voices for "${language}" with a real-time factor ≤ ${maxRealTimeFactor}`,
    };
  return {
    engine: installed('espeak-ng', '') ? 'espeak-ng' : 'espeak-ng-wasm',
    voice: '',
    reason: `no measured voice speaks "${language}" fast enough here: espeak-ng speaks every language`,
  };
}
