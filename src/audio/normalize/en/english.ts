import type { LanguageRules } from '../language-rules.js';
import { slashOrderFor } from '../numeric-dates.js';
import { splitWithRules } from '../sentence-splitter.js';
import { cleanWhitespace, finishSpokenText, unifyPunctuation } from '../text-cleanup.js';
import { speakAbbreviations } from './abbreviations.js';
import { ACRONYMS_READ_AS_WORDS, speakAcronyms } from './acronyms.js';
import { speakCurrencies } from './currency.js';
import { speakDates } from './dates.js';
import { speakFractions } from './fractions.js';
import { speakMeasures } from './measures.js';
import { joinSpacedThousands, speakNumbers } from './numbers.js';
import { speakPhoneNumbers } from './phone.js';
import { speakRomanNumerals } from './roman.js';
import { ENGLISH_SENTENCE_RULES } from './sentence-rules.js';
import { speakSymbols } from './symbols.js';
import { speakTimes } from './times.js';
import { speakWebAddresses } from './web.js';

// The English rule set. Order matters: forms that contain other forms are rewritten before
// the parts they contain — addresses (dots, slashes, digits) first, then phone numbers,
// times, money, measures and dates (all built on numbers), then words that need their
// original capitals (roman numerals, abbreviations, acronyms), then symbols and the
// remaining plain numbers. Each step leaves lowercase words, which later steps ignore.

const DEFAULT_WORD_ACRONYMS: ReadonlySet<string> = new Set(ACRONYMS_READ_AS_WORDS);

function wordAcronyms(extra: readonly string[] | undefined): ReadonlySet<string> {
  if (!extra || extra.length === 0) return DEFAULT_WORD_ACRONYMS;
  return new Set([...DEFAULT_WORD_ACRONYMS, ...extra.map((word) => word.toUpperCase())]);
}

export const englishRules: LanguageRules = {
  normalize(text, options) {
    let spoken = unifyPunctuation(cleanWhitespace(text));
    spoken = speakWebAddresses(spoken);
    spoken = speakPhoneNumbers(spoken);
    spoken = joinSpacedThousands(spoken);
    spoken = speakTimes(spoken);
    spoken = speakCurrencies(spoken);
    spoken = speakMeasures(spoken);
    spoken = speakDates(spoken, { slashOrder: slashOrderFor(options.language) });
    spoken = speakFractions(spoken);
    spoken = speakRomanNumerals(spoken);
    spoken = speakAbbreviations(spoken);
    spoken = speakAcronyms(spoken, wordAcronyms(options.acronymsReadAsWords));
    spoken = speakSymbols(spoken);
    spoken = speakNumbers(spoken);
    return finishSpokenText(spoken);
  },
  splitSentences(text) {
    return splitWithRules(cleanWhitespace(text), ENGLISH_SENTENCE_RULES);
  },
};
