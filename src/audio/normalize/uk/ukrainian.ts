import type { LanguageRules } from '../language-rules.js';
import { splitWithRules } from '../sentence-splitter.js';
import { cleanWhitespace, finishSpokenText, unifyPunctuation } from '../text-cleanup.js';
import { speakMoney, speakPercentages, speakPlainNumbers, speakUnits } from './amounts.js';
import { speakDates, speakNumericDates, speakTimes, speakYears } from './dates.js';
import { UKRAINIAN_SENTENCE_RULES } from './sentence-rules.js';
import { speakAbbreviations, speakAcronyms, speakSymbols } from './words.js';

// The Ukrainian rule set (a first cut: numbers with agreement, dates, years, times, money,
// percentages, common units and abbreviations, acronyms). Order as in English: forms that
// contain numbers first (times, dates, years, money, percentages, units), then words, then
// the numbers left. Web addresses, roman numerals and phone numbers are not handled yet.

export const ukrainianRules: LanguageRules = {
  normalize(text) {
    let spoken = unifyPunctuation(cleanWhitespace(text));
    spoken = speakTimes(spoken);
    spoken = speakNumericDates(spoken);
    spoken = speakDates(spoken);
    spoken = speakYears(spoken);
    spoken = speakMoney(spoken);
    spoken = speakPercentages(spoken);
    spoken = speakUnits(spoken);
    spoken = speakPlainNumbers(spoken);
    spoken = speakAbbreviations(spoken);
    spoken = speakAcronyms(spoken);
    spoken = speakSymbols(spoken);
    return finishSpokenText(spoken);
  },
  splitSentences(text) {
    return splitWithRules(cleanWhitespace(text), UKRAINIAN_SENTENCE_RULES);
  },
};
