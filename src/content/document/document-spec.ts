// The article document's node and mark specs as plain data (ADR 0005): no imports, no DOM, no
// Node APIs, so the server's prosemirror Schema (document-schema.ts) and the admin editor's
// TipTap extensions (admin-ui/src/editor/schema-extensions.ts) are both built from this one
// module and cannot drift apart. Editor-only behaviour (parseHTML, commands, shortcuts) lives
// in the editor; validation rules beyond the schema live in document-schema.ts.

/** One attribute: a default makes it optional; without one it is required. */
export interface AttributeSpecData {
  default?: string | number | null;
}

/** The schema-relevant part of a prosemirror NodeSpec. */
export interface NodeSpecData {
  group?: string;
  content?: string;
  marks?: string;
  inline?: boolean;
  atom?: boolean;
  defining?: boolean;
  selectable?: boolean;
  attrs?: Record<string, AttributeSpecData>;
}

/** The schema-relevant part of a prosemirror MarkSpec. */
export interface MarkSpecData {
  inclusive?: boolean;
  attrs?: Record<string, AttributeSpecData>;
}

/** Nodes in schema order (the first block node, paragraph, is the default block). */
export const documentNodeSpecs = {
  doc: { content: 'block+' },
  paragraph: { group: 'block', content: 'inline*' },
  heading: {
    group: 'block',
    content: 'inline*',
    attrs: { level: { default: 2 } },
    defining: true,
  },
  text: { group: 'inline' },
  hardBreak: { group: 'inline', inline: true, selectable: false },
  bulletList: { group: 'block', content: 'listItem+' },
  orderedList: { group: 'block', content: 'listItem+', attrs: { start: { default: 1 } } },
  listItem: { content: 'paragraph block*', defining: true },
  blockquote: { group: 'block', content: 'block+', defining: true },
  pullQuote: {
    group: 'block',
    content: 'text*',
    marks: '',
    attrs: { attribution: { default: '' } },
  },
  image: {
    group: 'block',
    atom: true,
    attrs: {
      src: {},
      alt: { default: '' },
      caption: { default: '' },
      credit: { default: '' },
      mediaId: { default: null },
    },
  },
  horizontalRule: { group: 'block' },
  relatedArticle: {
    group: 'block',
    atom: true,
    attrs: { articleId: {}, title: { default: '' } },
  },
  embed: { group: 'block', atom: true, attrs: { provider: {}, url: {} } },
  /** Where the preview of a gated article ends (ADR 0026); renders as nothing. */
  previewBreak: { group: 'block', atom: true },
} satisfies Record<string, NodeSpecData>;

/** Marks in schema order. */
export const documentMarkSpecs = {
  bold: {},
  italic: {},
  link: { attrs: { href: {}, articleId: { default: null } }, inclusive: false },
} satisfies Record<string, MarkSpecData>;

export type DocumentNodeName = keyof typeof documentNodeSpecs;
export type DocumentMarkName = keyof typeof documentMarkSpecs;

/** Heading levels the schema accepts (h1 is the article's title). */
export const headingLevels = [2, 3, 4] as const;
