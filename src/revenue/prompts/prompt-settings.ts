import { z } from 'zod';
import type { Executor } from '../../platform/db/database.js';
import { patchJsonSetting, readJsonSetting } from '../../platform/settings/json-setting.js';

// Where and how the support prompts ask readers for money. Stored as one JSON settings row
// ('support-prompts'). Texts are optional overrides: an empty text shows the built-in wording
// from the i18n catalog in the page's language, so a Ukrainian article gets a Ukrainian ask
// until an editor writes their own. `{minimum}` in a text becomes the smallest donation
// (offers.donation.minimum, formatted for the page's locale).

const text = (max: number) =>
  z.string().trim().max(max, `must be at most ${max} characters`).default('');
const label = text(40);
/** A whole number from `min` to `max`; `fallback` when missing. */
const wholeNumber = (min: number, max: number, fallback: number) =>
  z
    .number('must be a number')
    .int('must be a whole number')
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`)
    .default(fallback);
/** The prompt (or wall) goes after this paragraph of the body (not shown when it is shorter). */
const afterParagraph = (fallback: number) => wholeNumber(1, 50, fallback);
/** After "Dismiss" (or "Continue reading"), it stays away this many days on that browser. */
const dismissDays = wholeNumber(1, 365, 7);
/** Show from the reader's Nth article in the period (counted in their browser). */
const afterArticles = (fallback: number) => wholeNumber(1, 100, fallback);
/** Views per reader per rolling week; 0 = no limit. */
const viewsPerWeek = z
  .number('must be a number')
  .int('must be a whole number')
  .min(0, 'must be 0 (no limit) or more')
  .max(100, 'must be at most 100')
  .default(0);

const inlineSchema = z
  .object({
    enabled: z.boolean().default(true),
    afterParagraph: afterParagraph(3),
    heading: text(120),
    text: text(400),
    memberLabel: label,
    donateLabel: label,
    maxViewsPerWeek: viewsPerWeek,
  })
  .strict()
  .prefault({});

const afterBodySchema = z
  .object({
    enabled: z.boolean().default(true),
    heading: text(120),
    text: text(600),
    memberLabel: label,
    donateLabel: label,
    /** A compact one-time donation form (presets + other amount) instead of a link only. */
    donationForm: z.boolean().default(true),
    cardMarks: z.boolean().default(true),
    maxViewsPerWeek: viewsPerWeek,
  })
  .strict()
  .prefault({});

const bannerSchema = z
  .object({
    /** Off by default: the reference page asks inside and after the article only. */
    enabled: z.boolean().default(false),
    text: text(300),
    memberLabel: label,
    donateLabel: label,
    dismissDays,
    maxViewsPerWeek: viewsPerWeek,
  })
  .strict()
  .prefault({});

// Soft walls (ADR 0026, addendum "soft walls"): in the bytes of every public article, hidden;
// support-walls.js counts the articles a browser read in the last 30 days and reveals one.
// Never on gated articles (their hard wall stands there) nor on live coverage.
const registrationWallSchema = z
  .object({
    enabled: z.boolean().default(false),
    afterArticles: afterArticles(3),
    afterParagraph: afterParagraph(2),
    heading: text(120),
    text: text(400),
    registerLabel: label,
    signInLabel: label,
    maxViewsPerWeek: viewsPerWeek,
  })
  .strict()
  .prefault({});

const donationWallSchema = z
  .object({
    enabled: z.boolean().default(false),
    afterArticles: afterArticles(5),
    afterParagraph: afterParagraph(2),
    heading: text(120),
    text: text(400),
    donateLabel: label,
    memberLabel: label,
    continueLabel: label,
    dismissDays,
    maxViewsPerWeek: viewsPerWeek,
  })
  .strict()
  .prefault({});

export const promptSettingsSchema = z
  .object({
    inline: inlineSchema,
    afterBody: afterBodySchema,
    banner: bannerSchema,
    registrationWall: registrationWallSchema,
    donationWall: donationWallSchema,
  })
  .strict();

export type PromptSettings = z.infer<typeof promptSettingsSchema>;
export type Placement = keyof PromptSettings;
export const placements = [
  'inline',
  'afterBody',
  'banner',
  'registrationWall',
  'donationWall',
] as const satisfies Placement[];

export const promptSettingsKey = 'support-prompts';

/** The built-in settings (every text empty: the catalog's wording). */
export function defaultPromptSettings(): PromptSettings {
  return promptSettingsSchema.parse({});
}

/** Reads the prompt settings (defaults for anything missing or unreadable). */
export function readPromptSettings(executor: Executor): Promise<PromptSettings> {
  return readJsonSetting(executor, promptSettingsKey, promptSettingsSchema);
}

/**
 * Validates (throws a ZodError) and stores the settings; placements not given keep their
 * stored values. Returns the whole new settings.
 */
export function writePromptSettings(executor: Executor, input: unknown): Promise<PromptSettings> {
  return patchJsonSetting(executor, promptSettingsKey, promptSettingsSchema, input);
}
