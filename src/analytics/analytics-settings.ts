import { z } from 'zod';
import type { Executor } from '../platform/db/database.js';
import { readJsonSetting, storeJsonSetting } from '../platform/settings/json-setting.js';

// The newsroom's analytics switch and how long raw events are kept. One settings row
// (`analytics`), held in memory by every process (the page slot renders synchronously) and
// re-read on a timer and after a change made through this process's admin API.

export const analyticsSettingsSchema = z
  .object({
    /** Off: no beacon on pages, and the collector drops whatever still arrives. */
    enabled: z.boolean().default(true),
    /** Days raw events are kept before only the daily aggregates remain. */
    rawDays: z.number().int().min(1).max(400).default(30),
  })
  .strict();

export type AnalyticsSettings = z.infer<typeof analyticsSettingsSchema>;

const key = 'analytics';

let current: AnalyticsSettings = analyticsSettingsSchema.parse({});

/** The settings as last loaded in this process (defaults before the first load). */
export function currentAnalyticsSettings(): AnalyticsSettings {
  return current;
}

export function readAnalyticsSettings(executor: Executor): Promise<AnalyticsSettings> {
  return readJsonSetting(executor, key, analyticsSettingsSchema);
}

export async function storeAnalyticsSettings(
  executor: Executor,
  settings: AnalyticsSettings,
): Promise<void> {
  await storeJsonSetting(executor, key, settings);
}

/** Loads the row into this process's copy; true when it changed. */
export async function refreshAnalyticsSettings(executor: Executor): Promise<boolean> {
  const next = await readAnalyticsSettings(executor);
  const changed = JSON.stringify(next) !== JSON.stringify(current);
  current = next;
  return changed;
}
