import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { englishSentenceCases, passThroughSentenceCases } from '../cases/sentences.cases.js';
import { normalizeForSpeech, splitSentences } from '../normalize.js';

describe('English sentence splitting', () => {
  for (const [paragraph, sentences] of englishSentenceCases) {
    it(JSON.stringify(paragraph), () => {
      assert.deepEqual(splitSentences(paragraph, { language: 'en-US' }), sentences);
    });
  }

  it('keeps the text: the sentences joined give back the paragraph (spacing aside)', () => {
    for (const [paragraph] of englishSentenceCases) {
      const joined = splitSentences(paragraph).join(' ');
      assert.equal(joined.replace(/\s+/g, ' '), paragraph.trim().replace(/\s+/g, ' '));
    }
  });

  it('normalizing a whole paragraph keeps one final period per sentence', () => {
    const paragraph = 'Aid came from the U.S. The EU followed on Oct. 6. It cost $1.2 billion.';
    const spoken = normalizeForSpeech(paragraph);
    assert.equal(
      spoken,
      'aid came from the u s. the e u followed on october sixth. it cost one point two billion dollars.',
    );
    assert.equal(spoken.split('. ').length, splitSentences(paragraph).length);
  });
});

describe('sentence splitting for languages without rules', () => {
  for (const [paragraph, sentences] of passThroughSentenceCases) {
    it(JSON.stringify(paragraph), () => {
      assert.deepEqual(splitSentences(paragraph, { language: 'uk' }), sentences);
    });
  }
});
