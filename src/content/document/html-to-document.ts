import type { ChildNode, Element } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import type { DocumentJson, DocumentNode } from './document-schema.js';
import { findEmbedProvider } from './embed-providers.js';
import {
  classOf,
  collapse,
  dropped,
  findByClass,
  findFirst,
  findLinks,
  findMedia,
  isElement,
  textContent,
} from './html-dom.js';
import { collectInline, inlineOf, paragraphOf, tidyInline } from './html-inline.js';
import { sanitizeUrl } from './safe-url.js';

// HTML (from the API, paste or imports) → the document schema. Whatever the schema does not
// know is dropped; the text of unknown wrappers is kept; unsafe URLs never survive.

const blockWrappers = new Set([
  'div',
  'section',
  'article',
  'header',
  'footer',
  'main',
  'aside',
  'nav',
  'center',
  'details',
  'summary',
  'address',
  'table',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'td',
  'th',
  'caption',
  'dl',
  'dt',
  'dd',
  'body',
  'html',
  'figure',
  'figcaption',
  'pre',
  'fieldset',
  'legend',
]);

interface ParseContext {
  internalHosts: string[];
}

class BlockBuilder {
  readonly blocks: DocumentNode[] = [];
  private inline: ChildNode[] = [];

  constructor(private readonly context: ParseContext) {}

  addInline(node: ChildNode): void {
    this.inline.push(node);
  }

  flush(): void {
    if (this.inline.length === 0) return;
    const content: DocumentNode[] = [];
    collectInline(this.inline, [], content);
    this.inline = [];
    const tidy = tidyInline(content);
    if (tidy.length > 0) this.blocks.push({ type: 'paragraph', content: tidy });
  }

  push(block: DocumentNode | undefined): void {
    this.flush();
    if (block) this.blocks.push(block);
  }

  walk(nodes: ChildNode[]): void {
    for (const node of nodes) this.visit(node);
  }

  private visit(node: ChildNode): void {
    if (node.type === 'text') {
      this.addInline(node);
      return;
    }
    if (!isElement(node) || dropped.has(node.name)) return;
    const name = node.name;
    const cls = classOf(node);
    if (name === 'p') {
      // Our own renderer writes embeds as <p class="embed"><a href>…</a></p>: read them back.
      const embedLink = cls.includes('embed')
        ? findLinks(node).find((href) => findEmbedProvider(href))
        : undefined;
      if (embedLink) return this.push(embedOf(embedLink));
      const iframe = findFirst(node, 'iframe');
      if (iframe) return this.push(embedOf(iframe.attribs.src ?? ''));
      return this.push(paragraphOf(node.children));
    }
    if (/^h[1-6]$/.test(name)) {
      const level = Math.min(4, Math.max(2, Number(name.slice(1))));
      const content = inlineOf(node.children);
      return this.push(
        content.length > 0 ? { type: 'heading', attrs: { level }, content } : undefined,
      );
    }
    if (name === 'ul' || name === 'ol') return this.push(listOf(node, this.context));
    if (name === 'hr')
      return this.push(
        node.attribs['data-type'] === 'previewBreak'
          ? { type: 'previewBreak' }
          : { type: 'horizontalRule' },
      );
    if (name === 'img') return this.push(imageOf(node, '', ''));
    if (name === 'iframe' || name === 'embed') return this.push(embedOf(node.attribs.src ?? ''));
    if (name === 'blockquote') {
      if (
        cls.includes('twitter-tweet') ||
        cls.includes('instagram-media') ||
        cls.includes('tiktok-embed')
      ) {
        const link = findLinks(node).find((href) => findEmbedProvider(href));
        if (link) return this.push(embedOf(link));
      }
      if (cls.includes('pullquote')) return this.push(pullQuoteOf(node));
      const inner = new BlockBuilder(this.context);
      inner.walk(node.children);
      inner.flush();
      return this.push(
        inner.blocks.length > 0 ? { type: 'blockquote', content: inner.blocks } : undefined,
      );
    }
    if (name === 'figure') return this.figure(node, cls);
    const relatedId = Number(
      node.attribs['data-related-article-id'] ??
        (cls.includes('related-article') ? node.attribs['data-article-id'] : NaN),
    );
    if (Number.isInteger(relatedId) && relatedId > 0) {
      return this.push({
        type: 'relatedArticle',
        attrs: { articleId: relatedId, title: collapse(textContent(node)) },
      });
    }
    if (name === 'br') return this.addInline(node);
    if (blockWrappers.has(name)) {
      this.flush();
      this.walk(node.children);
      this.flush();
      return;
    }
    // An inline element at block level: gather it into the running paragraph, lifting out
    // any block media it wraps (e.g. <a><img></a>).
    const media = findMedia(node);
    if (media.length > 0) {
      for (const element of media)
        this.push(
          element.name === 'img' ? imageOf(element, '', '') : embedOf(element.attribs.src ?? ''),
        );
      return;
    }
    this.addInline(node);
  }

  private figure(node: Element, cls: string): void {
    if (cls.includes('pullquote')) {
      const quote = findFirst(node, 'blockquote') ?? node;
      return this.push(pullQuoteOf(quote));
    }
    const captionElement = findFirst(node, 'figcaption');
    const img = findFirst(node, 'img');
    // Our own renderer writes a fetched embed as <figure class="embed …"> with a link to the
    // original URL (and a frame or a card's thumbnail): the link is the embed.
    const ownEmbed = cls.split(/\s+/).includes('embed');
    if (
      ownEmbed ||
      cls.includes('wp-block-embed') ||
      cls.includes('kg-embed-card') ||
      (!img && findFirst(node, 'iframe'))
    ) {
      const iframe = findFirst(node, 'iframe');
      const frameSource = iframe?.attribs.src ?? '';
      const candidates = ownEmbed
        ? [...findLinks(node), frameSource]
        : [frameSource, ...findLinks(node), collapse(textContent(node))];
      const url = candidates.find((c) => findEmbedProvider(c.trim()));
      if (url) return this.push(embedOf(url.trim()));
    }
    if (img) {
      let credit = node.attribs['data-credit'] ?? img.attribs['data-credit'] ?? '';
      let caption = '';
      if (captionElement) {
        const creditElement =
          findFirst(captionElement, 'small') ?? findByClass(captionElement, 'credit');
        if (creditElement) credit = credit || collapse(textContent(creditElement));
        caption = collapse(
          captionElement.children
            .filter((c) => c !== creditElement)
            .map(textContent)
            .join(''),
        );
      }
      return this.push(imageOf(img, caption, credit));
    }
    this.flush();
    this.walk(node.children);
    this.flush();
  }
}

function listOf(node: Element, context: ParseContext): DocumentNode | undefined {
  const items: DocumentNode[] = [];
  for (const child of node.children) {
    if (!isElement(child) || child.name !== 'li') continue;
    const inner = new BlockBuilder(context);
    inner.walk(child.children);
    inner.flush();
    const blocks = inner.blocks;
    if (blocks.length === 0) continue;
    if (blocks[0]?.type !== 'paragraph') blocks.unshift({ type: 'paragraph' });
    items.push({ type: 'listItem', content: blocks });
  }
  if (items.length === 0) return undefined;
  if (node.name === 'ol') {
    const start = Number.parseInt(node.attribs.start ?? '1', 10);
    return {
      type: 'orderedList',
      attrs: { start: Number.isFinite(start) ? start : 1 },
      content: items,
    };
  }
  return { type: 'bulletList', content: items };
}

function imageOf(img: Element, caption: string, credit: string): DocumentNode | undefined {
  const src = sanitizeUrl(img.attribs.src ?? '', 'image');
  if (!src) return undefined;
  return {
    type: 'image',
    attrs: { src, alt: collapse(img.attribs.alt ?? ''), caption, credit, mediaId: null },
  };
}

function embedOf(url: string): DocumentNode | undefined {
  const normalized = url.startsWith('//') ? `https:${url}` : url;
  const provider = findEmbedProvider(normalized);
  return provider
    ? { type: 'embed', attrs: { provider: provider.id, url: normalized } }
    : undefined;
}

function pullQuoteOf(node: Element): DocumentNode | undefined {
  const cite = findFirst(node, 'cite');
  const attribution = cite ? collapse(textContent(cite)) : '';
  const text = collapse(
    node.children
      .filter((c) => c !== cite)
      .map(textContent)
      .join(' '),
  );
  if (!text) return undefined;
  return { type: 'pullQuote', attrs: { attribution }, content: [{ type: 'text', text }] };
}

/** Parses HTML into a schema-valid document; unknown markup is dropped, its text kept. */
export function parseHtmlToDocument(
  html: string,
  options: { internalHosts?: string[] } = {},
): DocumentJson {
  const dom = parseDocument(html, {
    decodeEntities: true,
    lowerCaseTags: true,
    lowerCaseAttributeNames: true,
  });
  const builder = new BlockBuilder({ internalHosts: options.internalHosts ?? [] });
  builder.walk(dom.children);
  builder.flush();
  return {
    type: 'doc',
    content: builder.blocks.length > 0 ? builder.blocks : [{ type: 'paragraph' }],
  };
}
