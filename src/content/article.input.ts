import { z } from 'zod';
import { articleAccessInput } from './access/access-level.js';
import { articleStatuses } from './content.table.js';

const name = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(120, 'must be at most 120 characters');

/** What a client may send to create an article (DESIGN.md's contract). */
export const articleCreateSchema = z
  .object({
    title: z
      .string()
      .trim()
      .min(1, 'A headline is required.')
      .max(300, 'must be at most 300 characters'),
    slug: z.string().trim().max(120, 'must be at most 120 characters').optional(),
    excerpt: z.string().trim().max(1000, 'must be at most 1,000 characters').optional(),
    authors: z.array(name).max(20, 'at most 20 authors').default([]),
    tags: z.array(name).max(30, 'at most 30 tags').default([]),
    status: z.enum(articleStatuses).default('draft'),
    published_at: z.string().trim().max(40).nullable().optional(),
    html: z.string().max(5_000_000, 'the body is too long').optional(),
    doc: z.unknown().optional(),
    language: z
      .string()
      .regex(/^[a-z]{2,3}$/, 'must be a language code such as en or uk')
      .optional(),
    featured_image_url: z.string().trim().max(2000).nullable().optional(),
    /** A media library entry as the featured image (its URL is filled in from the library). */
    featured_media_id: z.number().int().positive().nullable().optional(),
    featured_image_alt: z.string().trim().max(500).optional(),
    featured_image_caption: z.string().trim().max(1000).optional(),
    /** Who may read the whole body (ADR 0026); `default` follows the tags. */
    ...articleAccessInput,
  })
  .strict();

/** What a client may send to change an article; `version` guards against overwriting another save. */
export const articleUpdateSchema = articleCreateSchema
  .extend({
    title: articleCreateSchema.shape.title.optional(),
    authors: z.array(name).max(20).optional(),
    tags: z.array(name).max(30).optional(),
    status: z.enum(articleStatuses).optional(),
    version: z.number().int().positive().optional(),
    /** Links this article to its translation (an article id), or unlinks it with null. */
    translation_of: z.number().int().positive().nullable().optional(),
  })
  .strict();

export type ArticleCreateInput = z.infer<typeof articleCreateSchema>;
export type ArticleUpdateInput = z.infer<typeof articleUpdateSchema>;
