import { z } from 'zod';
import { escapeHtml } from '../../platform/http/html.js';
import { sanitizeUrl } from './safe-url.js';

/**
 * How a fetched embed is shown: a sandboxed frame from the provider's own player host, or a
 * link card. This is what the oEmbed cache stores: never the provider's HTML itself.
 */
export const embedPresentationSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('frame'),
    src: z.string().url().startsWith('https://'),
    width: z.number().int().positive().max(4000).nullable(),
    height: z.number().int().positive().max(4000).nullable(),
    title: z.string().max(500),
    allow: z.string().max(200),
    providerName: z.string().max(100),
  }),
  z.object({
    kind: z.literal('card'),
    title: z.string().max(500),
    authorName: z.string().max(200),
    providerName: z.string().max(100),
    thumbnailUrl: z.string().url().startsWith('https://').nullable(),
  }),
]);
export type EmbedPresentation = z.infer<typeof embedPresentationSchema>;

/** Reader-facing words around an embed, from the site's message catalog. */
export interface EmbedLabels {
  /** The link under or instead of an embed, e.g. "View on YouTube". */
  viewOn(providerName: string): string;
  /** The frame's accessible name when the provider gave no title, e.g. "YouTube embed". */
  frameTitle(providerName: string): string;
}

// Scripts run inside the provider's own origin, never ours; no top navigation without a click.
const frameSandbox =
  'allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox allow-presentation';

/** The HTML for an embed: a frame, a card, or (no presentation) a plain link. */
export function renderEmbedHtml(
  url: string,
  provider: { id: string; name: string },
  presentation: EmbedPresentation | undefined,
  labels: EmbedLabels,
): string {
  const href = escapeHtml(url);
  const className = `embed embed--${escapeHtml(provider.id)}`;
  const link = `<a href="${href}" rel="noopener">${escapeHtml(labels.viewOn(provider.name))}</a>`;
  if (presentation?.kind === 'frame' && sanitizeUrl(presentation.src, 'link')) {
    // Numbers only (schema-checked): the frame keeps the provider's shape at any width.
    const size =
      presentation.width && presentation.height
        ? ` width="${presentation.width}" height="${presentation.height}" style="aspect-ratio:${presentation.width}/${presentation.height}"`
        : '';
    const title = presentation.title || labels.frameTitle(provider.name);
    return `<figure class="${className} embed--frame"><iframe src="${escapeHtml(presentation.src)}" title="${escapeHtml(title)}"${size} loading="lazy" sandbox="${frameSandbox}"${
      presentation.allow ? ` allow="${escapeHtml(presentation.allow)}"` : ''
    } referrerpolicy="strict-origin-when-cross-origin" allowfullscreen></iframe><figcaption>${link}</figcaption></figure>`;
  }
  if (presentation?.kind === 'card') {
    const thumbnail =
      presentation.thumbnailUrl && sanitizeUrl(presentation.thumbnailUrl, 'image')
        ? `<img src="${escapeHtml(presentation.thumbnailUrl)}" alt="" loading="lazy" decoding="async">`
        : '';
    const title = presentation.title || presentation.authorName || provider.name;
    const byline =
      presentation.authorName && presentation.authorName !== title
        ? ` · ${escapeHtml(presentation.authorName)}`
        : '';
    return `<figure class="${className} embed--card"><a href="${href}" rel="noopener">${thumbnail}<span class="embed-card__title">${escapeHtml(title)}</span></a><figcaption>${escapeHtml(presentation.providerName || provider.name)}${byline}</figcaption></figure>`;
  }
  return `<p class="${className}">${link}</p>`;
}
