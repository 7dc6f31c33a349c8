import type { SpeechEngine, SynthesizedSpeech } from './engines/speech-engine.js';

// A pause after every sentence, so narration sounds like reading and not like a list: engines
// run one sentence into the next with barely a breath (espeak-ng, flite), and a listener loses
// where one statement ends. The paragraph's spoken text is split at its sentence-final marks
// (normalization keeps . ? ! only where a sentence ends: "Dr." and "p.m." are words by then),
// each sentence is synthesized on its own and the sentences are joined with silence.

/** The silences of a narration: after the headline, each paragraph, and each sentence. */
export const narrationPauses = {
  headlineMs: 900,
  paragraphMs: 600,
  sentenceMs: 300,
  /** Around a heading: a section starts, as after the headline. */
  headingMs: 900,
  /** Between the items of a list: shorter than between paragraphs, so they sound like a list. */
  listItemMs: 400,
} as const;

type UnitKind = 'headline' | 'paragraph' | 'heading' | 'quote' | 'listItem' | 'caption';

/** The silence after a unit, given the one that follows it (undefined at the end). */
export function narrationPauseAfter(unit: { kind: UnitKind }, next?: { kind: UnitKind }): number {
  if (unit.kind === 'headline') return narrationPauses.headlineMs;
  if (unit.kind === 'heading' || next?.kind === 'heading') return narrationPauses.headingMs;
  if (unit.kind === 'listItem' && next?.kind === 'listItem') return narrationPauses.listItemMs;
  return narrationPauses.paragraphMs;
}

/** The spoken sentences of a normalized paragraph (its . ? ! marks end sentences). */
export function spokenSentences(spoken: string): string[] {
  return spoken
    .split(/(?<=[.?!])\s+/u)
    .map((sentence) => sentence.trim())
    .filter((sentence) => /[\p{L}\p{N}]/u.test(sentence));
}

/** Synthesizes each sentence and joins them with `pauseMs` of silence between them. */
export async function synthesizeWithSentencePauses(
  engine: SpeechEngine,
  spoken: string,
  voice: string,
  pauseMs: number,
  options: { signal?: AbortSignal } = {},
): Promise<SynthesizedSpeech> {
  const sentences = spokenSentences(spoken);
  if (sentences.length <= 1) return engine.synthesize(spoken, voice, options);
  const parts: SynthesizedSpeech[] = [];
  // One after another: the paragraphs around this one already keep the engine busy.
  for (const sentence of sentences) parts.push(await engine.synthesize(sentence, voice, options));
  const sampleRate = parts[0]?.sampleRate ?? 0;
  if (parts.some((p) => p.sampleRate !== sampleRate))
    throw new Error(`${engine.id} returned sentences at different sample rates`);
  const gap = Math.round((pauseMs / 1000) * sampleRate);
  const length = parts.reduce((sum, p) => sum + p.samples.length, 0) + gap * (parts.length - 1);
  const samples = new Int16Array(length);
  let offset = 0;
  parts.forEach((part, i) => {
    samples.set(part.samples, offset);
    offset += part.samples.length + (i < parts.length - 1 ? gap : 0);
  });
  const cpu = parts.map((p) => p.cpuMs);
  return {
    samples,
    sampleRate,
    ...(cpu.every((ms) => ms !== undefined)
      ? { cpuMs: cpu.reduce<number>((sum, ms) => sum + (ms ?? 0), 0) }
      : {}),
  };
}
