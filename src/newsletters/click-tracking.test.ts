import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { collectTrackableLinks, linkMarker, rewriteLinks } from './click-tracking.js';
import {
  createClickToken,
  createManageToken,
  createOpenToken,
  readClickToken,
  readManageToken,
  readOpenToken,
} from './newsletter-tokens.js';

describe('click tracking tokens and link rewriting', () => {
  const secret = 'test-secret-test-secret-test-secret';
  const baseUrl = 'https://news.test';

  it('round-trips click and open tokens and refuses every altered one', () => {
    const ids = { issueId: 12, deliveryId: 345, linkId: 6 };
    const token = createClickToken(secret, ids);
    assert.match(token, /^k\.12\.345\.6\.[\w-]{27}$/);
    assert.deepEqual(readClickToken(secret, token), ids);
    const sig = token.split('.')[4] ?? '';
    for (const altered of [
      `k.12.345.7.${sig}`,
      `k.12.346.6.${sig}`,
      `k.13.345.6.${sig}`,
      `k.12.345.6.${sig.slice(0, -1)}${sig.endsWith('A') ? 'B' : 'A'}`,
      `k.12.345.6`,
      `k.12.345.6.${sig}.x`,
      token.replace(/^k/, 'm'),
      '',
    ])
      assert.equal(readClickToken(secret, altered), undefined, altered);
    assert.equal(readClickToken('another-secret-another-secret', token), undefined);
    // A test send's copy (delivery 0) is valid; link and issue 0 never exist.
    assert.deepEqual(readClickToken(secret, createClickToken(secret, { ...ids, deliveryId: 0 })), {
      ...ids,
      deliveryId: 0,
    });
    assert.equal(
      readClickToken(secret, createClickToken(secret, { ...ids, linkId: 0 })),
      undefined,
    );

    const open = createOpenToken(secret, 12, 345);
    assert.deepEqual(readOpenToken(secret, open), { issueId: 12, deliveryId: 345 });
    assert.equal(readOpenToken(secret, open.replace('.345.', '.346.')), undefined);
    // Token kinds do not stand in for each other.
    assert.equal(readOpenToken(secret, token), undefined);
    assert.equal(readClickToken(secret, open), undefined);
    assert.equal(readManageToken(secret, token), undefined);
    assert.equal(readClickToken(secret, createManageToken(secret, 12, 345)), undefined);
  });

  it('rewrites trackable links in HTML and text, never management links', () => {
    const html = [
      '<a href="https://example.org/report?a=1&amp;b=2">Report</a>',
      '<a href="https://news.test/story/">Story</a>',
      '<a href="https://news.test/story/">Story again</a>',
      '<a href="https://news.test/newsletters/unsubscribe?token=m.1.2.x">Pasted unsubscribe</a>',
      '<a href="%%MH_UNSUBSCRIBE_URL%%">Unsubscribe</a>',
      '<a href="%%MH_PREFERENCES_URL%%">Manage</a>',
      '<a href="mailto:desk@news.test">Write to us</a>',
      '<a href="https://news.test/story/more/">Longer</a>',
    ].join('');
    const links = collectTrackableLinks(html, baseUrl);
    assert.deepEqual(links, [
      'https://example.org/report?a=1&b=2',
      'https://news.test/story/',
      'https://news.test/story/more/',
    ]);
    const ids = new Map(links.map((url, i) => [url, i + 1]));
    const text =
      'Report [https://example.org/report?a=1&b=2]\nStory [https://news.test/story/]\nhttps://news.test/story/more/\nUnsubscribe [%%MH_UNSUBSCRIBE_URL%%]';
    const rewritten = rewriteLinks({ html, text }, ids, baseUrl);
    assert.equal(rewritten.html.split(linkMarker(2)).length - 1, 2, 'both copies of a link');
    assert.ok(rewritten.html.includes(`href="${linkMarker(1)}"`));
    assert.ok(rewritten.html.includes(`href="${linkMarker(3)}"`));
    assert.ok(rewritten.html.includes('href="%%MH_UNSUBSCRIBE_URL%%"'));
    assert.ok(rewritten.html.includes('href="%%MH_PREFERENCES_URL%%"'));
    assert.ok(rewritten.html.includes('/newsletters/unsubscribe?token=m.1.2.x'));
    assert.ok(rewritten.html.includes('href="mailto:desk@news.test"'));
    assert.equal(
      rewritten.text,
      `Report [${linkMarker(1)}]\nStory [${linkMarker(2)}]\n${linkMarker(3)}\nUnsubscribe [%%MH_UNSUBSCRIBE_URL%%]`,
    );
  });
});
