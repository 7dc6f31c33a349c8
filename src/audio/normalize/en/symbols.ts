import { rewrite } from '../rewrite.js';

// Symbols that stand for words: "&" → "and", "+" → "plus", "×" → "by" between numbers and
// "times" after one ("3x faster"), "=" → "equals", "~" → "about", "№"/"§" → "number" /
// "section", "<"/">" → "less than"/"more than", "°" → "degrees", "and/or" → "and or".
// Runs before plain numbers are spelled: several forms are recognised by the digits beside them.

const REPLACEMENTS: [RegExp, string][] = [
  [/(?<=\d)\s?[×x]\s?(?=\d)/g, ' by '],
  [/(?<=\d)\s?[×x](?![\p{L}\d])/gu, ' times '],
  [/\s?×\s?/g, ' by '],
  [/\s?&\s?/g, ' and '],
  [/(?<=\s|^)\+(?=\s?\d)/g, ' plus '],
  [/(?<=\d)\+/g, ' plus '],
  [/\s\+\s/g, ' plus '],
  [/\s?=\s?/g, ' equals '],
  [/\s?≈\s?/g, ' about '],
  [/(?<![\p{L}\d])~\s?/gu, ' about '],
  [/\s?<\s?(?=\d)/g, ' less than '],
  [/\s?>\s?(?=\d)/g, ' more than '],
  [/№\s?/g, ' number '],
  [/§\s?/g, ' section '],
  [/°/g, ' degrees '],
  [/(?<=\p{L})\/(?=\p{L})/gu, ' '],
  [/(?<=\s|^)@(?=\s)/g, ' at '],
  [/%/g, ' percent '],
];

export function speakSymbols(text: string): string {
  let spoken = text;
  for (const [pattern, words] of REPLACEMENTS) spoken = rewrite(spoken, pattern, () => words);
  return spoken;
}
