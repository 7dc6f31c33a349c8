import type { DocumentJson, DocumentNode } from '../document/document-types.js';

// Where a gated article's preview ends (ADR 0026): at the editor's preview marker when the body
// has one at the top level, else after the first N top-level paragraphs. The cut is always on
// a block boundary of the stored document, so the preview is a valid document on its own and
// the rest is never rendered, indexed, narrated or sent to anyone not entitled to it.

/** Paragraphs shown before the wall when neither the article nor a marker says otherwise. */
export const defaultPreviewParagraphs = 2;

export interface PreviewCut {
  preview: DocumentJson;
  /** What only entitled readers get (empty when the whole body fits in the preview). */
  rest: DocumentJson;
}

/** Splits a body into the preview and the gated rest. */
export function cutPreview(doc: DocumentJson, previewParagraphs: number | null): PreviewCut {
  const blocks = doc.content;
  const marker = blocks.findIndex((node) => node.type === 'previewBreak');
  let cut: number;
  if (marker !== -1) cut = marker;
  else {
    const wanted = previewParagraphs ?? defaultPreviewParagraphs;
    const paragraphs = blocks.filter((node) => node.type === 'paragraph').length;
    // Never show the whole body as its preview: at least one paragraph stays behind the wall.
    cut = afterParagraph(blocks, Math.min(wanted, Math.max(0, paragraphs - 1)));
  }
  const rest = blocks.slice(marker !== -1 ? cut + 1 : cut).filter((n) => n.type !== 'previewBreak');
  return {
    preview: {
      type: 'doc',
      content: blocks.slice(0, cut).filter((n) => n.type !== 'previewBreak'),
    },
    rest: { type: 'doc', content: rest },
  };
}

/** The index just after the nth top-level paragraph (0: before everything). */
function afterParagraph(blocks: DocumentNode[], n: number): number {
  if (n <= 0) return 0;
  let seen = 0;
  for (let i = 0; i < blocks.length; i += 1) {
    if (blocks[i]?.type === 'paragraph') seen += 1;
    if (seen === n) return i + 1;
  }
  return blocks.length;
}

/** The preview of a stored body as document JSON (feeds, the API, search and narration use it). */
export function previewDocJson(docJson: string, previewParagraphs: number | null): string {
  return JSON.stringify(cutPreview(JSON.parse(docJson) as DocumentJson, previewParagraphs).preview);
}

/**
 * The body anyone may read, whoever asks: the whole document of a public article, the preview
 * of a gated one. Feeds, the public API, search and narration of the preview start here.
 */
export function openDocJson(article: {
  doc: string;
  access_level: string;
  preview_paragraphs: number | null;
}): string {
  return article.access_level === 'public'
    ? article.doc
    : previewDocJson(article.doc, article.preview_paragraphs);
}
