import { z } from 'zod';

// Alt text, captions and credits are plain text: trimmed, control characters (but for line
// breaks) removed, length-limited. They are escaped wherever they are shown.

const plainText = (max: number) =>
  z
    .string()
    .max(max * 2, `must be at most ${max} characters`)
    // eslint-disable-next-line no-control-regex -- control characters are what we remove
    .transform((value) => value.replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, '').trim())
    .refine((value) => value.length <= max, `must be at most ${max} characters`);

export const mediaTextSchema = z
  .object({
    alt: plainText(500).optional(),
    caption: plainText(1000).optional(),
    credit: plainText(200).optional(),
  })
  .strict();

export const mediaListQuery = z.object({
  q: z.string().max(200).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});

export type MediaTextInput = z.infer<typeof mediaTextSchema>;
