import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChildNode } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import {
  commentPlainText,
  countCommentLinks,
  parseStoredBody,
  renderCommentBody,
  sanitizeCommentBody,
} from './comment-body.js';
import { xssCorpus } from './test-fixtures/xss-corpus.js';

const allowedTags = new Set(['p', 'br', 'blockquote', 'a']);

function assertInert(nodes: ChildNode[], input: string): void {
  for (const node of nodes) {
    if (node.type === 'text') continue;
    assert.ok(node.type === 'tag', `only plain elements and text (${node.type}) for ${input}`);
    assert.ok(allowedTags.has(node.name), `<${node.name}> must not appear for ${input}`);
    const names = Object.keys(node.attribs).sort();
    if (node.name === 'a') {
      assert.deepEqual(names, ['href', 'rel'], input);
      assert.match(node.attribs.href ?? '', /^https?:\/\/[^\s"'<>]+$/, input);
      assert.equal(node.attribs.rel, 'ugc nofollow noopener');
    } else assert.deepEqual(names, [], input);
    assertInert(node.children, input);
  }
}

describe('comment bodies', () => {
  it('leaves every payload of the XSS corpus inert after storage and rendering', () => {
    for (const input of xssCorpus) {
      const stored = JSON.stringify(sanitizeCommentBody(input));
      const rendered = renderCommentBody(parseStoredBody(stored)).value;
      assertInert(parseDocument(rendered).children, input);
      assert.doesNotMatch(rendered, /<script|onerror=|onload=|javascript:/i, input);
    }
  });

  it('keeps paragraphs, line breaks, quotes and http(s) links (rel="ugc nofollow")', () => {
    const blocks = sanitizeCommentBody(
      'First line\nsecond line\n\n> quoted words\n> more\n\nSee https://example.org/a?b=1, thanks',
    );
    assert.equal(
      renderCommentBody(blocks).value,
      '<p>First line<br>second line</p><blockquote><p>quoted words<br>more</p></blockquote>' +
        '<p>See <a href="https://example.org/a?b=1" rel="ugc nofollow noopener">https://example.org/a?b=1</a>, thanks</p>',
    );
    assert.equal(countCommentLinks(blocks), 1);
    assert.equal(
      commentPlainText(blocks),
      'First line\nsecond line\n\n> quoted words\n> more\n\nSee https://example.org/a?b=1, thanks',
    );
  });

  it('understands the pasted-HTML subset and escapes the text', () => {
    const blocks = sanitizeCommentBody(
      '<p>One &amp; <b>two</b> <a href="https://ex.org/">link</a></p><blockquote>Q</blockquote><p>1 < 2</p>',
    );
    assert.equal(
      renderCommentBody(blocks).value,
      '<p>One &amp; two <a href="https://ex.org/" rel="ugc nofollow noopener">link</a></p><blockquote><p>Q</p></blockquote><p>1 &lt; 2</p>',
    );
  });

  it('treats a body of only tags or whitespace as empty', () => {
    assert.deepEqual(sanitizeCommentBody('  <script>x</script> \n\n <br> '), []);
  });

  it('drops malformed stored JSON instead of rendering it', () => {
    assert.deepEqual(parseStoredBody('not json'), []);
    assert.equal(
      renderCommentBody(
        parseStoredBody(
          '[{"type":"paragraph","content":[{"text":"x","href":"javascript:alert(1)"}]}]',
        ),
      ).value,
      '<p>x</p>',
    );
  });
});
