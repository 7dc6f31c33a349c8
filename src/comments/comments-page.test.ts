import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChildNode } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import { isElement } from '../content/document/html-dom.js';
import { siteSettingsSchema } from '../platform/settings/site-settings.js';
import { sanitizeCommentBody, commentPlainText } from './comment-body.js';
import type { CommentRow } from './comment.repository.js';
import { renderCommentsPage } from './comments-page.js';
import { xssCorpus } from './test-fixtures/xss-corpus.js';

// The whole comments page with every payload of the XSS corpus as a comment body and as an
// author name, shown to their author (so the edit box holds the text too): nothing runs.

function elements(
  nodes: ChildNode[],
  out: Array<{ name: string; attribs: Record<string, string> }> = [],
) {
  for (const node of nodes) {
    if (!isElement(node)) continue;
    out.push({ name: node.name, attribs: node.attribs });
    elements(node.children, out);
  }
  return out;
}

const forbidden = new Set(['img', 'svg', 'iframe', 'object', 'embed', 'math', 'base', 'video']);

describe('comments page', () => {
  it('renders the XSS corpus inert, in bodies, names and edit boxes', () => {
    const now = new Date('2026-12-07T10:00:00Z');
    const comments: CommentRow[] = xssCorpus.map((input, index) => {
      const blocks = sanitizeCommentBody(`${input} tail`);
      return {
        id: index + 1,
        article_id: 1,
        parent_id: index > 0 && index % 3 === 0 ? 1 : null,
        member_id: 7,
        author_name: input,
        body: JSON.stringify(blocks),
        body_text: commentPlainText(blocks),
        status: index % 5 === 0 ? 'held' : 'published',
        hold_reason: null,
        reports: 0,
        created_at: now.toISOString(),
        edited_at: null,
        moderated_at: null,
        moderated_by: null,
      };
    });
    const page = renderCommentsPage({
      settings: siteSettingsSchema.parse({}),
      baseUrl: 'http://news.test',
      article: {
        id: 1,
        slug: 'story',
        title: '<script>alert(1)</script>',
        language: 'en',
        status: 'published',
      },
      comments,
      viewer: { state: 'allowed', memberId: 7, csrf: 'token', name: '"><script>alert(1)</script>' },
      now,
    });
    const found = elements(parseDocument(page).children);
    const scripts = found.filter((el) => el.name === 'script');
    // The layout's own scripts only: every one has a same-site src.
    for (const script of scripts) assert.match(script.attribs.src ?? '', /^\/[a-z]/);
    for (const el of found) {
      for (const [name, value] of Object.entries(el.attribs)) {
        assert.ok(!/^on/i.test(name), `no event handler attribute (${el.name} ${name})`);
        if (name === 'href' || name === 'src' || name === 'action')
          assert.doesNotMatch(value, /^\s*(javascript|data|vbscript):/i, `${el.name} ${name}`);
      }
      assert.ok(!forbidden.has(el.name), `no <${el.name}>`);
    }
    // The layout's own inline style (the accent colour) is the only <style>.
    assert.equal(found.filter((el) => el.name === 'style').length, 1);
    const metas = found.filter((el) => el.name === 'meta');
    assert.ok(
      metas.every((m) => m.attribs['http-equiv'] === undefined),
      'no meta refresh',
    );
    assert.equal(found.filter((el) => el.name === 'textarea').length > 0, true, 'edit boxes shown');
  });

  it('speaks the article’s language: Ukrainian strings for a Ukrainian article', () => {
    const page = renderCommentsPage({
      settings: siteSettingsSchema.parse({}),
      baseUrl: 'http://news.test',
      article: { id: 2, slug: 'istoriia', title: 'Історія', language: 'uk', status: 'published' },
      comments: [],
      viewer: { state: 'sign-in' },
      now: new Date(),
    });
    assert.match(page, /<html lang="uk">/);
    assert.match(page, /Коментарі: Історія/);
    assert.match(
      page,
      /Увійдіть, щоб долучитися до розмови\. <a href="\/account\/sign-in\?next=%2Fcomments%2Fistoriia%2F">Увійти<\/a>/,
    );
    assert.match(page, /Ще немає коментарів\./);
  });
});
