import type { ChildNode } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import { dropped, isElement } from '../content/document/html-dom.js';
import { sanitizeUrl } from '../content/document/safe-url.js';
import { html, type SafeHtml } from '../platform/http/html.js';

// A reader's comment → a tiny safe structure, at write time: paragraphs and quotes holding
// text, line breaks and http(s) links. Readers type plain text (a blank line starts a
// paragraph, lines starting with ">" quote, bare URLs become links) or paste HTML, of which
// only <p>, <br>, <blockquote> and <a href> mean anything; every other tag is unwrapped to
// its text, scripts and the like are dropped with their content. The stored structure is
// rendered by escaping every string (html tag), so no reader's markup reaches another
// reader's browser: there is no raw HTML to pass through.

export type CommentInline = { text: string; href?: string } | { br: true };
export interface CommentBlock {
  type: 'paragraph' | 'quote';
  content: CommentInline[];
}

/** The longest body we keep, in characters of text. */
export const maxCommentLength = 5000;

const alsoDropped = new Set(['iframe', 'embed', 'noembed', 'noframes', 'xmp', 'plaintext']);
const blockTags = new Set(['p', 'div', 'li', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
const urlInText = /\bhttps?:\/\/[^\s<>"]+/g;

function safeHref(raw: string): string | undefined {
  const url = sanitizeUrl(raw, 'link');
  return url !== null && /^https?:\/\//i.test(url) ? url : undefined;
}

class BodyBuilder {
  readonly blocks: CommentBlock[] = [];
  private current: CommentInline[] = [];

  constructor(private readonly type: CommentBlock['type']) {}

  flush(): void {
    while (this.current.length > 0 && 'br' in (this.current.at(-1) ?? {})) this.current.pop();
    while (this.current.length > 0 && 'br' in (this.current[0] ?? {})) this.current.shift();
    const hasText = this.current.some((part) => 'text' in part && part.text.trim() !== '');
    if (hasText) this.blocks.push({ type: this.type, content: this.current });
    this.current = [];
  }

  text(value: string, href?: string): void {
    const lines = value.replace(/\r\n?/g, '\n').split('\n');
    lines.forEach((line, index) => {
      if (index > 0) this.current.push({ br: true });
      const collapsed = line.replace(/[ \t\f\v]+/g, ' ');
      if (collapsed === '') return;
      if (href !== undefined) return void this.current.push({ text: collapsed, href });
      let last = 0;
      for (const match of collapsed.matchAll(urlInText)) {
        const url = match[0].replace(/[.,;:!?)\]]+$/, '');
        const at = match.index;
        const link = safeHref(url);
        if (!link) continue;
        if (at > last) this.current.push({ text: collapsed.slice(last, at) });
        this.current.push({ text: url, href: link });
        last = at + url.length;
      }
      if (last < collapsed.length) this.current.push({ text: collapsed.slice(last) });
    });
  }

  lineBreak(): void {
    this.current.push({ br: true });
  }
}

/** Splits typed text into paragraphs at blank lines; a paragraph of "> " lines is a quote. */
function addTypedText(value: string, out: CommentBlock[], into: BodyBuilder, quoted: boolean) {
  const chunks = value.replace(/\r\n?/g, '\n').split(/\n[ \t]*\n/);
  chunks.forEach((chunk, index) => {
    if (index > 0) into.flush();
    const lines = chunk.split('\n').filter((line) => line.trim() !== '');
    if (!quoted && lines.length > 0 && lines.every((line) => /^\s*>/.test(line))) {
      into.flush();
      const quote = new BodyBuilder('quote');
      quote.text(lines.map((line) => line.replace(/^\s*>\s?/, '')).join('\n'));
      quote.flush();
      out.push(...quote.blocks);
      return;
    }
    into.text(chunk);
  });
}

function walk(
  nodes: ChildNode[],
  builder: BodyBuilder,
  out: CommentBlock[],
  state: { quoted: boolean; href?: string },
): void {
  for (const node of nodes) {
    if (node.type === 'text') {
      if (state.href !== undefined) builder.text(node.data, state.href);
      else addTypedText(node.data, out, builder, state.quoted);
      continue;
    }
    if (!isElement(node)) continue; // comments, doctypes, CDATA
    const name = node.name.toLowerCase();
    if (dropped.has(name) || alsoDropped.has(name)) continue;
    if (name === 'br') builder.lineBreak();
    else if (name === 'a' && state.href === undefined) {
      const href = safeHref(node.attribs.href ?? '');
      walk(node.children, builder, out, href ? { ...state, href } : state);
    } else if (name === 'blockquote' && !state.quoted) {
      builder.flush();
      const quote = new BodyBuilder('quote');
      walk(node.children, quote, out, { quoted: true });
      quote.flush();
      out.push(...quote.blocks);
    } else if (blockTags.has(name)) {
      builder.flush();
      walk(node.children, builder, out, state);
      builder.flush();
    } else walk(node.children, builder, out, state);
  }
}

/** Flushes the top-level builder into `out` in document order. */
function collect(input: string): CommentBlock[] {
  const document = parseDocument(input, { decodeEntities: true });
  const out: CommentBlock[] = [];
  const builder = new BodyBuilderInto(out);
  walk(document.children, builder, out, { quoted: false });
  builder.flush();
  return out;
}

/** A paragraph builder whose blocks land straight in the shared list (keeps order with quotes). */
class BodyBuilderInto extends BodyBuilder {
  constructor(private readonly out: CommentBlock[]) {
    super('paragraph');
  }

  override flush(): void {
    super.flush();
    this.out.push(...this.blocks.splice(0));
  }
}

/** The input as safe blocks (empty when nothing readable is left). */
export function sanitizeCommentBody(input: string): CommentBlock[] {
  return collect(input).slice(0, 100);
}

/** The blocks as plain text: paragraphs separated by a blank line, quotes marked with "> ". */
export function commentPlainText(blocks: readonly CommentBlock[]): string {
  return blocks
    .map((block) => {
      const text = block.content.map((part) => ('br' in part ? '\n' : part.text)).join('');
      return block.type === 'quote' ? text.replace(/^/gm, '> ') : text;
    })
    .join('\n\n');
}

/** How many links the body has (for link holds). */
export function countCommentLinks(blocks: readonly CommentBlock[]): number {
  return blocks.reduce(
    (n, block) => n + block.content.filter((part) => 'href' in part && part.href).length,
    0,
  );
}

function isInline(value: unknown): value is CommentInline {
  if (typeof value !== 'object' || value === null) return false;
  const part = value as Record<string, unknown>;
  if (part.br === true) return true;
  return (
    typeof part.text === 'string' && (part.href === undefined || typeof part.href === 'string')
  );
}

/** The stored JSON back as blocks; anything malformed is dropped rather than rendered. */
export function parseStoredBody(json: string): CommentBlock[] {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return [];
  }
  if (!Array.isArray(value)) return [];
  return value.flatMap((block: unknown) => {
    const b = block as Partial<CommentBlock> | null;
    if (!b || (b.type !== 'paragraph' && b.type !== 'quote') || !Array.isArray(b.content))
      return [];
    return [{ type: b.type, content: b.content.filter(isInline) }];
  });
}

function renderInline(part: CommentInline): SafeHtml {
  if ('br' in part) return html`<br>`;
  // Checked again at render: a row written by an older version or by hand stays inert.
  const href = part.href !== undefined ? safeHref(part.href) : undefined;
  return href
    ? html`<a href="${href}" rel="ugc nofollow noopener">${part.text}</a>`
    : html`${part.text}`;
}

/** The blocks as HTML: every text and URL escaped, links marked rel="ugc nofollow". */
export function renderCommentBody(blocks: readonly CommentBlock[]): SafeHtml {
  return html`${blocks.map((block) =>
    block.type === 'quote'
      ? html`<blockquote><p>${block.content.map(renderInline)}</p></blockquote>`
      : html`<p>${block.content.map(renderInline)}</p>`,
  )}`;
}
