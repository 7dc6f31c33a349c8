import { z } from 'zod';
import { conflict } from '../platform/errors.js';

// Ukrainian national transliteration (KMU 2010), with Russian-only letters added, so that
// Cyrillic headlines give readable Latin slugs.
const cyrillic: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'h',
  ґ: 'g',
  д: 'd',
  е: 'e',
  є: 'ie',
  ж: 'zh',
  з: 'z',
  и: 'y',
  і: 'i',
  ї: 'i',
  й: 'i',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ь: '',
  ю: 'iu',
  я: 'ia',
  ъ: '',
  ы: 'y',
  э: 'e',
  ё: 'io',
  "'": '',
  '’': '',
};

export const maxSlugLength = 120;

/** Makes a URL slug: lowercase latin letters, digits and single hyphens. */
export function slugify(text: string): string {
  let out = '';
  for (const char of text.toLowerCase().normalize('NFKD')) {
    const mapped = cyrillic[char];
    if (mapped !== undefined) out += mapped;
    else if (/[a-z0-9]/.test(char)) out += char;
    else if (/[\p{M}]/u.test(char)) continue;
    else out += '-';
  }
  return out.replace(/-+/g, '-').replace(/^-|-$/g, '').slice(0, maxSlugLength).replace(/-$/, '');
}

/** True when a slug given by a person is already in canonical form. */
export function isValidSlug(slug: string): boolean {
  return slug.length > 0 && slug.length <= maxSlugLength && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug);
}

/**
 * First path segments the site itself answers (`/account/`, `/support/`, `/search` …): an
 * article with one of these slugs could never be reached, so they are not given to articles.
 */
const reservedSlugs = new Set([
  'account',
  'admin',
  'api',
  'assets',
  'atom',
  'audio',
  'author',
  'comments',
  'feed',
  'healthz',
  'media',
  'newsletters',
  'oembed',
  'podcast',
  'rss',
  'search',
  'sitemap',
  'support',
  'tag',
  'webhooks',
]);

/** True when the slug names one of the site's own pages. */
export function isReservedSlug(slug: string): boolean {
  return reservedSlugs.has(slug);
}

/** An imported slug, or undefined (make one from the title) when it is reserved. */
export function importableSlug(slug: string | undefined): string | undefined {
  return slug !== undefined && isReservedSlug(slug) ? undefined : slug;
}

/** An optional slug field in an API body: empty means "make one from the name". */
export const optionalSlugSchema = z
  .string()
  .trim()
  .max(maxSlugLength)
  .refine((s) => s === '' || isValidSlug(s), 'must be lowercase letters, digits and single hyphens')
  .optional();

/**
 * Refuses with 409 when `slug` belongs to a different record of the same kind; used by the
 * author, tag and collection routes.
 */
export async function ensureSlugAvailable(
  findBySlug: (slug: string) => Promise<{ id: number } | undefined>,
  slug: string,
  what: string,
  ownId?: number,
): Promise<void> {
  const other = await findBySlug(slug);
  if (other && other.id !== ownId)
    throw conflict(`The slug "${slug}" is already used by another ${what}.`, 'slug_taken');
}
