import { startsNewSentence } from '../sentence-splitter.js';
import { spellNumber } from './number-words.js';
import { ENGLISH_SENTENCE_RULES } from './sentence-rules.js';

// Pieces shared by the English rules.

/** A written number: 1,234,567 · 1234 · 3.5 · .5 (no sign; rules add their own). */
export const NUMBER = String.raw`(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+`;

/** Nothing that would make the number part of a bigger token ("A4", "1.2.3", "x5"). */
export const NUMBER_START = String.raw`(?<![\p{L}\d.,])`;
/** The number is not followed by more digits or a decimal part we did not take. */
export const NUMBER_END = String.raw`(?![\d]|[.,]\d)`;

/** A range joiner between two numbers: hyphen, en dash, or "to". */
export const RANGE_JOIN = String.raw`\s?[-\u2013]\s?|\s(?:to|through)\s`;

const SCALE_WORDS: Record<string, string> = {
  thousand: 'thousand',
  k: 'thousand',
  million: 'million',
  m: 'million',
  mn: 'million',
  mln: 'million',
  billion: 'billion',
  b: 'billion',
  bn: 'billion',
  bln: 'billion',
  trillion: 'trillion',
  tn: 'trillion',
  trn: 'trillion',
};

/** "bn" → "billion"; undefined when the word is not a scale. */
export function scaleWord(written: string | undefined): string | undefined {
  return written === undefined ? undefined : SCALE_WORDS[written.toLowerCase()];
}

/** A scale after an amount: words with an optional space, short forms attached or spaced. */
export const SCALE = String.raw`(?:\s(?:thousand|million|billion|trillion)|\s?(?:k|mn|mln|bn|bln|tn|trn|m|b)(?![\p{L}\d]))`;

/** Words for a number as written, padded so they never fuse with neighbouring letters. */
export function sayNumber(written: string): string {
  return ` ${spellNumber(written)} `;
}

/** True when a written amount takes a singular noun ("1 km" but "1.5 km", "0 km"). */
export function isSingular(written: string): boolean {
  return /^[-+]?1$/.test(written.trim());
}

/** "." when what follows a consumed abbreviation period starts a new sentence. */
export function periodIfSentenceEnds(after: string): string {
  return startsNewSentence(after, ENGLISH_SENTENCE_RULES) ? '.' : '';
}

/** True for a capitalised word that is not merely capitalised because it opens a sentence. */
export function isCapitalisedName(word: string | undefined): boolean {
  if (!word || !/^\p{Lu}/u.test(word)) return false;
  return !ENGLISH_SENTENCE_RULES.sentenceStarters.has(word);
}

const NOT_A_NOUN_AFTER =
  /^\s+(?:of|in|to|for|and|or|from|on|at|by|with|per|each|than|as|into|over|under|a|an|the|is|was|were|are|has|had|more|less|this|that|which|who)\b/;
const NOUN_AFTER = /^\s+\p{Ll}/u;

/**
 * True when an amount describes the noun after it — "a $400 million package", "a 155mm
 * shell" — so its unit is said in the singular, as an adjective. `determiner` is the pattern
 * the text before must end with.
 */
export function isAttributive(before: string, after: string, determiner: RegExp): boolean {
  return determiner.test(before) && NOUN_AFTER.test(after) && !NOT_A_NOUN_AFTER.test(after);
}
