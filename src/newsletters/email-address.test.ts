import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkEmailAddress } from './email-address.js';

const valid: Array<[string, string]> = [
  ['reader@example.org', 'reader@example.org'],
  ['  Reader@Example.ORG ', 'reader@example.org'],
  ['first.last@sub.example.co.uk', 'first.last@sub.example.co.uk'],
  ['user+tag@example.org', 'user+tag@example.org'],
  ["o'brien@example.ie", "o'brien@example.ie"],
  ['x@a-b.example', 'x@a-b.example'],
  ['!#$%&*+/=?^_`{|}~-@example.org', '!#$%&*+/=?^_`{|}~-@example.org'],
  ['reader@київ.укр', 'reader@xn--b1alf1j.xn--j1amh'],
  ['reader@bücher.example', 'reader@xn--bcher-kva.example'],
  ['reader@xn--bcher-kva.example', 'reader@xn--bcher-kva.example'],
  ['reader@例え。テスト', 'reader@xn--r8jz45g.xn--zckzah'],
  [`${'a'.repeat(64)}@example.org`, `${'a'.repeat(64)}@example.org`],
];

const invalid: string[] = [
  '',
  '   ',
  'plainaddress',
  '@example.org',
  'reader@',
  'reader@@example.org',
  'a@b@example.org',
  '.reader@example.org',
  'reader.@example.org',
  're..ader@example.org',
  '"quoted"@example.org',
  'with space@example.org',
  'reader@exam ple.org',
  'reader@example.org\r\nBcc: victim@example.org',
  'reader@localhost',
  'reader@[192.168.0.1]',
  'reader@192.168.0.1',
  'reader@-example.org',
  'reader@example-.org',
  'reader@example..org',
  'reader@.example.org',
  'reader@example.org.',
  'reader@exa_mple.org',
  'reader@example.c',
  `${'a'.repeat(65)}@example.org`,
  `reader@${'a'.repeat(64)}.org`,
  `reader@${'abcdefghi.'.repeat(26)}org`,
  'rédacteur@example.org',
  'reader(comment)@example.org',
  'reader@example.org>',
  '<reader@example.org',
  'reader,other@example.org',
  'reader;@example.org',
  'reader\\@example.org',
];

describe('checkEmailAddress', () => {
  for (const [input, expected] of valid) {
    it(`accepts ${JSON.stringify(input)}`, () => {
      assert.deepEqual(checkEmailAddress(input), { ok: true, address: expected });
    });
  }
  for (const input of invalid) {
    it(`rejects ${JSON.stringify(input)} with a reason`, () => {
      const result = checkEmailAddress(input);
      assert.equal(result.ok, false);
      if (!result.ok) assert.ok(result.reason.length > 10);
    });
  }
});
