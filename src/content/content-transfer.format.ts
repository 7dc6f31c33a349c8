import { z } from 'zod';
import { articleStatuses } from './content.table.js';

// The shape of content in a Masthead export file (docs/export-format.md). Rows refer to each
// other by slug (authors, tags) or uuid (articles), never by database id, so a file can be read
// into another database. In `doc`, internal links and related-article cards carry the target
// article's uuid (a string) in `articleId`; the importer turns it back into the new id.

export const exportFormatVersion = 1;

const iso = z.iso.datetime({ offset: false });
const text = (max: number) => z.string().max(max);

export const exportedAuthor = z
  .object({
    kind: z.enum(['person', 'desk']),
    name: text(200).min(1),
    slug: text(120).min(1),
    bio: text(5000),
    image_url: text(2000).nullable(),
    created_at: iso,
    updated_at: iso,
  })
  .strict();

export const exportedTag = z
  .object({
    name: text(200).min(1),
    slug: text(120).min(1),
    description: text(5000),
    created_at: iso,
    updated_at: iso,
  })
  .strict();

export const exportedCollection = z
  .object({
    name: text(200).min(1),
    slug: text(120).min(1),
    description: text(5000),
    article_uuids: z.array(z.guid()),
    created_at: iso,
    updated_at: iso,
  })
  .strict();

export const exportedRedirect = z
  .object({ path: text(2000).min(1), article_uuid: z.guid(), created_at: iso })
  .strict();

export const exportedArticle = z
  .object({
    uuid: z.guid(),
    slug: text(200).min(1),
    old_slugs: z.array(z.object({ slug: text(200).min(1), created_at: iso }).strict()),
    title: text(500).min(1),
    excerpt: text(5000),
    doc: z.record(z.string(), z.unknown()),
    status: z.enum(articleStatuses),
    published_at: iso.nullable(),
    language: text(35).min(1),
    featured_image_url: text(2000).nullable(),
    featured_image_alt: text(2000),
    featured_image_caption: text(5000),
    authors: z.array(text(120)),
    tags: z.array(text(120)),
    created_at: iso,
    updated_at: iso,
  })
  .strict();

export type ExportedAuthor = z.infer<typeof exportedAuthor>;
export type ExportedTag = z.infer<typeof exportedTag>;
export type ExportedCollection = z.infer<typeof exportedCollection>;
export type ExportedRedirect = z.infer<typeof exportedRedirect>;
export type ExportedArticle = z.infer<typeof exportedArticle>;
