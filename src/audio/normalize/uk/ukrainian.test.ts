import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runNormalizationTable } from '../cases/case-table.js';
import { ukrainianCases } from '../cases/uk.cases.js';
import { hasNormalizationRules, normalizeForSpeech, splitSentences } from '../normalize.js';
import { cardinalWords, decimalWords, ordinalWords, pluralCategory } from './number-words.js';

runNormalizationTable('Ukrainian normalization table', ukrainianCases, { language: 'uk' });

describe('Ukrainian numbers in words', () => {
  it('picks the noun form after 1 / 2–4 / 5+ the way Ukrainian does (11–14 take the plural)', () => {
    const table: [number, string][] = [
      [1, 'one'],
      [2, 'few'],
      [4, 'few'],
      [5, 'many'],
      [11, 'many'],
      [12, 'many'],
      [14, 'many'],
      [21, 'one'],
      [22, 'few'],
      [111, 'many'],
      [101, 'one'],
      [1002, 'few'],
    ];
    for (const [n, category] of table) assert.equal(pluralCategory(n), category, String(n));
  });

  it('agrees in gender and case', () => {
    assert.equal(cardinalWords(2, 'f'), 'дві');
    assert.equal(cardinalWords(1, 'n'), 'одне');
    assert.equal(cardinalWords(41, 'f', 'gen'), 'сорока однієї');
    assert.equal(cardinalWords(2000, 'm', 'gen'), 'двох тисяч');
    assert.equal(ordinalWords(3, 'f', 'loc'), 'третій');
    assert.equal(ordinalWords(23, 'n', 'gen'), 'двадцять третього');
    assert.equal(ordinalWords(1_000_000), 'мільйонний');
    assert.equal(decimalWords(2, '05'), 'дві цілих п’ять сотих'.replace('’', "'"));
  });

  it('is chosen for uk and uk-UA, and splits sentences without breaking on "вул." or "р."', () => {
    assert.equal(hasNormalizationRules('uk-UA'), true);
    assert.equal(normalizeForSpeech('5 грн', { language: 'uk-UA' }), "п'ять гривень");
    assert.deepEqual(
      splitSentences('Це сталося 6 жовтня 2022 р. на вул. Хрещатик. Але ніхто не постраждав.', {
        language: 'uk',
      }),
      ['Це сталося 6 жовтня 2022 р. на вул. Хрещатик.', 'Але ніхто не постраждав.'],
    );
  });
});
