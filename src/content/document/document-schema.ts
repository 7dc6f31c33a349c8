import { Node as ProseMirrorNode, Schema } from 'prosemirror-model';
import { documentMarkSpecs, documentNodeSpecs, headingLevels } from './document-spec.js';
import { findEmbedProvider } from './embed-providers.js';
import type { DocumentJson } from './document-types.js';
import { sanitizeUrl } from './safe-url.js';

// The one rich-text schema (ADR 0005). The node and mark specs live in document-spec.ts as
// plain data, shared with the admin editor's TipTap extensions.

/** The schema every stored article body conforms to, built from the shared plain-data specs. */
export const documentSchema = new Schema({ nodes: documentNodeSpecs, marks: documentMarkSpecs });

export type {
  BlockType,
  DocumentJson,
  DocumentMark,
  DocumentNode,
  LinkAttrs,
  NodeType,
} from './document-types.js';

/** A document with one empty paragraph. */
export function emptyDocument(): DocumentJson {
  return { type: 'doc', content: [{ type: 'paragraph' }] };
}

function checkAttrs(node: ProseMirrorNode): string | undefined {
  const { attrs } = node;
  switch (node.type.name) {
    case 'heading':
      return (headingLevels as readonly number[]).includes(attrs.level as number)
        ? undefined
        : 'heading level must be 2, 3 or 4';
    case 'orderedList':
      return Number.isInteger(attrs.start) ? undefined : 'orderedList start must be a whole number';
    case 'image':
      if (typeof attrs.src !== 'string' || sanitizeUrl(attrs.src, 'image') === null)
        return 'image src must be an http(s) URL';
      for (const key of ['alt', 'caption', 'credit'])
        if (typeof attrs[key] !== 'string') return `image ${key} must be text`;
      return attrs.mediaId === null || Number.isInteger(attrs.mediaId)
        ? undefined
        : 'image mediaId must be a number';
    case 'relatedArticle':
      return Number.isInteger(attrs.articleId) && typeof attrs.title === 'string'
        ? undefined
        : 'relatedArticle needs a numeric articleId';
    case 'embed': {
      const provider = typeof attrs.url === 'string' ? findEmbedProvider(attrs.url) : null;
      return provider && provider.id === attrs.provider
        ? undefined
        : 'embed must be an https URL of an allowed provider';
    }
    case 'pullQuote':
      return typeof attrs.attribution === 'string'
        ? undefined
        : 'pullQuote attribution must be text';
    default:
      return undefined;
  }
}

/** Checks untrusted JSON (e.g. from the editor) against the schema and URL rules. */
export function validateDocument(
  json: unknown,
): { ok: true; doc: DocumentJson } | { ok: false; error: string } {
  let node: ProseMirrorNode;
  try {
    node = ProseMirrorNode.fromJSON(documentSchema, json as Record<string, unknown>);
    node.check();
  } catch (error) {
    return {
      ok: false,
      error: `not a valid document: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  if (node.type.name !== 'doc')
    return { ok: false, error: 'not a valid document: the top node must be "doc"' };
  let problem: string | undefined;
  node.descendants((child) => {
    if (problem) return false;
    problem = checkAttrs(child);
    for (const mark of child.marks) {
      if (mark.type.name !== 'link') continue;
      const { href, articleId } = mark.attrs as { href: unknown; articleId: unknown };
      if (typeof href !== 'string' || sanitizeUrl(href, 'link') === null)
        problem = `link href is not allowed: ${String(href).slice(0, 80)}`;
      else if (articleId !== null && !Number.isInteger(articleId))
        problem = 'link articleId must be a number';
    }
    return true;
  });
  if (problem) return { ok: false, error: problem };
  return { ok: true, doc: node.toJSON() as DocumentJson };
}
