import type { DocumentJson, DocumentNode, LinkAttrs } from './document-schema.js';

const blockTypes = new Set(['paragraph', 'heading', 'pullQuote']);

function inlineText(node: DocumentNode): string {
  if (node.type === 'text') return node.text ?? '';
  if (node.type === 'hardBreak') return '\n';
  return (node.content ?? []).map(inlineText).join('');
}

/** What a text block is, for narration's pauses and cues (see documentBlocks). */
export type TextBlockKind = 'paragraph' | 'heading' | 'quote' | 'listItem' | 'caption';

export interface TextBlock {
  text: string;
  kind: TextBlockKind;
}

function collectBlocks(
  nodes: DocumentNode[] | undefined,
  includeCaptions: boolean,
  out: TextBlock[],
  inside: TextBlockKind,
): void {
  for (const node of nodes ?? []) {
    if (blockTypes.has(node.type)) {
      const text = inlineText(node).trim();
      const kind =
        node.type === 'heading' ? 'heading' : node.type === 'pullQuote' ? 'quote' : inside;
      if (text) out.push({ text, kind });
    } else if (node.type === 'image') {
      if (includeCaptions && typeof node.attrs?.caption === 'string' && node.attrs.caption)
        out.push({ text: node.attrs.caption, kind: 'caption' });
    } else if (
      node.type === 'embed' ||
      node.type === 'relatedArticle' ||
      node.type === 'horizontalRule' ||
      node.type === 'previewBreak'
    ) {
      continue;
    } else {
      const within =
        node.type === 'blockquote' ? 'quote' : node.type === 'listItem' ? 'listItem' : inside;
      collectBlocks(node.content, includeCaptions, out, within);
    }
  }
}

/** The document's text, blocks separated by blank lines (reading time, search, narration). */
export function documentToPlainText(
  doc: DocumentJson,
  options: { includeCaptions?: boolean } = {},
): string {
  return documentParagraphs(doc, options).join('\n\n');
}

/** One string per text block (paragraphs, headings, list items, quotes), captions and embeds skipped. */
export function documentParagraphs(
  doc: DocumentJson,
  options: { includeCaptions?: boolean } = {},
): string[] {
  return documentBlocks(doc, options).map((block) => block.text);
}

/**
 * The same blocks as `documentParagraphs`, in the same order (so the same indexes), each with
 * its kind: a heading, a quote (pull quote or inside a blockquote), a list item, a caption.
 */
export function documentBlocks(
  doc: DocumentJson,
  options: { includeCaptions?: boolean } = {},
): TextBlock[] {
  const out: TextBlock[] = [];
  collectBlocks(doc.content, options.includeCaptions ?? false, out, 'paragraph');
  return out;
}

// Apostrophes, hyphens and inner dots join ("Ukraine's", "well-known", "U.S"); commas join digits ("2,500").
const wordPattern = /[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+|,\p{N}+)*/gu;

/** Counts words in any script (Latin, Cyrillic…). */
export function countWords(text: string): number {
  return text.match(wordPattern)?.length ?? 0;
}

/** Minutes to read at 230 words a minute, at least 1. */
export function readingMinutes(wordCount: number): number {
  return Math.max(1, Math.ceil(wordCount / 230));
}

/** Ids of the articles a document links to or features (unique). */
export function collectArticleIds(doc: DocumentJson): number[] {
  const ids = new Set<number>();
  const visit = (node: DocumentNode): void => {
    if (node.type === 'relatedArticle' && typeof node.attrs?.articleId === 'number')
      ids.add(node.attrs.articleId);
    for (const mark of node.marks ?? [])
      if (mark.type === 'link' && typeof mark.attrs.articleId === 'number')
        ids.add(mark.attrs.articleId);
    node.content?.forEach(visit);
  };
  visit(doc);
  return [...ids];
}

/** A copy of the document with each link mark's attributes passed through `transform`. */
export function mapLinks(
  doc: DocumentJson,
  transform: (attrs: LinkAttrs) => LinkAttrs,
): DocumentJson {
  const visit = (node: DocumentNode): DocumentNode => {
    const next: DocumentNode = { ...node };
    if (node.marks) {
      next.marks = node.marks.map((mark) =>
        mark.type === 'link'
          ? {
              type: 'link',
              attrs: transform({ href: mark.attrs.href, articleId: mark.attrs.articleId ?? null }),
            }
          : mark,
      );
    }
    if (node.content) next.content = node.content.map(visit);
    return next;
  };
  return visit(doc) as DocumentJson;
}
