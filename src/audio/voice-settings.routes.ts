import type { FastifyInstance } from 'fastify';
import { requireActor, requireRole } from '../platform/http/staff-access.js';
import type { AppServices } from '../platform/app-services.js';
import { validationError } from '../platform/errors.js';
import { parseInput } from '../platform/http/validate.js';
import { isInstalled } from './engines/select-engine.js';
import { validateSherpaModelDir } from './engines/sherpa-onnx.js';
import {
  readVoiceSettings,
  type VoiceEngineId,
  type VoiceSettings,
  voiceSettingsSchema,
  writeVoiceSettings,
} from './voice-settings.js';

/** What the admin shows for each engine: installed here, languages, voices to suggest. */
interface EngineInfo {
  id: Exclude<VoiceEngineId, ''>;
  label: string;
  installed: boolean;
  languages: 'en' | 'all';
  voices: string[];
}

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
  let sherpa = false;
  try {
    validateSherpaModelDir(modelDir);
    sherpa = true;
  } catch {
    sherpa = false;
  }
  return [
    {
      id: 'festival',
      label: 'Festival (Debian)',
      installed: await isInstalled('festival'),
      languages: 'en',
      voices: ['cmu_us_slt_arctic_hts', 'kal_diphone'],
    },
    {
      id: 'flite',
      label: 'Flite (Debian)',
      installed: await isInstalled('flite'),
      languages: 'en',
      voices: ['slt', 'kal', 'awb', 'rms'],
    },
    {
      id: 'espeak-ng',
      label: 'eSpeak NG (Debian)',
      installed: await isInstalled('espeak-ng'),
      languages: 'all',
      voices: espeakVoices,
    },
    {
      id: 'espeak-ng-wasm',
      label: 'eSpeak NG (built in)',
      installed: true,
      languages: 'all',
      voices: espeakVoices,
    },
    {
      id: 'sherpa-onnx',
      label: 'Neural voice (TTS_MODEL_DIR)',
      installed: sherpa,
      languages: 'all',
      voices: ['0', '1', '2'],
    },
  ];
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
    if (rule.language !== 'en' && (rule.engine === 'festival' || rule.engine === 'flite'))
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
    return { settings, engines, default_engine: services.config.ttsEngine };
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
