import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalizeForSpeech, splitSentences } from './normalize.js';

// Random text built from the pieces the rules look for, with a fixed seed so a failure
// can be reproduced: whatever the mix, no digit and no stray symbol may reach the engine.

const PIECES = [
  ...[
    '1',
    '0',
    '12',
    '1,000',
    '3.5',
    '.5',
    '-',
    '\u2013',
    '+',
    '%',
    '$',
    '€',
    '£',
    '₴',
    '¥',
    '°',
    'C',
    'F',
  ],
  ...[
    ':',
    '/',
    '.',
    ',',
    ';',
    '?',
    '!',
    '...',
    '#',
    '@',
    '&',
    '×',
    'x',
    '=',
    '~',
    '(',
    ')',
    '"',
    "'",
  ],
  ...[
    ' ',
    ' ',
    ' ',
    'a.m.',
    'p.m.',
    'Oct.',
    'Sept',
    'May',
    'U.S.',
    'St.',
    'Dr.',
    'No.',
    'km',
    'm',
    'bn',
  ],
  ...[
    'st',
    'nd',
    'th',
    's',
    "'s",
    'II',
    'War',
    'The',
    'FBI',
    'NATO',
    'com',
    'www',
    'https://',
    'UAH',
  ],
  ...[
    '½',
    '\u00A0',
    '\u2014',
    'Київ',
    'é',
    '1999',
    '2022',
    '24',
    '7',
    '00',
    '-5',
    '°C',
    'mph',
    '@x',
  ],
];

function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('normalization of random news-like text', () => {
  it('never leaves digits or symbols, never throws, and keeps sentences whole', () => {
    const random = seededRandom(20261125);
    for (let sample = 0; sample < 1500; sample += 1) {
      const length = 1 + Math.floor(random() * 14);
      let text = '';
      for (let i = 0; i < length; i += 1) text += PIECES[Math.floor(random() * PIECES.length)];
      const spoken = normalizeForSpeech(text);
      assert.doesNotMatch(spoken, /\d/, `digits left for ${JSON.stringify(text)}: ${spoken}`);
      assert.doesNotMatch(
        spoken,
        /[^\p{L}\p{M} ,.;:?!'-]/u,
        `symbol left for ${JSON.stringify(text)}`,
      );
      assert.doesNotMatch(spoken, /\s{2}|^\s|\s$/, `spacing for ${JSON.stringify(text)}`);
      const sentences = splitSentences(text);
      assert.equal(sentences.join(' ').replace(/\s+/g, ' '), text.replace(/\s+/g, ' ').trim());
    }
  });
});
