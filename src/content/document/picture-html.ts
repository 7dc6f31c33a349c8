import { escapeHtml } from '../../platform/http/html.js';

/** The files of one library image, as a page needs them. */
export interface PictureSources {
  /** The JPEG/PNG fallback. */
  src: string;
  width: number;
  height: number;
  /** `srcset` lists, best format first (AVIF, then WebP). */
  sources: Array<{ type: string; srcset: string }>;
}

/** Images fill the article column: 42rem, or the screen less the page's padding. */
export const articleImageSizes = '(min-width: 44rem) 42rem, calc(100vw - 2rem)';

/**
 * `<picture>` with AVIF and WebP sources and a fallback `<img>`. Body images load lazily; the
 * featured image (above the fold) loads eagerly with high priority.
 */
export function renderPictureHtml(
  picture: PictureSources,
  options: { alt: string; priority?: boolean; sizes?: string },
): string {
  const sizes = escapeHtml(options.sizes ?? articleImageSizes);
  const sources = picture.sources
    .filter((source) => source.srcset !== '')
    .map(
      (source) =>
        `<source type="${escapeHtml(source.type)}" srcset="${escapeHtml(source.srcset)}" sizes="${sizes}">`,
    )
    .join('');
  const loading = options.priority
    ? ' fetchpriority="high" decoding="async"'
    : ' loading="lazy" decoding="async"';
  return `<picture>${sources}<img src="${escapeHtml(picture.src)}" width="${Math.trunc(picture.width)}" height="${Math.trunc(picture.height)}" alt="${escapeHtml(options.alt)}"${loading}></picture>`;
}
