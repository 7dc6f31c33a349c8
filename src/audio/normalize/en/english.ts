import type { LanguageRules } from '../language-rules.js';
import { splitWithRules } from '../sentence-splitter.js';
import { cleanWhitespace, finishSpokenText, unifyPunctuation } from '../text-cleanup.js';
import { spellNumber } from './number-words.js';
import { ENGLISH_SENTENCE_RULES } from './sentence-rules.js';

// The English rule set. Order matters: forms that contain other forms (URLs contain dots,
// currencies and dates contain numbers) are rewritten before the parts they contain.

function speakPlainNumbers(text: string): string {
  return text.replace(
    /(?<![\p{L}\d.])-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d*\.?\d+/gu,
    (n) => ` ${spellNumber(n)} `,
  );
}

export const englishRules: LanguageRules = {
  normalize(text) {
    let spoken = unifyPunctuation(cleanWhitespace(text));
    spoken = speakPlainNumbers(spoken);
    return finishSpokenText(spoken);
  },
  splitSentences(text) {
    return splitWithRules(cleanWhitespace(text), ENGLISH_SENTENCE_RULES);
  },
};
