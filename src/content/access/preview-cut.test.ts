import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DocumentJson, DocumentNode } from '../document/document-types.js';
import { decodeRule, encodeRule, grantsAccess } from './access-level.js';
import { cutPreview, openDocJson } from './preview-cut.js';

const p = (text: string): DocumentNode => ({
  type: 'paragraph',
  content: [{ type: 'text', text }],
});
const doc = (...content: DocumentNode[]): DocumentJson => ({ type: 'doc', content });
const texts = (d: DocumentJson) => d.content.map((n) => n.content?.[0]?.text ?? n.type);

describe('preview cut', () => {
  it('keeps the first N paragraphs, counting only top-level paragraphs', () => {
    const body = doc(
      p('one'),
      { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'h' }] },
      p('two'),
      p('three'),
      p('four'),
    );
    const cut = cutPreview(body, 2);
    assert.deepEqual(texts(cut.preview), ['one', 'h', 'two']);
    assert.deepEqual(texts(cut.rest), ['three', 'four']);
  });

  it('never gives the whole body away: one paragraph at least stays behind the wall', () => {
    const cut = cutPreview(doc(p('one'), p('two')), 5);
    assert.deepEqual(texts(cut.preview), ['one']);
    assert.deepEqual(texts(cut.rest), ['two']);
  });

  it('ends at the editor’s marker when there is one, whatever N says', () => {
    const cut = cutPreview(
      doc(p('one'), p('two'), p('three'), { type: 'previewBreak' }, p('four')),
      1,
    );
    assert.deepEqual(texts(cut.preview), ['one', 'two', 'three']);
    assert.deepEqual(texts(cut.rest), ['four']);
  });

  it('opens the whole body of a public article and the preview of a gated one', () => {
    const body = JSON.stringify(doc(p('one'), p('two'), p('three')));
    assert.equal(openDocJson({ doc: body, access_level: 'public', preview_paragraphs: 1 }), body);
    const open = JSON.parse(
      openDocJson({ doc: body, access_level: 'paid', preview_paragraphs: 1 }),
    ) as DocumentJson;
    assert.deepEqual(texts(open), ['one']);
  });
});

describe('entitlements', () => {
  const member = { kind: 'member' as const, tiers: [] };
  const patron = { kind: 'paid' as const, tiers: ['patron'] };
  const basic = { kind: 'paid' as const, tiers: ['member'] };
  const none = { kind: 'none' as const, tiers: [] };
  const staff = { kind: 'staff' as const, tiers: [] };
  const tierRule = { level: 'tiers' as const, tiers: ['patron'] };

  it('grants each level to exactly who may read it', () => {
    const table: [string, boolean[]][] = [
      // none, member, basic, patron, staff
      ['public', [true, true, true, true, true]],
      ['members', [false, true, true, true, true]],
      ['paid', [false, false, true, true, true]],
      ['tiers:patron', [false, false, false, true, true]],
    ];
    for (const [gate, expected] of table) {
      const rule = decodeRule(gate);
      assert.deepEqual(
        [none, member, basic, patron, staff].map((e) => grantsAccess(e, rule)),
        expected,
        gate,
      );
    }
    assert.equal(encodeRule(tierRule), 'tiers:patron');
    assert.equal(grantsAccess(patron, { level: 'tiers', tiers: [] }), false);
  });
});
