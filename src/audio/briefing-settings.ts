import { z } from 'zod';
import type { Executor } from '../platform/db/database.js';
import { readJsonSetting, storeJsonSetting } from '../platform/settings/json-setting.js';

// The daily audio briefing's settings (one JSON settings row): on or off, the wall-clock time
// in the newsroom's zone (site settings' timeZone) it is made at, how many stories it reads,
// and the intro and outro editors write (per language; a language without its own text gets
// the built-in wording).

const text = z.string().trim().max(1000, 'must be at most 1000 characters');

export const briefingSettingsSchema = z
  .object({
    enabled: z.boolean().default(true),
    time: z
      .string()
      .trim()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time such as 06:30')
      .default('06:00'),
    stories: z.number().int().min(1, 'at least 1').max(30, 'at most 30').default(10),
    /** Intro and outro by language code ("en", "uk"); '' or missing: the built-in wording. */
    intro: z.record(z.string().regex(/^[a-z]{2,3}$/), text).default({}),
    outro: z.record(z.string().regex(/^[a-z]{2,3}$/), text).default({}),
  })
  .strict();

export type BriefingSettings = z.infer<typeof briefingSettingsSchema>;

const settingsKey = 'audio-briefing';

/** The briefing settings (the defaults when nothing valid is stored). */
export function readBriefingSettings(executor: Executor): Promise<BriefingSettings> {
  return readJsonSetting(executor, settingsKey, briefingSettingsSchema);
}

/** Stores validated settings (the caller validated them with briefingSettingsSchema). */
export function writeBriefingSettings(
  executor: Executor,
  settings: BriefingSettings,
): Promise<void> {
  return storeJsonSetting(executor, settingsKey, settings);
}
