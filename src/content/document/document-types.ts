// The shape of a stored article body as plain JSON: what the schema, the renderers and the
// embed providers share. No imports, so anything in document/ may depend on it.

export type BlockType =
  | 'paragraph'
  | 'heading'
  | 'bulletList'
  | 'orderedList'
  | 'listItem'
  | 'blockquote'
  | 'pullQuote'
  | 'image'
  | 'horizontalRule'
  | 'relatedArticle'
  | 'embed'
  | 'previewBreak';
export type NodeType = 'doc' | 'text' | 'hardBreak' | BlockType;

export interface LinkAttrs {
  href: string;
  articleId: number | null;
}

export type DocumentMark =
  { type: 'bold' } | { type: 'italic' } | { type: 'link'; attrs: LinkAttrs };

export interface DocumentNode {
  type: NodeType;
  attrs?: Record<string, unknown>;
  content?: DocumentNode[];
  marks?: DocumentMark[];
  text?: string;
}

export interface DocumentJson extends DocumentNode {
  type: 'doc';
  content: DocumentNode[];
}
