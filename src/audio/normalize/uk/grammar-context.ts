import type { CardinalCase, Gender } from './number-words.js';

// What the words around a number say about how to read it: the case a preceding preposition
// asks for, and the gender of the noun it counts.

/** Prepositions and words that put the number after them in the genitive. */
const GENITIVE_BEFORE = new Set([
  ...['до', 'від', 'з', 'із', 'зі', 'близько', 'біля', 'для', 'без', 'після', 'щодо'],
  ...['більше', 'менше', 'понад', 'кількох', 'протягом', 'упродовж', 'замість', 'серед'],
]);
// "понад 100" is said "понад сто" by most readers: keep it nominative.
GENITIVE_BEFORE.delete('понад');

/** The last word before a match, lowercase ('' at the start of the text). */
export function previousWord(before: string): string {
  return /([\p{L}']+)[\s\u00A0]*$/u.exec(before)?.[1]?.toLowerCase() ?? '';
}

/** The first word after a match, lowercase. */
export function nextWord(after: string): string {
  return /^[\s\u00A0]*([\p{L}']+)/u.exec(after)?.[1]?.toLowerCase() ?? '';
}

/** The case the preceding word asks of a number: genitive after "до", "від", "з"…. */
export function caseAfter(before: string): CardinalCase {
  return GENITIVE_BEFORE.has(previousWord(before)) ? 'gen' : 'nom';
}

// Common feminine nouns of news text in the forms that follow 2–4 ("дві країни"); their
// ending alone cannot tell them from masculine plurals ("два вагони").
const FEMININE_AFTER_FEW = new Set([
  ...['країни', 'області', 'години', 'хвилини', 'секунди', 'доби', 'тонни', 'особи'],
  ...['людини', 'частини', 'сторони', 'ракети', 'статті', 'одиниці', 'партії', 'лікарні'],
  ...['школи', 'родини', 'вулиці', 'громади', 'бригади', 'тисячі', 'копійки', 'гривні'],
  ...['дитини', 'жінки', 'заяви', 'справи', 'машини', 'будівлі', 'квартири', 'позиції'],
]);

/**
 * The gender of the noun after a number, from its ending: feminine after one in -а/-я
 * ("1 людина"), neuter in -о/-е ("1 село"), the list above after 2–4; else masculine.
 */
export function genderOfNext(after: string): Gender {
  const word = nextWord(after);
  if (FEMININE_AFTER_FEW.has(word)) return 'f';
  if (/[ая]$/u.test(word) && word.length > 2) return 'f';
  if (/(?:[^і]о|е)$/u.test(word) && word.length > 3) return 'n';
  return 'm';
}
