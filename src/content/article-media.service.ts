import type { Executor } from '../platform/db/database.js';
import { validationError } from '../platform/errors.js';
import { findArticlesMentioningMedia } from './article-media.repository.js';
import type { DocumentJson, DocumentNode } from './document/document-schema.js';

// Images in articles: the rule that published images have alt text, and which articles use a
// media library entry (so the library refuses to delete it).

export interface DocumentImage {
  /** 1-based position among the body's images. */
  position: number;
  src: string;
  alt: string;
  mediaId: number | null;
}

/** The body's image nodes in reading order. */
export function collectImages(doc: DocumentNode): DocumentImage[] {
  const images: DocumentImage[] = [];
  const walk = (node: DocumentNode) => {
    if (node.type === 'image') {
      const attrs = node.attrs ?? {};
      images.push({
        position: images.length + 1,
        src: typeof attrs.src === 'string' ? attrs.src : '',
        alt: typeof attrs.alt === 'string' ? attrs.alt : '',
        mediaId: Number.isInteger(attrs.mediaId) ? (attrs.mediaId as number) : null,
      });
    }
    for (const child of node.content ?? []) walk(child);
  };
  walk(doc);
  return images;
}

/** Media library ids used by a body (images) and a featured image, without repeats. */
export function collectMediaIds(doc: DocumentNode, featuredMediaId?: number | null): number[] {
  const ids = new Set(
    collectImages(doc).flatMap((image) => (image.mediaId === null ? [] : [image.mediaId])),
  );
  if (featuredMediaId !== null && featuredMediaId !== undefined) ids.add(featuredMediaId);
  return [...ids];
}

function fileNameOf(src: string): string {
  const last = src.split(/[?#]/)[0]?.split('/').pop() ?? '';
  let name: string;
  try {
    name = decodeURIComponent(last);
  } catch {
    name = last;
  }
  return name.slice(0, 80);
}

/**
 * Refuses (422) to publish or schedule an article whose body has an image without alt text, or
 * whose featured image has none. Each message names the image: "Image 2 (photo.jpg) needs alt
 * text before publishing."
 */
export async function requireAltTextForPublishing(
  executor: Executor,
  doc: DocumentJson,
  featured: { url: string | null; mediaId: number | null; alt: string },
  lookup: MediaLookup | undefined,
): Promise<void> {
  const missing = collectImages(doc).filter((image) => image.alt.trim() === '');
  const featuredMissing = (featured.url || featured.mediaId !== null) && featured.alt.trim() === '';
  if (missing.length === 0 && !featuredMissing) return;
  const ids = [
    ...missing.flatMap((image) => (image.mediaId === null ? [] : [image.mediaId])),
    ...(featuredMissing && featured.mediaId !== null ? [featured.mediaId] : []),
  ];
  const found = lookup && ids.length > 0 ? await lookup(executor, ids) : undefined;
  const nameOf = (mediaId: number | null, src: string) =>
    (mediaId !== null ? found?.get(mediaId)?.name : undefined) || fileNameOf(src);
  const fields: Record<string, string[]> = {};
  if (missing.length > 0) {
    fields.doc = missing.map((image) => {
      const name = nameOf(image.mediaId, image.src);
      return `Image ${image.position}${name ? ` (${name})` : ''} needs alt text before publishing.`;
    });
  }
  if (featuredMissing) {
    const name = nameOf(featured.mediaId, featured.url ?? '');
    fields.featured_image_alt = [
      `The featured image${name ? ` (${name})` : ''} needs alt text before publishing.`,
    ];
  }
  const all = [...(fields.doc ?? []), ...(fields.featured_image_alt ?? [])];
  throw validationError(
    fields,
    `Describe every image for readers who cannot see it: ${all.join(' ')}`,
  );
}

/** Articles whose featured image or body uses a media library entry. */
export async function findArticlesUsingMedia(
  executor: Executor,
  mediaId: number,
): Promise<Array<{ id: number; title: string; slug: string }>> {
  const candidates = await findArticlesMentioningMedia(executor, mediaId);
  return candidates
    .filter(
      (article) =>
        article.featured_media_id === mediaId ||
        collectImages(JSON.parse(article.doc) as DocumentJson).some(
          (image) => image.mediaId === mediaId,
        ),
    )
    .map(({ id, title, slug }) => ({ id, title, slug }));
}

/** Looks up library entries by id: the file name (for messages) and the fallback image URL. */
export type MediaLookup = (
  executor: Executor,
  ids: number[],
) => Promise<Map<number, { name: string; url: string }>>;

/**
 * The featured image after a save: a library entry (its URL filled in when the client sent only
 * the id) or a plain URL. Sending a URL without an id replaces a library image; sending
 * `featured_media_id: null` alone clears a library image.
 */
export async function chooseFeaturedImage(
  executor: Executor,
  lookup: MediaLookup | undefined,
  input: {
    featured_media_id?: number | null | undefined;
    featured_image_url?: string | null | undefined;
  },
  before: { featured_media_id: number | null; featured_image_url: string | null } | undefined,
): Promise<{ mediaId: number | null; url: string | null }> {
  const beforeMediaId = before?.featured_media_id ?? null;
  const beforeUrl = before?.featured_image_url ?? null;
  if (input.featured_media_id === undefined) {
    if (input.featured_image_url === undefined) return { mediaId: beforeMediaId, url: beforeUrl };
    return { mediaId: null, url: input.featured_image_url };
  }
  if (input.featured_media_id === null)
    return {
      mediaId: null,
      url: input.featured_image_url ?? (beforeMediaId !== null ? null : beforeUrl),
    };
  const mediaId = input.featured_media_id;
  const found = lookup ? (await lookup(executor, [mediaId])).get(mediaId) : undefined;
  if (lookup && !found)
    throw validationError({
      featured_media_id: [`there is no image ${mediaId} in the media library`],
    });
  return { mediaId, url: input.featured_image_url ?? found?.url ?? beforeUrl };
}
