import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type ChildNode, Element } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import { type DocumentJson, validateDocument } from './document-schema.js';
import { renderDocumentHtml } from './document-to-html.js';
import {
  collectArticleIds,
  countWords,
  documentParagraphs,
  documentToPlainText,
  mapLinks,
  readingMinutes,
} from './document-to-text.js';
import { parseHtmlToDocument } from './html-to-document.js';
import { sanitizeUrl } from './safe-url.js';
import { documentLabels } from '../../site/i18n/document-labels.js';

const context = {
  labels: documentLabels('en'),
  resolveArticle: (id: number) =>
    id === 7 ? { url: '/current-slug/', title: 'Current <title>' } : undefined,
};
const render = (html: string) => renderDocumentHtml(parseHtmlToDocument(html), context);

describe('sanitizeUrl', () => {
  const cases: Array<[string, 'link' | 'image', string | null]> = [
    ['https://example.org/a?b=1', 'link', 'https://example.org/a?b=1'],
    ['http://example.org', 'link', 'http://example.org/'],
    ['mailto:desk@example.org', 'link', 'mailto:desk@example.org'],
    ['tel:+380441234567', 'link', 'tel:+380441234567'],
    ['/some-article/', 'link', '/some-article/'],
    ['#section', 'link', '#section'],
    ['#section', 'image', null],
    ['mailto:x@example.org', 'image', null],
    ['https://cdn.example.org/a.jpg', 'image', 'https://cdn.example.org/a.jpg'],
    ['javascript:alert(1)', 'link', null],
    ['JavaScript:alert(1)', 'link', null],
    [' javascript:alert(1)', 'link', null],
    ['java\tscript:alert(1)', 'link', null],
    ['java\nscript:alert(1)', 'link', null],
    ['java\u0000script:alert(1)', 'link', null],
    ['jav&#x09;ascript:alert(1)', 'link', null],
    ['&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)', 'link', null],
    ['&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)', 'link', null],
    ['javascript&colon;alert(1)', 'link', null],
    ['vbscript:msgbox(1)', 'link', null],
    ['data:text/html;base64,PHNjcmlwdD4=', 'link', null],
    ['data:image/png;base64,AAAA', 'image', null],
    ['//evil.example/x', 'link', null],
    ['\\\\evil.example', 'link', null],
    ['/\\evil.example', 'link', null],
    ['relative/path', 'link', null],
    ['', 'link', null],
    ['   ', 'link', null],
    ['file:///etc/passwd', 'link', null],
    ['ftp://example.org', 'link', null],
    ['https://exa mple.org', 'link', null],
    ['\u200bjavascript:alert(1)', 'link', null],
  ];
  for (const [input, kind, expected] of cases) {
    it(`${JSON.stringify(input)} as ${kind} → ${JSON.stringify(expected)}`, () =>
      assert.equal(sanitizeUrl(input, kind), expected));
  }
});

describe('parseHtmlToDocument', () => {
  it('maps paragraphs, headings, marks, lists, quotes and rules', () => {
    const doc = parseHtmlToDocument(
      '<h1>Top</h1><p>Hello <strong>bold <em>both</em></strong> <a href="https://example.org">link</a></p><h5>Small</h5><ol start="3"><li>Three</li><li><p>Four</p><ul><li>nested</li></ul></li></ol><blockquote><p>Quoted</p></blockquote><hr><p>a<br>b</p>',
    );
    assert.deepEqual(
      doc.content.map((n) => n.type),
      [
        'heading',
        'paragraph',
        'heading',
        'orderedList',
        'blockquote',
        'horizontalRule',
        'paragraph',
      ],
    );
    assert.equal(doc.content[0]?.attrs?.level, 2);
    assert.equal(doc.content[2]?.attrs?.level, 4);
    assert.equal(doc.content[3]?.attrs?.start, 3);
    assert.ok(validateDocument(doc).ok);
    assert.equal(
      renderDocumentHtml(doc, context),
      '<h2>Top</h2><p>Hello <strong>bold </strong><strong><em>both</em></strong> <a href="https://example.org/" rel="noopener">link</a></p><h4>Small</h4><ol start="3"><li><p>Three</p></li><li><p>Four</p><ul><li><p>nested</p></li></ul></li></ol><blockquote><p>Quoted</p></blockquote><hr><p>a<br>b</p>',
    );
  });

  it('reads a WordPress Gutenberg post', () => {
    const doc = parseHtmlToDocument(`<!-- wp:paragraph -->
<p>Officials said on Oct. 6 that 2,500 people were evacuated.</p>
<!-- /wp:paragraph -->
<!-- wp:image {"id":12} -->
<figure class="wp-block-image size-large"><img src="https://news.example.org/wp-content/uploads/a.jpg" alt="Rescuers at work" class="wp-image-12"/><figcaption>Rescuers in Kharkiv. <small>Photo: Iryna P.</small></figcaption></figure>
<!-- /wp:image -->
<!-- wp:quote --><blockquote class="wp-block-quote"><p>We will rebuild.</p><cite>The mayor</cite></blockquote><!-- /wp:quote -->
<!-- wp:pullquote --><figure class="wp-block-pullquote"><blockquote><p>Every light matters.</p><cite>An engineer</cite></blockquote></figure><!-- /wp:pullquote -->
<!-- wp:embed {"url":"https://www.youtube.com/watch?v=abc"} --><figure class="wp-block-embed is-type-video wp-block-embed-youtube"><div class="wp-block-embed__wrapper">
https://www.youtube.com/watch?v=abc
</div></figure><!-- /wp:embed -->`);
    const types = doc.content.map((n) => n.type);
    assert.deepEqual(types, ['paragraph', 'image', 'blockquote', 'pullQuote', 'embed']);
    assert.deepEqual(doc.content[1]?.attrs, {
      src: 'https://news.example.org/wp-content/uploads/a.jpg',
      alt: 'Rescuers at work',
      caption: 'Rescuers in Kharkiv.',
      credit: 'Photo: Iryna P.',
      mediaId: null,
    });
    assert.deepEqual(doc.content[3]?.attrs, { attribution: 'An engineer' });
    assert.deepEqual(doc.content[4]?.attrs, {
      provider: 'youtube',
      url: 'https://www.youtube.com/watch?v=abc',
    });
    assert.ok(validateDocument(doc).ok);
  });

  it('reads a Ghost card post and messy pasted Word HTML', () => {
    const ghost = parseHtmlToDocument(
      '<figure class="kg-card kg-image-card kg-card-hascaption"><img src="https://x.example/i.png" class="kg-image" alt="Map"><figcaption><span>Front line, Sept. 28</span></figcaption></figure><p>Text</p>',
    );
    assert.equal(ghost.content[0]?.type, 'image');
    assert.equal(ghost.content[0]?.attrs?.caption, 'Front line, Sept. 28');
    const word = parseHtmlToDocument(
      '<p class="MsoNormal" style="margin:0"><span style="font-size:12pt">Hello&nbsp;&nbsp;<o:p></o:p>world</span></p><p class=MsoNormal><o:p>&nbsp;</o:p></p><div><font face="Arial">Loose text</font></div>',
    );
    assert.deepEqual(word, {
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'Hello world' }] },
        { type: 'paragraph', content: [{ type: 'text', text: 'Loose text' }] },
      ],
    });
  });

  it('returns one empty paragraph for empty input and keeps related-article cards', () => {
    assert.deepEqual(parseHtmlToDocument(''), { type: 'doc', content: [{ type: 'paragraph' }] });
    const doc = parseHtmlToDocument('<aside data-related-article-id="7">Old title</aside>');
    assert.deepEqual(doc.content[0], {
      type: 'relatedArticle',
      attrs: { articleId: 7, title: 'Old title' },
    });
    assert.equal(
      renderDocumentHtml(doc, context),
      '<aside class="related-card" aria-label="Related article"><a href="/current-slug/">Current &lt;title&gt;</a></aside>',
    );
    assert.deepEqual(collectArticleIds(doc), [7]);
  });

  it('round-trips: parse → render → parse gives the same document', () => {
    const html =
      '<h2>Sub</h2><p>One <em>two</em> <a href="https://example.org/x">three</a></p><ul><li>a</li><li>b</li></ul><figure class="figure"><img src="https://example.org/i.jpg" alt="Alt"><figcaption>Cap <span class="credit">Cred</span></figcaption></figure><figure class="pullquote"><blockquote><p>Quote</p></blockquote><figcaption>Someone</figcaption></figure><hr><p class="embed embed--vimeo"><a href="https://vimeo.com/1">View</a></p>';
    const first = parseHtmlToDocument(html);
    const second = parseHtmlToDocument(renderDocumentHtml(first, context));
    assert.deepEqual(second, first);
    assert.equal(first.content.at(-1)?.type, 'embed');
  });
});

/** Parses rendered HTML like a browser would and fails on anything that could run script. */
export function assertInert(markup: string): void {
  const allowedTags = new Set([
    'p',
    'h2',
    'h3',
    'h4',
    'strong',
    'em',
    'a',
    'span',
    'br',
    'ul',
    'ol',
    'li',
    'blockquote',
    'figure',
    'figcaption',
    'img',
    'hr',
    'aside',
  ]);
  const visit = (nodes: ChildNode[]): void => {
    for (const node of nodes) {
      if (!(node instanceof Element)) continue;
      assert.ok(allowedTags.has(node.name), `unexpected <${node.name}> in ${markup}`);
      for (const [name, value] of Object.entries(node.attribs)) {
        assert.ok(!/^on/i.test(name), `event handler ${name} in ${markup}`);
        if (name === 'href' || name === 'src')
          assert.ok(!/^\s*(javascript|vbscript|data):/i.test(value), `${name}=${value}`);
      }
      visit(node.children);
    }
  };
  visit(parseDocument(markup).children);
}

describe('XSS corpus', () => {
  const payloads = [
    '<script>alert(1)</script>',
    '<SCRIPT SRC=https://evil.example/x.js></SCRIPT>',
    '<img src=x onerror=alert(1)>',
    '<img src="javascript:alert(1)">',
    '<svg onload=alert(1)>',
    '<svg><script>alert(1)</script></svg>',
    '<body onload=alert(1)>',
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    '<a href="jav&#x0A;ascript:alert(1)">x</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
    '<a href=" &#14; javascript:alert(1)">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<a href="https://ok.example" onclick="alert(1)">x</a>',
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
    '<style>@import "https://evil.example/x.css";</style>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    '<form action="javascript:alert(1)"><button>x</button></form>',
    '<input onfocus=alert(1) autofocus>',
    '<details open ontoggle=alert(1)>',
    '<video><source onerror=alert(1)></video>',
    '<audio src=x onerror=alert(1)>',
    '<marquee onstart=alert(1)>x</marquee>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    '<link rel=stylesheet href="javascript:alert(1)">',
    '<table background="javascript:alert(1)">',
    '<img src="x` `<script>alert(1)</script>"` `>',
    '<<script>alert(1);//<</script>',
    '<scr<script>ipt>alert(1)</scr</script>ipt>',
    '<img """><script>alert(1)</script>">',
    '<a href="\\x01javascript:alert(1)">x</a>',
    '<figure class="wp-block-image"><img src="x" onerror="alert(1)" alt="<script>alert(1)</script>"><figcaption><script>alert(1)</script>cap</figcaption></figure>',
    '<blockquote class="pullquote">"><img src=x onerror=alert(1)><cite><script>alert(1)</script></cite></blockquote>',
    '<aside data-related-article-id="7"><script>alert(1)</script></aside>',
  ];

  for (const payload of payloads) {
    it(`renders inert: ${payload.slice(0, 60)}`, () => {
      const out = render(`<p>before</p>${payload}<p>after</p>`);
      assertInert(out);
      assert.ok(validateDocument(parseHtmlToDocument(payload)).ok);
    });
  }

  it('escapes payloads stored as text in every attribute the editor can set', () => {
    const evil = '"><script>alert(1)</script><img src=x onerror=alert(1)>';
    const doc: DocumentJson = {
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [
            {
              type: 'text',
              text: evil,
              marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)', articleId: null } }],
            },
          ],
        },
        {
          type: 'image',
          attrs: {
            src: 'https://example.org/a.jpg',
            alt: evil,
            caption: evil,
            credit: evil,
            mediaId: null,
          },
        },
        {
          type: 'image',
          attrs: { src: 'javascript:alert(1)', alt: '', caption: '', credit: '', mediaId: null },
        },
        {
          type: 'pullQuote',
          attrs: { attribution: evil },
          content: [{ type: 'text', text: evil }],
        },
        { type: 'relatedArticle', attrs: { articleId: 7, title: evil } },
        { type: 'embed', attrs: { provider: 'youtube', url: 'javascript:alert(1)//youtube.com' } },
      ],
    };
    const out = renderDocumentHtml(doc, context);
    assertInert(out);
    assert.match(out, /&quot;&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.equal(validateDocument(doc).ok, false, 'validation refuses the javascript: link');
  });
});

describe('validateDocument', () => {
  it('accepts a valid document and refuses invalid ones with a reason', () => {
    assert.ok(
      validateDocument({
        type: 'doc',
        content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Hi' }] }],
      }).ok,
    );
    const bad: unknown[] = [
      null,
      'text',
      { type: 'paragraph' },
      { type: 'doc', content: [] },
      { type: 'doc', content: [{ type: 'script' }] },
      {
        type: 'doc',
        content: [{ type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: 'x' }] }],
      },
      { type: 'doc', content: [{ type: 'image', attrs: { src: 'data:image/png;base64,AA' } }] },
      {
        type: 'doc',
        content: [{ type: 'embed', attrs: { provider: 'evil', url: 'https://evil.example/' } }],
      },
      { type: 'doc', content: [{ type: 'bulletList', content: [{ type: 'paragraph' }] }] },
    ];
    for (const json of bad) {
      const result = validateDocument(json);
      assert.equal(result.ok, false, JSON.stringify(json));
      if (!result.ok) assert.ok(result.error.length > 5);
    }
  });
});

describe('text, words and reading time', () => {
  it('extracts paragraphs, skipping captions and embeds unless asked', () => {
    const doc = parseHtmlToDocument(
      '<h2>Head</h2><p>One two.</p><figure><img src="https://e.org/a.jpg" alt=""><figcaption>Caption</figcaption></figure><ul><li>Item</li></ul><p class="embed"><iframe src="https://www.youtube.com/embed/x"></iframe></p>',
    );
    assert.deepEqual(documentParagraphs(doc), ['Head', 'One two.', 'Item']);
    assert.equal(
      documentToPlainText(doc, { includeCaptions: true }),
      'Head\n\nOne two.\n\nCaption\n\nItem',
    );
  });

  it('counts words in English and Ukrainian and rounds reading time up', () => {
    const table: Array<[string, number]> = [
      ['', 0],
      ['One', 1],
      ["Ukraine's 2,500 POWs returned on Oct. 6.", 7],
      ['Київ готується до зими, кажуть інженери.', 6],
      ['e-mail well-known U.S. forces', 4],
      ['  spaced   out  ', 2],
    ];
    for (const [text, words] of table) assert.equal(countWords(text), words, text);
    assert.equal(readingMinutes(0), 1);
    assert.equal(readingMinutes(230), 1);
    assert.equal(readingMinutes(231), 2);
    assert.equal(readingMinutes(1000), 5);
  });

  it('maps link attributes without touching other nodes', () => {
    const doc = parseHtmlToDocument('<p><a href="/old-slug/">x</a> and <strong>y</strong></p>');
    const mapped = mapLinks(doc, (attrs) => ({ ...attrs, articleId: 7 }));
    assert.deepEqual(collectArticleIds(mapped), [7]);
    assert.deepEqual(collectArticleIds(doc), [], 'the original is unchanged');
    assert.match(renderDocumentHtml(mapped, context), /<a href="\/current-slug\/">x<\/a>/);
  });
});
