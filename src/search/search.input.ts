import { z } from 'zod';

// The search URL's parameters. The query itself is never rejected (any text is a search);
// filters that cannot mean anything get a clear 422.

const optionalText = (max: number) =>
  z
    .string()
    .max(max, `must be at most ${max} characters`)
    .optional()
    .transform((v) => (v === '' ? undefined : v));

const day = z
  .string()
  .optional()
  .transform((v) => (v === '' ? undefined : v))
  .refine((v) => v === undefined || isCalendarDay(v), {
    message: 'must be a date like 2026-11-25',
  });

function isCalendarDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** `/search` and `/api/content/search` parameters. */
export const searchParams = z
  .object({
    // A repeated ?q= is joined; anything longer than the parser reads is cut, never an error.
    q: z
      .union([z.string(), z.array(z.string())])
      .optional()
      .transform((v) => (Array.isArray(v) ? v.join(' ') : (v ?? '')).slice(0, 1000)),
    tag: optionalText(120),
    author: optionalText(120),
    from: day,
    to: day,
    page: z.coerce
      .number({ message: 'must be a page number like 2' })
      .int('must be a whole number')
      .min(1, 'must be 1 or more')
      .max(100, 'must be 100 or less (refine the search to see older results)')
      .default(1),
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, {
    message: 'must not be before the "from" date',
    path: ['to'],
  });

export type SearchParams = z.infer<typeof searchParams>;
