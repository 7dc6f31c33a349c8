// The editor's TipTap extensions, generated from the shared document specs (ADR 0005): every
// node and mark takes its name, group, content expression, flags and attributes from
// src/content/document/document-spec.ts, the same module the server's Schema is built from.
// TipTap's own extensions supply editor behaviour (commands, input rules, shortcuts) where one
// exists; the newsroom-only nodes get a small parseHTML/renderHTML here.
import { type AnyExtension, type Attributes, type Mark, Node } from '@tiptap/core';
import Blockquote from '@tiptap/extension-blockquote';
import Bold from '@tiptap/extension-bold';
import Document from '@tiptap/extension-document';
import HardBreak from '@tiptap/extension-hard-break';
import Heading from '@tiptap/extension-heading';
import HorizontalRule from '@tiptap/extension-horizontal-rule';
import Italic from '@tiptap/extension-italic';
import Link from '@tiptap/extension-link';
import { BulletList, ListItem, ListKeymap, OrderedList } from '@tiptap/extension-list';
import Paragraph from '@tiptap/extension-paragraph';
import Text from '@tiptap/extension-text';
import { Dropcursor, Gapcursor, TrailingNode, UndoRedo } from '@tiptap/extensions';
import {
  type AttributeSpecData,
  documentMarkSpecs,
  documentNodeSpecs,
  headingLevels,
  type MarkSpecData,
  type NodeSpecData,
} from '../../../src/content/document/document-spec.js';

type HtmlAttribute = Attributes[string];

/** How some attributes read from and write to HTML in the editor (copy/paste, rendering). */
const attributeHtml: Record<string, Record<string, Partial<HtmlAttribute>>> = {
  orderedList: {
    start: {
      parseHTML: (el) => (el.hasAttribute('start') ? Number(el.getAttribute('start')) : 1),
    },
  },
  link: {
    href: { rendered: true, parseHTML: (el) => el.getAttribute('href') },
    articleId: {
      rendered: true,
      parseHTML: (el) => {
        const id = Number(el.getAttribute('data-article-id'));
        return Number.isInteger(id) && id > 0 ? id : null;
      },
      renderHTML: (attrs) =>
        attrs.articleId == null ? {} : { 'data-article-id': String(attrs.articleId) },
    },
  },
};

function attributesOf(name: string, attrs: Record<string, AttributeSpecData> | undefined) {
  const result: Attributes = {};
  for (const [attr, spec] of Object.entries(attrs ?? {})) {
    result[attr] = {
      default: 'default' in spec ? spec.default : undefined,
      // Custom renderHTML functions below write what the editor shows.
      rendered: false,
      ...attributeHtml[name]?.[attr],
    };
  }
  return result;
}

function nodeConfig(name: string, spec: NodeSpecData) {
  return {
    name,
    ...(name === 'doc' ? { topNode: true } : {}),
    group: spec.group,
    content: spec.content,
    marks: spec.marks,
    inline: spec.inline ?? false,
    atom: spec.atom ?? false,
    defining: spec.defining ?? false,
    selectable: spec.selectable ?? true,
    addAttributes: () => attributesOf(name, spec.attrs),
  };
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** Newsroom nodes TipTap has no extension for. */
const customNodes: Record<string, Parameters<typeof Node.create>[0]> = {
  pullQuote: {
    parseHTML: () => [{ tag: 'blockquote.pull-quote', contentElement: 'p' }],
    renderHTML: () => ['blockquote', { class: 'pull-quote', 'data-type': 'pullQuote' }, ['p', 0]],
  },
  image: {
    draggable: true,
    parseHTML: () => [
      {
        tag: 'figure[data-type=image]',
        getAttrs: (el) => {
          const img = el.querySelector('img');
          return img ? { src: img.getAttribute('src'), alt: img.getAttribute('alt') ?? '' } : false;
        },
      },
    ],
    renderHTML: ({ node }) => [
      'figure',
      { 'data-type': 'image', class: 'editor-image' },
      ['img', { src: text(node.attrs.src), alt: text(node.attrs.alt) }],
      [
        'figcaption',
        {},
        [text(node.attrs.caption), text(node.attrs.credit)].filter(Boolean).join(' — ') ||
          (text(node.attrs.alt) ? '' : 'No alt text yet'),
      ],
    ],
  },
  relatedArticle: {
    parseHTML: () => [{ tag: 'aside[data-type=relatedArticle]' }],
    renderHTML: ({ node }) => [
      'aside',
      { 'data-type': 'relatedArticle', class: 'editor-card' },
      `Related article: ${text(node.attrs.title) || `#${String(node.attrs.articleId)}`}`,
    ],
  },
  previewBreak: {
    parseHTML: () => [{ tag: 'hr[data-type=previewBreak]' }],
    renderHTML: () => [
      'hr',
      {
        'data-type': 'previewBreak',
        class: 'editor-preview-break',
        'aria-label': 'Preview ends here',
      },
    ],
  },
  embed: {
    parseHTML: () => [{ tag: 'div[data-type=embed]' }],
    renderHTML: ({ node }) => [
      'div',
      { 'data-type': 'embed', class: 'editor-card' },
      `Embed (${text(node.attrs.provider)}): ${text(node.attrs.url)}`,
    ],
  },
};

/** TipTap's behaviour for the nodes and marks it knows. */
const tiptapNodes: Record<string, Node> = {
  doc: Document,
  paragraph: Paragraph,
  heading: Heading.configure({ levels: [...headingLevels] }),
  text: Text,
  hardBreak: HardBreak,
  bulletList: BulletList,
  orderedList: OrderedList,
  listItem: ListItem,
  blockquote: Blockquote,
  horizontalRule: HorizontalRule,
};
const tiptapMarks: Record<string, Mark> = {
  bold: Bold,
  italic: Italic,
  link: Link.configure({ openOnClick: false, autolink: false, linkOnPaste: false }),
};

function nodeFor(name: string, spec: NodeSpecData): AnyExtension {
  const base = tiptapNodes[name];
  const config = nodeConfig(name, spec);
  if (base) return base.extend(config);
  const custom = customNodes[name];
  if (!custom) throw new Error(`no editor behaviour for document node "${name}"`);
  return Node.create({ ...custom, ...config });
}

function markFor(name: string, spec: MarkSpecData): AnyExtension {
  const base = tiptapMarks[name];
  if (!base) throw new Error(`no editor behaviour for document mark "${name}"`);
  return base.extend({
    name,
    inclusive: spec.inclusive ?? true,
    addAttributes: () => attributesOf(name, spec.attrs),
  });
}

/** Every extension the article editor needs; the schema they make equals the server's. */
export function documentExtensions(): AnyExtension[] {
  return [
    ...Object.entries(documentNodeSpecs).map(([name, spec]) => nodeFor(name, spec)),
    ...Object.entries(documentMarkSpecs).map(([name, spec]) => markFor(name, spec)),
    UndoRedo,
    Dropcursor,
    Gapcursor,
    TrailingNode,
    ListKeymap,
  ];
}
