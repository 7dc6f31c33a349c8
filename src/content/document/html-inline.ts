import type { ChildNode } from 'domhandler';
import type { DocumentMark, DocumentNode } from './document-schema.js';
import { dropped, isElement } from './html-dom.js';
import { sanitizeUrl } from './safe-url.js';

// Inline content of the HTML → document parser: text with bold, italic and link marks,
// hard breaks, whitespace collapsed the way browsers show it.

type Marks = DocumentMark[];

function withMark(marks: Marks, mark: DocumentMark): Marks {
  if (marks.some((m) => m.type === mark.type)) return marks;
  const order = { bold: 0, italic: 1, link: 2 } as const;
  return [...marks, mark].sort((a, b) => order[a.type] - order[b.type]);
}

/** Inline content of `nodes` with the marks in force. */
export function collectInline(nodes: ChildNode[], marks: Marks, out: DocumentNode[]): void {
  for (const node of nodes) {
    if (node.type === 'text') {
      const text = node.data.replace(/[\s\u00a0]+/g, ' ');
      if (text) out.push(marks.length > 0 ? { type: 'text', text, marks } : { type: 'text', text });
      continue;
    }
    if (!isElement(node) || dropped.has(node.name)) continue;
    switch (node.name) {
      case 'br':
        out.push({ type: 'hardBreak' });
        break;
      case 'strong':
      case 'b':
        collectInline(node.children, withMark(marks, { type: 'bold' }), out);
        break;
      case 'em':
      case 'i':
      case 'cite':
      case 'dfn':
        collectInline(node.children, withMark(marks, { type: 'italic' }), out);
        break;
      case 'a': {
        const href =
          node.attribs.href === undefined ? null : sanitizeUrl(node.attribs.href, 'link');
        const next = href
          ? withMark(marks, { type: 'link', attrs: { href, articleId: null } })
          : marks;
        collectInline(node.children, next, out);
        break;
      }
      case 'img':
      case 'iframe':
      case 'embed':
      case 'hr':
        break; // block-level media inside inline context is lifted out by the block walker
      default:
        collectInline(node.children, marks, out);
    }
  }
}

/** Trims the edges of a run of inline nodes and merges neighbours with the same marks. */
export function tidyInline(nodes: DocumentNode[]): DocumentNode[] {
  const merged: DocumentNode[] = [];
  for (const node of nodes) {
    const last = merged[merged.length - 1];
    if (
      node.type === 'text' &&
      last?.type === 'text' &&
      JSON.stringify(last.marks ?? []) === JSON.stringify(node.marks ?? [])
    ) {
      last.text = `${last.text ?? ''}${node.text ?? ''}`.replace(/ {2,}/g, ' ');
    } else {
      merged.push({ ...node });
    }
  }
  for (let i = 0; i < merged.length; i += 1) {
    const node = merged[i];
    if (node?.type !== 'text') continue;
    const previous = merged[i - 1];
    let text = node.text ?? '';
    if (i === 0 || previous?.type === 'hardBreak') text = text.replace(/^ +/, '');
    if (previous?.type === 'text' && previous.text?.endsWith(' ')) text = text.replace(/^ +/, '');
    node.text = text;
  }
  for (let i = merged.length - 1; i >= 0; i -= 1) {
    const node = merged[i];
    if (node?.type === 'text') {
      node.text = (node.text ?? '').replace(/ +$/, '');
      break;
    }
    if (node?.type === 'hardBreak') merged.splice(i, 1);
    else break;
  }
  return merged.filter((n) => n.type !== 'text' || (n.text ?? '') !== '');
}

export function inlineOf(nodes: ChildNode[]): DocumentNode[] {
  const content: DocumentNode[] = [];
  collectInline(nodes, [], content);
  return tidyInline(content);
}

export function paragraphOf(nodes: ChildNode[]): DocumentNode | undefined {
  const content = inlineOf(nodes);
  return content.length > 0 ? { type: 'paragraph', content } : undefined;
}
