import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { simpleParser } from 'mailparser';
import {
  addressHeader,
  buildRawMessage,
  joinQuotedPrintable,
  quotedPrintable,
} from './raw-message.js';

describe('raw bulk messages', () => {
  it('joins separately encoded segments into text that decodes to the whole, lines ≤ 76', async () => {
    const parts = ['Hello ', 'Олена «Ко» = ', `${'long '.repeat(40)}\nend`];
    const qp = joinQuotedPrintable(parts.map(quotedPrintable));
    for (const line of qp.split('\r\n')) assert.ok(line.length <= 76, line);
    const raw = buildRawMessage({
      from: 'Щоденник <news@news.test>',
      to: 'reader@example.org',
      subject: 'Ранок: новини — 25 листопада',
      messageId: '<nl.1.2@news.test>',
      headers: {
        'List-Unsubscribe': '<https://news.test/u?token=a>, <mailto:unsubscribe+a@news.test>',
      },
      textQp: qp,
      htmlQp: quotedPrintable('<p>Привіт</p>'),
      date: new Date('2026-11-25T07:00:00Z'),
    });
    const parsed = await simpleParser(raw);
    assert.equal(parsed.text?.replace(/\r\n/g, '\n'), `${parts.join('')}`);
    assert.equal(parsed.subject, 'Ранок: новини — 25 листопада');
    assert.equal(parsed.from?.value[0]?.name, 'Щоденник');
    assert.equal(parsed.html, '<p>Привіт</p>');
    assert.equal(parsed.messageId, '<nl.1.2@news.test>');
  });

  it('quotes or encodes display names', () => {
    assert.equal(addressHeader('The "Ledger" <a@b.org>'), '"The \\"Ledger\\"" <a@b.org>');
    assert.equal(addressHeader('a@b.org'), 'a@b.org');
    assert.match(addressHeader('Київ <a@b.org>'), /^=\?UTF-8\?Q\?.+\?= <a@b\.org>$/);
  });
});
