import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hasNormalizationRules, normalizeForSpeech, splitSentences } from './normalize.js';

describe('normalizeForSpeech across languages', () => {
  it('defaults to English and accepts regional English tags', () => {
    const expected = 'october sixth, twenty twenty-two';
    assert.equal(normalizeForSpeech('Oct. 6, 2022'), expected);
    for (const language of ['en', 'en-US', 'en-GB', 'EN_au', ' en '])
      assert.equal(normalizeForSpeech('Oct. 6, 2022', { language }), expected, language);
  });

  it('passes unknown languages through with only whitespace cleaned up', () => {
    const text = '  Warszawa,\u00A0 24 lutego 2022 r.\n o 5:00 —  $1 ';
    assert.equal(
      normalizeForSpeech(text, { language: 'pl' }),
      'Warszawa, 24 lutego 2022 r. o 5:00 — $1',
    );
    assert.equal(normalizeForSpeech('Oct. 6', { language: 'xx-Unknown' }), 'Oct. 6');
    assert.equal(hasNormalizationRules('pl-PL'), false);
    assert.equal(hasNormalizationRules('uk-UA'), true);
    assert.equal(hasNormalizationRules('en-GB'), true);
  });

  it('lets a newsroom add acronyms read as words', () => {
    assert.equal(normalizeForSpeech('The UNIAN report'), 'the u n i a n report');
    assert.equal(
      normalizeForSpeech('The UNIAN report', { acronymsReadAsWords: ['unian'] }),
      'the unian report',
    );
    assert.equal(normalizeForSpeech('The UNIAN report'), 'the u n i a n report', 'not sticky');
  });

  it('handles empty and whitespace-only text', () => {
    assert.equal(normalizeForSpeech(''), '');
    assert.equal(normalizeForSpeech(' \n\t '), '');
    assert.deepEqual(splitSentences(''), []);
  });

  it('is idempotent on its own output', () => {
    const once = normalizeForSpeech(
      'On Oct. 6, 2022, the U.S. sent $1.2 billion and 1,500 HIMARS rounds.',
    );
    assert.equal(normalizeForSpeech(once), once);
  });

  it('normalizes a long article quickly and without runaway patterns', () => {
    const paragraph =
      'On Oct. 6, 2022, Gen. Smith said the U.S. would send $1.2 billion, 3,000 km of cable, ' +
      'and 155mm shells by 10 a.m. on Jan. 1 (see https://example.org/a). ';
    const article = paragraph.repeat(60);
    const spoken = normalizeForSpeech(article);
    assert.doesNotMatch(spoken, /\d/);
    const pathological = `${'1'.repeat(5000)} ${'A.'.repeat(2000)} ${'-'.repeat(5000)}`;
    assert.doesNotMatch(normalizeForSpeech(pathological), /\d/);
  });
});
