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

// The XSS corpus: classic payloads (OWASP filter-evasion cheat sheet, html5sec.org shapes).
// Each goes through the write-time sanitizer, JSON storage and the renderer; the rendered HTML
// is parsed again and may hold only <p>, <br>, <blockquote> and <a href="http(s)…" rel>.
const corpus = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=https://evil.example/xss.js></SCRIPT>',
  '<img src=x onerror=alert(1)>',
  '<svg/onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<a href="javascript:alert(1)">click</a>',
  '<a href="JaVaScRiPt:alert(1)">click</a>',
  '<a href="java&#x09;script:alert(1)">tab</a>',
  '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">dec</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data</a>',
  '<a href="vbscript:msgbox(1)">vb</a>',
  '<a href="https://ok.example/" onclick="alert(1)" style="x:expression(alert(1))">ok</a>',
  '<a href="//evil.example/">protocol-relative</a>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<body onload=alert(1)>',
  '<div style="background:url(javascript:alert(1))">x</div>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<form><button formaction=javascript:alert(1)>x</button></form>',
  '<details open ontoggle=alert(1)>',
  '<input autofocus onfocus=alert(1)>',
  '<object data="javascript:alert(1)"></object>',
  '<embed src="javascript:alert(1)">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<base href="javascript:alert(1)//">',
  '<<script>script>alert(1)<</script>/script>',
  '"><script>alert(1)</script>',
  "'><img src=x onerror=alert(1)>",
  '<!--<img src="--><img src=x onerror=alert(1)//">',
  '<![CDATA[<script>alert(1)</script>]]>',
  '<a href="https://ok.example/"><img src=x onerror=alert(1)></a>',
  '<blockquote cite="javascript:alert(1)" onmouseover="alert(1)">quoted</blockquote>',
  '<p onclick="alert(1)">para</p>',
  '<style>@import "https://evil.example/x.css";</style>',
  '<template><script>alert(1)</script></template>',
  '<textarea><script>alert(1)</script></textarea>',
  '<xmp><script>alert(1)</script></xmp>',
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  'https://ok.example/"onmouseover="alert(1)',
  'https://ok.example/<script>alert(1)</script>',
  '<a href="https://ok.example/&quot; onmouseover=&quot;alert(1)">q</a>',
  '<a href=" javascript:alert(1)">space</a>',
  '<a href="\u0001javascript:alert(1)">control</a>',
  '<isindex action=javascript:alert(1) type=image>',
  '<video><source onerror="alert(1)"></video>',
];

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
    for (const input of corpus) {
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
