import { z } from 'zod';
import { ensureSlugAvailable, optionalSlugSchema, slugify } from '../content/slug.js';
import type { Executor } from '../platform/db/database.js';
import { nowIso } from '../platform/db/database.js';
import { notFound } from '../platform/errors.js';
import { parseDigestDays } from './digest-schedule.js';
import { checkEmailAddress } from './email-address.js';
import {
  findNewsletterBySlug,
  insertNewsletter,
  updateNewsletter,
} from './newsletter.repository.js';
import type { NewsletterRow } from './newsletter.table.js';

const address = z
  .string()
  .trim()
  .max(254)
  .refine((v) => v === '' || checkEmailAddress(v).ok, 'must be a valid email address')
  .transform((v) => (v === '' ? '' : (checkEmailAddress(v) as { address: string }).address));

export const newsletterInput = z
  .object({
    name: z.string().trim().min(1, 'A name is required.').max(120),
    slug: optionalSlugSchema,
    description: z.string().trim().max(2000).default(''),
    sender_name: z
      .string()
      .trim()
      .max(120)
      .refine((v) => !/[\r\n"<>]/.test(v), 'cannot contain quotes, angle brackets or line breaks')
      .default(''),
    sender_email: address.default(''),
    reply_to: address.default(''),
    visibility: z.enum(['public', 'private']).default('public'),
    signup_default: z.boolean().default(false),
    welcome_subject: z
      .string()
      .trim()
      .max(200)
      .refine((v) => !/[\r\n]/.test(v), 'cannot contain line breaks')
      .default(''),
    welcome_text: z.string().max(10_000).default(''),
    digest_enabled: z.boolean().default(false),
    digest_time: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time such as 07:00')
      .default('07:00'),
    digest_days: z.array(z.number().int().min(1).max(7)).max(7).default([]),
    track_clicks: z.boolean().default(false),
    track_opens: z.boolean().default(false),
  })
  .strict();
export type NewsletterInput = z.infer<typeof newsletterInput>;
type OptionalSettings =
  'digest_enabled' | 'digest_time' | 'digest_days' | 'track_clicks' | 'track_opens';
/** What creating a newsletter needs; the digest and tracking settings default to off. */
export type NewsletterCreate = Omit<NewsletterInput, OptionalSettings> &
  Partial<Pick<NewsletterInput, OptionalSettings>>;
export const newsletterPatch = newsletterInput.partial().strict();

/** A newsletter as the admin API shows it. */
export function presentNewsletter(row: NewsletterRow) {
  return {
    ...row,
    signup_default: row.signup_default === 1,
    digest_enabled: row.digest_enabled === 1,
    digest_days: parseDigestDays(row.digest_days),
    track_clicks: row.track_clicks === 1,
    track_opens: row.track_opens === 1,
  };
}

/** The boolean and list fields as the table stores them (0/1, "1,2,3"). */
function storedFlags(input: Partial<NewsletterInput>): {
  signup_default?: number;
  digest_enabled?: number;
  track_clicks?: number;
  track_opens?: number;
  digest_days?: string;
} {
  const flag = (v: boolean | undefined) => (v === undefined ? undefined : v ? 1 : 0);
  const fields = {
    signup_default: flag(input.signup_default),
    digest_enabled: flag(input.digest_enabled),
    track_clicks: flag(input.track_clicks),
    track_opens: flag(input.track_opens),
    digest_days:
      input.digest_days === undefined
        ? undefined
        : [...new Set(input.digest_days)].sort().join(','),
  };
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
}

/** Creates a newsletter; its slug comes from the name unless given. */
export async function createNewsletter(
  executor: Executor,
  input: NewsletterCreate,
  now: Date,
): Promise<NewsletterRow> {
  const slug = input.slug || slugify(input.name) || 'newsletter';
  await ensureSlugAvailable((s) => findNewsletterBySlug(executor, s), slug, 'newsletter');
  const stamp = nowIso(now);
  const {
    digest_enabled: _d,
    digest_days: _dd,
    track_clicks: _c,
    track_opens: _o,
    ...plain
  } = input;
  return insertNewsletter(executor, {
    ...plain,
    ...storedFlags(input),
    slug,
    signup_default: input.signup_default ? 1 : 0,
    created_at: stamp,
    updated_at: stamp,
  });
}

/** Changes a newsletter. */
export async function changeNewsletter(
  executor: Executor,
  id: number,
  patch: z.infer<typeof newsletterPatch>,
  now: Date,
): Promise<NewsletterRow> {
  if (patch.slug)
    await ensureSlugAvailable(
      (s) => findNewsletterBySlug(executor, s),
      patch.slug,
      'newsletter',
      id,
    );
  const {
    slug,
    signup_default: _s,
    digest_enabled: _d,
    digest_days: _dd,
    track_clicks: _c,
    track_opens: _o,
    ...rest
  } = patch;
  const row = await updateNewsletter(executor, id, {
    ...rest,
    ...storedFlags(patch),
    ...(slug ? { slug } : {}),
    updated_at: nowIso(now),
  });
  if (!row) throw notFound('Newsletter');
  return row;
}
