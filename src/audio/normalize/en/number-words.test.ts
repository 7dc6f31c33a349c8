import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  spellCardinal,
  spellDecade,
  spellDecimal,
  spellDigits,
  spellOrdinal,
  spellYear,
} from './number-words.js';

describe('English number speller', () => {
  const cardinals: [number | string | bigint, string][] = [
    [0, 'zero'],
    [15, 'fifteen'],
    [40, 'forty'],
    [110, 'one hundred ten'],
    [1000001, 'one million one'],
    ['1,000,000,000', 'one billion'],
    ['0042', 'forty-two'],
    [-17, 'minus seventeen'],
    [10n ** 15n, 'one quadrillion'],
    [
      '9007199254740993',
      'nine quadrillion seven trillion one hundred ninety-nine billion two hundred fifty-four million seven hundred forty thousand nine hundred ninety-three',
    ],
    [
      '1234567890123456789',
      'one two three four five six seven eight nine zero one two three four five six seven eight nine',
    ],
  ];
  for (const [value, words] of cardinals)
    it(`cardinal ${String(value)}`, () => assert.equal(spellCardinal(value), words));

  it('refuses what is not an integer', () => {
    assert.throws(() => spellCardinal('12a'), /Not an integer/);
    assert.throws(() => spellYear(-5), /Not a year/);
  });

  it('spells ordinals, digits and decimals', () => {
    assert.equal(spellOrdinal(1), 'first');
    assert.equal(spellOrdinal(12), 'twelfth');
    assert.equal(spellOrdinal(40), 'fortieth');
    assert.equal(spellOrdinal(1000000), 'one millionth');
    assert.equal(spellOrdinal(23), 'twenty-third');
    assert.equal(spellDigits('+380-44'), 'three eight zero four four');
    assert.equal(spellDecimal('-0.05'), 'minus zero point zero five');
    assert.equal(spellDecimal('1,000.5'), 'one thousand point five');
  });

  it('reads years in pairs, with the usual exceptions', () => {
    const years: [number, string][] = [
      [800, 'eight hundred'],
      [1000, 'one thousand'],
      [1009, 'one thousand nine'],
      [1066, 'ten sixty-six'],
      [1200, 'twelve hundred'],
      [1901, 'nineteen oh one'],
      [1999, 'nineteen ninety-nine'],
      [2000, 'two thousand'],
      [2009, 'two thousand nine'],
      [2010, 'twenty ten'],
      [2100, 'twenty-one hundred'],
    ];
    for (const [year, words] of years) assert.equal(spellYear(year), words, String(year));
    assert.equal(spellDecade(1960), 'nineteen sixties');
    assert.equal(spellDecade(2000), 'two thousands');
  });
});
