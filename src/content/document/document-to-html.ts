import { escapeHtml } from '../../platform/http/html.js';
import type { DocumentJson, DocumentMark, DocumentNode } from './document-schema.js';
import { type PictureSources, renderPictureHtml } from './picture-html.js';
import { embedProviderById, findEmbedProvider } from './embed-providers.js';
import { type EmbedLabels, type EmbedPresentation, renderEmbedHtml } from './embed-html.js';
import { sanitizeUrl } from './safe-url.js';

/** Reader-facing words the body renderer writes, from the site's message catalog. */
export interface DocumentLabels extends EmbedLabels {
  /** The accessible name of a related-article card. */
  relatedArticle: string;
}

/**
 * What the renderer needs from the outside: current URLs of linked articles, image variants,
 * cached embed presentations and the words in the reader's language.
 */
export interface RenderContext {
  labels: DocumentLabels;
  /** The cached oEmbed frame or card for an embed URL; none → the embed is a plain link. */
  embed?(url: string): EmbedPresentation | undefined;
  /**
   * When set, each text block the narration reads (the same blocks, in the same order, as
   * `documentParagraphs`) gets `data-narration-p="N"` so the audio player can follow along.
   */
  narrationParagraphs?: { next: number };
  resolveArticle(id: number): { url: string; title: string; excerpt?: string } | undefined;
  imageSources?(
    src: string,
    mediaId: number | null,
  ): { srcset?: string; sizes?: string; width?: number; height?: number } | undefined;
  /** The stored files of a media library image; the image renders as `<picture>` when known. */
  picture?(mediaId: number): PictureSources | undefined;
  /** What the preview marker renders as (nothing by default; the page splits its body there). */
  previewBreakHtml?: string;
}

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

function linkHref(
  attrs: { href: string; articleId: number | null },
  context: RenderContext,
): string | null {
  if (attrs.articleId !== null && attrs.articleId !== undefined) {
    const target = context.resolveArticle(attrs.articleId);
    if (target) return target.url;
  }
  return sanitizeUrl(attrs.href, 'link');
}

function openMark(mark: DocumentMark, context: RenderContext): string {
  switch (mark.type) {
    case 'bold':
      return '<strong>';
    case 'italic':
      return '<em>';
    case 'link': {
      const href = linkHref(mark.attrs, context);
      if (!href) return '<span>';
      const external = /^https?:/i.test(href) && mark.attrs.articleId === null;
      return `<a href="${escapeHtml(href)}"${external ? ' rel="noopener"' : ''}>`;
    }
    default: {
      const unreachable: never = mark;
      return unreachable;
    }
  }
}

function closeMark(mark: DocumentMark, context: RenderContext): string {
  switch (mark.type) {
    case 'bold':
      return '</strong>';
    case 'italic':
      return '</em>';
    case 'link':
      return linkHref(mark.attrs, context) ? '</a>' : '</span>';
    default: {
      const unreachable: never = mark;
      return unreachable;
    }
  }
}

function renderInline(nodes: DocumentNode[] | undefined, context: RenderContext): string {
  if (!nodes) return '';
  let out = '';
  for (const node of nodes) {
    if (node.type === 'hardBreak') {
      out += '<br>';
      continue;
    }
    if (node.type !== 'text') continue;
    let text = escapeHtml(node.text ?? '');
    const marks = node.marks ?? [];
    for (let i = marks.length - 1; i >= 0; i -= 1) {
      const mark = marks[i];
      if (mark) text = openMark(mark, context) + text + closeMark(mark, context);
    }
    out += text;
  }
  return out;
}

function renderBlocks(nodes: DocumentNode[] | undefined, context: RenderContext): string {
  if (!nodes) return '';
  let out = '';
  for (const node of nodes) out += renderNode(node, context);
  return out;
}

function renderImage(attrs: Record<string, unknown>, context: RenderContext): string {
  const src = sanitizeUrl(str(attrs.src), 'image');
  if (!src) return '';
  const mediaId = typeof attrs.mediaId === 'number' ? attrs.mediaId : null;
  const picture = mediaId !== null ? context.picture?.(mediaId) : undefined;
  const variants = picture ? undefined : context.imageSources?.(src, mediaId);
  let img = `<img src="${escapeHtml(src)}" alt="${escapeHtml(str(attrs.alt))}" loading="lazy" decoding="async"`;
  if (variants?.srcset)
    img += ` srcset="${escapeHtml(variants.srcset)}" sizes="${escapeHtml(variants.sizes ?? '100vw')}"`;
  if (variants?.width && variants.height)
    img += ` width="${variants.width}" height="${variants.height}"`;
  img += '>';
  if (picture) img = renderPictureHtml(picture, { alt: str(attrs.alt) });
  const caption = str(attrs.caption);
  const credit = str(attrs.credit);
  const figcaption =
    caption || credit
      ? `<figcaption>${escapeHtml(caption)}${credit ? `${caption ? ' ' : ''}<span class="credit">${escapeHtml(credit)}</span>` : ''}</figcaption>`
      : '';
  return `<figure class="figure">${img}${figcaption}</figure>`;
}

function blockText(node: DocumentNode): string {
  if (node.type === 'text') return node.text ?? '';
  if (node.type === 'hardBreak') return '\n';
  return (node.content ?? []).map(blockText).join('');
}

/** The narration index attribute for a text block that has text (see RenderContext). */
function narrationMarker(node: DocumentNode, context: RenderContext): string {
  const counter = context.narrationParagraphs;
  if (!counter || blockText(node).trim() === '') return '';
  const index = counter.next;
  counter.next += 1;
  return ` data-narration-p="${index}"`;
}

/** Renders one node; the switch is exhaustive so a new node type fails to compile until handled. */
function renderNode(node: DocumentNode, context: RenderContext): string {
  const attrs = node.attrs ?? {};
  switch (node.type) {
    case 'doc':
      return renderBlocks(node.content, context);
    case 'paragraph':
      return `<p${narrationMarker(node, context)}>${renderInline(node.content, context)}</p>`;
    case 'heading': {
      const level = attrs.level === 3 || attrs.level === 4 ? attrs.level : 2;
      return `<h${level}${narrationMarker(node, context)}>${renderInline(node.content, context)}</h${level}>`;
    }
    case 'text':
    case 'hardBreak':
      return renderInline([node], context);
    case 'bulletList':
      return `<ul>${renderBlocks(node.content, context)}</ul>`;
    case 'orderedList': {
      const start =
        Number.isInteger(attrs.start) && attrs.start !== 1 ? ` start="${Number(attrs.start)}"` : '';
      return `<ol${start}>${renderBlocks(node.content, context)}</ol>`;
    }
    case 'listItem':
      return `<li>${renderBlocks(node.content, context)}</li>`;
    case 'blockquote':
      return `<blockquote>${renderBlocks(node.content, context)}</blockquote>`;
    case 'pullQuote': {
      const attribution = str(attrs.attribution);
      return `<figure class="pullquote"${narrationMarker(node, context)}><blockquote><p>${renderInline(node.content, context)}</p></blockquote>${
        attribution ? `<figcaption>${escapeHtml(attribution)}</figcaption>` : ''
      }</figure>`;
    }
    case 'image':
      return renderImage(attrs, context);
    case 'horizontalRule':
      return '<hr>';
    case 'previewBreak':
      // Only where the preview of a gated article ends (content/access/preview-cut.ts).
      return context.previewBreakHtml ?? '';
    case 'relatedArticle': {
      const target =
        typeof attrs.articleId === 'number' ? context.resolveArticle(attrs.articleId) : undefined;
      if (!target) return '';
      return `<aside class="related-card" aria-label="${escapeHtml(context.labels.relatedArticle)}"><a href="${escapeHtml(target.url)}">${escapeHtml(target.title)}</a></aside>`;
    }
    case 'embed': {
      const url = str(attrs.url);
      const provider = findEmbedProvider(url) ?? embedProviderById(str(attrs.provider));
      if (!provider || !sanitizeUrl(url, 'link') || !findEmbedProvider(url)) return '';
      return renderEmbedHtml(url, provider, context.embed?.(url), context.labels);
    }
    default: {
      const unreachable: never = node.type;
      throw new Error(`Unknown document node type: ${String(unreachable)}`);
    }
  }
}

/** Renders a stored document to compact, escaped HTML. */
export function renderDocumentHtml(doc: DocumentJson, context: RenderContext): string {
  return renderBlocks(doc.content, context);
}
