import { z } from 'zod';
import { ensureSlugAvailable, optionalSlugSchema, slugify } from '../content/slug.js';
import type { Executor } from '../platform/db/database.js';
import { nowIso } from '../platform/db/database.js';
import { notFound } from '../platform/errors.js';
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
  })
  .strict();
export type NewsletterInput = z.infer<typeof newsletterInput>;
export const newsletterPatch = newsletterInput.partial().strict();

/** A newsletter as the admin API shows it. */
export function presentNewsletter(row: NewsletterRow) {
  return { ...row, signup_default: row.signup_default === 1 };
}

/** Creates a newsletter; its slug comes from the name unless given. */
export async function createNewsletter(
  executor: Executor,
  input: NewsletterInput,
  now: Date,
): Promise<NewsletterRow> {
  const slug = input.slug || slugify(input.name) || 'newsletter';
  await ensureSlugAvailable((s) => findNewsletterBySlug(executor, s), slug, 'newsletter');
  const stamp = nowIso(now);
  return insertNewsletter(executor, {
    ...input,
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
  const { slug, signup_default, ...rest } = patch;
  const row = await updateNewsletter(executor, id, {
    ...rest,
    ...(slug ? { slug } : {}),
    ...(signup_default === undefined ? {} : { signup_default: signup_default ? 1 : 0 }),
    updated_at: nowIso(now),
  });
  if (!row) throw notFound('Newsletter');
  return row;
}
