import { createLogger } from '../../platform/logger.js';
import type { NarrationVoiceRow } from '../narration-voices.table.js';
import { toInt16 } from '../pcm/resample.js';
import { type ChildPool, createChildPool } from './child-pool.js';
import type { SpeechEngine, SynthesizedSpeech } from './speech-engine.js';

// A registered neural voice (`masthead narrate voice add DIR`) as a speech engine. The model
// runs through sherpa-onnx in its own child process with a memory limit and a time limit, one
// synthesis at a time. Operator-supplied models fail in ways built-in voices do not (a broken
// download, a missing sherpa-onnx-node, a model too big for the machine), so the engine never
// lets a narration die of it: before a narration uses the voice (`version()`, called first)
// it reads a test sentence; if that fails — crash, timeout, memory, bad audio — the narration
// reads with the best built-in voice instead, and the reason is logged. The fallback has its
// own engine version, so its paragraphs are cached apart from the neural voice's. A failure
// in the middle of a narration fails that attempt (mixing two voices in one article, or
// caching the built-in voice's audio as the neural voice's, would be worse); the job's retry
// then reads with the built-in voice. A failed voice is tried again after `retryAfterMs`.

export type RegisteredVoice = Pick<
  NarrationVoiceRow,
  'name' | 'dir' | 'language' | 'sample_rate' | 'speaker' | 'model_bytes'
>;

export interface NeuralVoiceLimits {
  /** Resident memory of the child (the model and onnxruntime) before it is killed. */
  maxRssBytes: number;
  /** Per synthesis: a base (the model loads on first use) plus a share per character. */
  baseTimeoutMs: number;
  timeoutMsPerChar: number;
}

export const defaultNeuralLimits: NeuralVoiceLimits = {
  maxRssBytes: 1536 * 2 ** 20,
  baseTimeoutMs: 60_000,
  timeoutMsPerChar: 100,
};

/** How long a failed voice is left alone before it is tried again. */
export const retryAfterMs = 10 * 60_000;

export interface NeuralVoiceDeps {
  /** The best built-in voice for the language: what is read when the neural voice fails. */
  fallback: { engine: SpeechEngine; voice: string };
  pool?: ChildPool;
  limits?: NeuralVoiceLimits;
  warn?: (message: string) => void;
  now?: () => number;
}

let sharedPool: ChildPool | undefined;
const logger = createLogger(process.env.LOG_LEVEL ?? 'info', 'narration-voices');

/** The child processes of neural voices (one at a time: models are large). */
export function neuralVoicePool(limits: NeuralVoiceLimits = defaultNeuralLimits): ChildPool {
  sharedPool ??= createChildPool('neural-voice', 1, {
    maxRssBytes: limits.maxRssBytes,
    execArgv: ['--max-old-space-size=512'],
  });
  return sharedPool;
}

/** When each voice last failed and why, and when it last read its test sentence (per process). */
const failures = new Map<string, { at: number; reason: string }>();
const passed = new Map<string, number>();

/** Forgets what voices did (tests). */
export function forgetNeuralVoiceFailures(): void {
  failures.clear();
  passed.clear();
}

/** Why the child's answer is not usable audio, or undefined when it is. */
function badAudio(result: unknown, sampleRate: number): string | undefined {
  const r = result as { samples?: unknown; sampleRate?: unknown } | undefined;
  if (!r || !(r.samples instanceof Float32Array)) return 'the model returned no audio samples';
  if (r.samples.length === 0) return 'the model returned empty audio';
  if (r.sampleRate !== sampleRate)
    return `the model returned ${String(r.sampleRate)} Hz audio, its config says ${sampleRate} Hz`;
  const step = Math.max(1, Math.floor(r.samples.length / 1000));
  let loud = 0;
  for (let i = 0; i < r.samples.length; i += step) {
    const s = r.samples[i] ?? 0;
    if (!Number.isFinite(s)) return 'the model returned samples that are not numbers';
    if (Math.abs(s) > 1e-4) loud += 1;
  }
  if (loud === 0) return 'the model returned silence';
  return undefined;
}

/** One synthesis in the neural voices' child; throws on a crash, timeout, memory or bad audio. */
export async function synthesizeNeural(
  voice: RegisteredVoice,
  text: string,
  options: { pool?: ChildPool; limits?: NeuralVoiceLimits; signal?: AbortSignal } = {},
): Promise<SynthesizedSpeech> {
  const limits = options.limits ?? defaultNeuralLimits;
  const result = await (options.pool ?? neuralVoicePool(limits)).run(
    {
      kind: 'sherpa-onnx',
      payload: { modelDir: voice.dir, text, voice: String(voice.speaker) },
    },
    {
      timeoutMs: limits.baseTimeoutMs + text.length * limits.timeoutMsPerChar,
      signal: options.signal,
    },
  );
  const bad = badAudio(result, voice.sample_rate);
  if (bad) throw new Error(bad);
  const { samples, sampleRate } = result as { samples: Float32Array; sampleRate: number };
  return { samples: toInt16(samples), sampleRate };
}

/**
 * The registered voice with no fallback: what `narrate voice add` measures (a failure there
 * must show, not be hidden behind a built-in voice).
 */
export function strictNeuralEngine(voice: RegisteredVoice): SpeechEngine {
  return {
    id: 'sherpa-onnx',
    version: () =>
      Promise.resolve(
        `neural:${voice.name}:${voice.model_bytes}:${voice.sample_rate}:${voice.speaker}`,
      ),
    speaks: (language) => language === voice.language,
    defaultVoice: () => voice.name,
    synthesize: (text, _voice, options = {}) => synthesizeNeural(voice, text, options),
  };
}

/** The registered voice as an engine that falls back to a built-in voice (see above). */
export function neuralVoiceEngine(voice: RegisteredVoice, deps: NeuralVoiceDeps): SpeechEngine {
  const limits = deps.limits ?? defaultNeuralLimits;
  const now = deps.now ?? Date.now;
  const warn = deps.warn ?? ((message: string) => logger.warn({ voice: voice.name }, message));
  const { fallback } = deps;
  const modelVersion = `neural:${voice.name}:${voice.model_bytes}:${voice.sample_rate}:${voice.speaker}`;

  const failed = () => {
    const failure = failures.get(voice.name);
    return failure && now() - failure.at < retryAfterMs ? failure : undefined;
  };
  const fallbackName = `${fallback.engine.id}${fallback.voice ? ` ${fallback.voice}` : ''}`;

  const neural = (text: string, signal?: AbortSignal) =>
    synthesizeNeural(voice, text, { pool: deps.pool, limits, signal });

  function remember(error: unknown): string {
    const reason = error instanceof Error ? error.message : String(error);
    failures.set(voice.name, { at: now(), reason });
    warn(`neural voice ${voice.name} failed (${reason}); reading with ${fallbackName} instead`);
    return reason;
  }

  // Which voice this narration reads with, decided by version() (an engine per narration).
  let mode: 'neural' | 'fallback' | undefined;

  return {
    id: 'sherpa-onnx',
    async version() {
      const recent = (passed.get(voice.name) ?? -Infinity) > now() - retryAfterMs;
      if (!failed() && !recent) {
        try {
          await neural('This is a test of the voice.');
          failures.delete(voice.name);
          passed.set(voice.name, now());
        } catch (error) {
          remember(error);
        }
      }
      mode = failed() ? 'fallback' : 'neural';
      if (mode === 'fallback')
        return `fallback-for:${voice.name}:${fallback.engine.id}@${await fallback.engine.version()}:${fallback.voice}`;
      return modelVersion;
    },
    speaks: (language) => language === voice.language,
    defaultVoice: () => voice.name,
    async synthesize(text, _voice, options = {}) {
      mode ??= failed() ? 'fallback' : 'neural';
      if (mode === 'fallback') return fallback.engine.synthesize(text, fallback.voice, options);
      try {
        return await neural(text, options.signal);
      } catch (error) {
        if (options.signal?.aborted) throw error;
        passed.delete(voice.name);
        const reason = remember(error);
        throw new Error(
          `neural voice ${voice.name} failed during this narration (${reason}); the next attempt reads with ${fallbackName}`,
        );
      }
    },
  };
}
