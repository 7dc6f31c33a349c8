import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Editor, getSchema } from '@tiptap/core';
import type { Schema } from 'prosemirror-model';
import { documentExtensions } from '../../../admin-ui/src/editor/schema-extensions.js';
import { documentSchema, validateDocument } from './document-schema.js';

// The admin editor and the server must agree on every document (ADR 0005): both schemas are
// built from document-spec.ts, and this test proves the generated TipTap schema matches.

function describeSchema(schema: Schema) {
  const nodes = Object.fromEntries(
    Object.values(schema.nodes).map((type) => [
      type.name,
      {
        content: type.spec.content ?? '',
        group: type.spec.group ?? '',
        marks: type.spec.marks ?? null,
        inline: type.isInline,
        atom: type.isAtom,
        attrs: Object.keys(type.spec.attrs ?? {}).sort(),
        defaults: Object.entries(type.spec.attrs ?? {})
          .filter(([, a]) => a.default !== undefined)
          .map(([name, a]) => [name, a.default] as const)
          .sort(),
      },
    ]),
  );
  const marks = Object.fromEntries(
    Object.values(schema.marks).map((type) => [
      type.name,
      {
        attrs: Object.keys(type.spec.attrs ?? {}).sort(),
        inclusive: type.spec.inclusive ?? true,
      },
    ]),
  );
  return { top: schema.topNodeType.name, nodes, marks };
}

describe('editor schema generated from document-spec.ts', () => {
  const editorSchema = getSchema(documentExtensions());

  it('has the same nodes, marks, content expressions and attributes as the server schema', () => {
    assert.deepEqual(describeSchema(editorSchema), describeSchema(documentSchema));
  });

  it('has paragraph as the default block in both', () => {
    assert.equal(editorSchema.topNodeType.contentMatch.defaultType?.name, 'paragraph');
    assert.equal(documentSchema.topNodeType.contentMatch.defaultType?.name, 'paragraph');
  });

  it('a document written with the editor commands validates on the server', () => {
    const editor = new Editor({
      element: null,
      extensions: documentExtensions(),
      // JSON content: string content would need a DOM to parse as HTML.
      content: { type: 'doc', content: [{ type: 'paragraph' }] },
    });
    try {
      editor
        .chain()
        .insertContent({ type: 'text', text: 'Headline inside' })
        .setNode('heading', { level: 2 })
        .createParagraphNear()
        .run();
      editor.commands.insertContentAt(editor.state.doc.content.size, [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'bold', marks: [{ type: 'bold' }] },
            { type: 'text', text: ' and ' },
            {
              type: 'text',
              text: 'a link',
              marks: [{ type: 'link', attrs: { href: '/other/', articleId: 7 } }],
            },
          ],
        },
        { type: 'pullQuote', content: [{ type: 'text', text: 'A quote' }] },
        {
          type: 'image',
          attrs: { src: 'https://example.org/a.jpg', alt: 'A cat', caption: 'Cap', mediaId: 3 },
        },
        { type: 'horizontalRule' },
        { type: 'relatedArticle', attrs: { articleId: 7, title: 'Other' } },
        { type: 'embed', attrs: { provider: 'youtube', url: 'https://youtu.be/abc' } },
      ]);
      editor
        .chain()
        .focus('end')
        .insertContent({ type: 'text', text: 'x' })
        .toggleBulletList()
        .run();
      editor.chain().setTextSelection(1).toggleBold().toggleItalic().run();
      const json = editor.getJSON();
      const result = validateDocument(json);
      assert.ok(result.ok, result.ok ? '' : result.error);
      const types = json.content?.map((n) => n.type);
      assert.deepEqual(types?.slice(0, 2), ['heading', 'paragraph']);
      assert.ok(types?.includes('bulletList'));
      assert.ok(types?.includes('image'));
    } finally {
      editor.destroy();
    }
  });

  it('the server rejects what the editor schema also rejects (a level-1 heading is not allowed)', () => {
    const result = validateDocument({
      type: 'doc',
      content: [{ type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: 'x' }] }],
    });
    assert.equal(result.ok, false);
  });
});
