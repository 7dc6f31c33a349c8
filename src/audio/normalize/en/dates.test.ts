import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  dateCases,
  decadeCases,
  numericDateCases,
  usSlashDateCases,
  yearCases,
} from '../cases/dates.cases.js';
import { runNormalizationTable } from '../cases/case-table.js';
import { normalizeForSpeech } from '../normalize.js';

runNormalizationTable('dates and month abbreviations', dateCases);
runNormalizationTable('years by context', yearCases);
runNormalizationTable('decades', decadeCases);
runNormalizationTable('dates in figures', numericDateCases);
runNormalizationTable('dates in figures, US English', usSlashDateCases, { language: 'en-US' });

describe('figures that are no date', () => {
  it('are left to the number rules: no month is said', () => {
    const months =
      /january|february|march|april|may|june|july|august|september|october|november|december/;
    for (const written of [
      '32.13.2024',
      '31.02.2024',
      '30.02.2023',
      '13/13/2024',
      '1.2.3',
      '5.12.24',
      '2024-13-05',
      '1.2.2024.5',
      'v1.2.2024',
    ])
      assert.doesNotMatch(normalizeForSpeech(written, { language: 'en' }), months, written);
  });
});
