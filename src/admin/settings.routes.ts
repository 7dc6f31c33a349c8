import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppServices } from '../platform/app-services.js';
import { cachePurgeJob } from '../platform/cache/cache-purge.job.js';
import { parseInput } from '../platform/http/validate.js';
import { enqueueJob } from '../platform/jobs/job-queue.js';
import {
  isLanguageTag,
  readSiteSettings,
  type SiteSettings,
  writeSiteSettings,
} from '../platform/settings/site-settings.js';
import { isValidTimeZone } from '../platform/time-zone.js';
import { requireActor, requireRole } from './authenticate.js';

/** An http(s) URL or a path on this site ("/about/"); never javascript:, data: or "//host". */
export function isSiteUrl(value: string): boolean {
  // eslint-disable-next-line no-control-regex -- control characters and spaces are refused
  if (/[\u0000-\u0020\u007f-\u009f\\]/.test(value)) return false;
  if (value.startsWith('/')) return !value.startsWith('//');
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

const urlSchema = z
  .string()
  .trim()
  .max(500, 'must be at most 500 characters')
  .refine(isSiteUrl, 'must be an http(s) URL or a path on this site starting with /');
const linkSchema = z
  .object({
    label: z.string().trim().min(1, 'is required').max(60, 'must be at most 60 characters'),
    url: urlSchema,
  })
  .strict();

// Field names are those of the stored settings (SiteSettings), which the admin app uses too.
const settingsPatchSchema = z
  .object({
    name: z.string().trim().min(1, 'is required').max(120, 'must be at most 120 characters'),
    description: z.string().trim().max(300, 'must be at most 300 characters'),
    logoUrl: z
      .union([z.literal(''), urlSchema])
      .nullable()
      .transform((value) => (value === '' ? null : value)),
    accentColor: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #b3122e'),
    timeZone: z
      .string()
      .refine(
        (zone) => /^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(zone) && isValidTimeZone(zone),
        'is not a known time zone (use an IANA name like Europe/Kyiv)',
      ),
    language: z
      .string()
      .trim()
      .refine(isLanguageTag, 'must be a BCP 47 language tag such as en, uk or en-GB'),
    navigation: z.array(linkSchema).max(12, 'at most 12 links'),
    socialLinks: z.array(linkSchema).max(12, 'at most 12 links'),
    footerText: z.string().trim().max(1000, 'must be at most 1,000 characters'),
    postalAddress: z.string().trim().max(500, 'must be at most 500 characters'),
    feedContent: z.enum(['full', 'excerpt'], 'must be "full" or "excerpt"'),
    websubHub: z
      .union([
        z.literal(''),
        z
          .url({ protocol: /^https?$/, message: 'must be an http(s) URL of a WebSub hub' })
          .max(500, 'must be at most 500 characters'),
      ])
      .nullable()
      .transform((value) => (value === '' ? null : value)),
    meter: z
      .object({
        anonymous: z.number().int().min(0, 'must be 0 or more').max(50, 'must be at most 50'),
        registered: z.number().int().min(0, 'must be 0 or more').max(50, 'must be at most 50'),
        periodDays: z.number().int().min(1, 'must be at least 1').max(90, 'must be at most 90'),
      })
      .strict(),
  })
  .partial()
  .strict();

/** The settings the admin edits (other modules may keep more keys in the same record). */
function presentSettings(settings: SiteSettings) {
  return {
    name: settings.name,
    description: settings.description,
    logoUrl: settings.logoUrl,
    accentColor: settings.accentColor,
    timeZone: settings.timeZone,
    language: settings.language,
    navigation: settings.navigation,
    socialLinks: settings.socialLinks,
    footerText: settings.footerText,
    postalAddress: settings.postalAddress,
    feedContent: settings.feedContent,
    websubHub: settings.websubHub,
    meter: settings.meter,
  };
}

/** Site settings: any staff member reads them; admins change them. */
export function registerSettingsRoutes(scope: FastifyInstance, services: AppServices): void {
  const { db } = services.database;

  scope.get('/api/admin/settings', async (request) => {
    requireActor(request);
    return { settings: presentSettings(await readSiteSettings(db)) };
  });

  scope.patch('/api/admin/settings', async (request) => {
    requireRole(request, 'admin');
    const input = parseInput(settingsPatchSchema, request.body);
    const patch = Object.fromEntries(
      Object.entries(input).filter(([, value]) => value !== undefined),
    ) as Partial<SiteSettings>;
    // Every page shows the settings (name, navigation, footer…): purge them all, durably.
    const settings = await db.transaction().execute(async (tx) => {
      const next = await writeSiteSettings(tx, patch);
      await enqueueJob(tx, cachePurgeJob, { keys: ['all'] });
      return next;
    });
    services.settings.invalidate();
    await services.purger.purge(['all']);
    return { settings: presentSettings(settings) };
  });
}
