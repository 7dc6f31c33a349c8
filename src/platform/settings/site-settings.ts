import { z } from 'zod';
import type { Executor } from '../db/database.js';
import { patchJsonSetting, readJsonSetting } from './json-setting.js';
import { isValidTimeZone } from '../time-zone.js';

/** True for a well-formed BCP 47 language tag (en, uk, en-GB, sr-Latn, es-419). */
export function isLanguageTag(value: string): boolean {
  if (!/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{1,8})*$/.test(value)) return false;
  try {
    return Intl.getCanonicalLocales(value).length === 1;
  } catch {
    return false;
  }
}

const linkSchema = z.object({
  label: z.string().trim().min(1).max(60),
  url: z.string().trim().min(1).max(500),
});

/** The newsroom's site settings, validated; defaults fill whatever is not stored. */
export const siteSettingsSchema = z.object({
  name: z.string().trim().min(1).max(120).default('Masthead News'),
  description: z
    .string()
    .trim()
    .max(300)
    .default('Independent news, reported by people you can trust.'),
  timeZone: z
    .string()
    .refine(isValidTimeZone, { message: 'is not a known time zone (use a name like Europe/Kyiv)' })
    .default('UTC'),
  language: z
    .string()
    .refine(isLanguageTag, 'must be a BCP 47 language tag such as en, uk or en-GB')
    .default('en'),
  accentColor: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #b3122e')
    .default('#b3122e'),
  logoUrl: z.string().max(500).nullable().default(null),
  navigation: z.array(linkSchema).max(12).default([]),
  socialLinks: z.array(linkSchema).max(12).default([]),
  footerText: z.string().max(1000).default(''),
  postalAddress: z.string().max(500).default(''),
  /** What feeds carry: the whole rendered body, or the excerpt only. */
  feedContent: z.enum(['full', 'excerpt']).default('full'),
  /** The line shown above every article's AI narration player. */
  audioDisclosure: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .default('This audio is created with AI assistance'),
  /** The podcast feed's cover art (a square image URL, 1400–3000 px) and iTunes category. */
  podcastImageUrl: z.string().max(500).nullable().default(null),
  podcastCategory: z.string().trim().min(1).max(60).default('News'),
  podcastExplicit: z.boolean().default(false),
  /**
   * Metering (ADR 0026): gated stories a reader may open free each period — anonymous readers
   * on stories for registered or paying readers, free members on stories for paying ones.
   * 0: none (the wall at once).
   */
  meter: z
    .object({
      anonymous: z.number().int().min(0).max(50).default(0),
      registered: z.number().int().min(0).max(50).default(0),
      periodDays: z.number().int().min(1).max(90).default(30),
    })
    .default({ anonymous: 0, registered: 0, periodDays: 30 }),
  /** A WebSub hub announced in feeds and pinged on publish; null: none. */
  websubHub: z
    .url({
      protocol: /^https?$/,
      message: 'must be an http(s) URL such as https://pubsubhubbub.appspot.com/',
    })
    .max(500)
    .nullable()
    .default(null),
});

export type SiteSettings = z.infer<typeof siteSettingsSchema>;

const settingsKey = 'site';

/** Reads the site settings (defaults for anything missing or unreadable). */
export function readSiteSettings(executor: Executor): Promise<SiteSettings> {
  return readJsonSetting(executor, settingsKey, siteSettingsSchema);
}

/** Validates and stores a change to the site settings; returns the full new settings. */
export function writeSiteSettings(executor: Executor, patch: unknown): Promise<SiteSettings> {
  return patchJsonSetting(executor, settingsKey, siteSettingsSchema, patch);
}

/**
 * A per-process cache of the settings: read on every page render, changed rarely. A change
 * made by another process shows within `ttlMs`; a change made here shows at once.
 */
export function createSettingsCache(executor: Executor, ttlMs = 5000) {
  let cached: { value: SiteSettings; at: number } | undefined;
  return {
    async get(): Promise<SiteSettings> {
      if (cached && Date.now() - cached.at < ttlMs) return cached.value;
      const value = await readSiteSettings(executor);
      cached = { value, at: Date.now() };
      return value;
    },
    invalidate(): void {
      cached = undefined;
    },
  };
}

export type SettingsCache = ReturnType<typeof createSettingsCache>;
