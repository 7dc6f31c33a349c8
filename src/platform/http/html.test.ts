import assert from 'node:assert/strict';
import { it } from 'node:test';
import { escapeHtml, html, unsafeRaw } from './html.js';

it('escapes interpolated strings, including in attributes', () => {
  const name = `"><script>alert('x')</script>`;
  assert.equal(
    html`<a title="${name}">${name}</a>`.value,
    '<a title="&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;">&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</a>',
  );
});

it('joins arrays, skips null/false, keeps SafeHtml', () => {
  const items = ['a&b', null, false, unsafeRaw('<b>x</b>'), 3];
  assert.equal(html`<p>${items}</p>`.value, '<p>a&amp;b<b>x</b>3</p>');
  assert.equal(html`${[html`<i>${'<'}</i>`]}`.value, '<i>&lt;</i>');
});

it('escapeHtml returns the same string when there is nothing to escape', () => {
  assert.equal(escapeHtml('plain text'), 'plain text');
  assert.equal(escapeHtml('&&'), '&amp;&amp;');
  assert.equal(escapeHtml('&&'), '&amp;&amp;', 'no regex lastIndex state leaks between calls');
});
