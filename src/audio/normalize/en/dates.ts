import { rewriteNumericDates, type SlashOrder } from '../numeric-dates.js';
import { rewrite } from '../rewrite.js';
import {
  pluralizeNumberWords,
  spellCardinal,
  spellDecade,
  spellOrdinal,
  spellYear,
} from './number-words.js';
import { periodIfSentenceEnds } from './patterns.js';

// Dates, years and decades, AP style: days are ordinals ("Oct. 6" → "october sixth",
// "6 October" → "the sixth of october"), abbreviated months are expanded, a comma before
// the year is kept as a pause. A four-digit number is read as a year only in context:
// after a month, after a preposition or article that introduces years ("in", "since",
// "by", "the", "mid-", …), before "'s" or as one end of a year range ("2010–2014").
// Elsewhere "1999" stays a quantity ("one thousand nine hundred ninety-nine"): AP style
// writes quantities of that size with a comma, so the bare form is a year in practice,
// but a wrong year reading of a count is worse than a plain one.
// Dates in figures ("05.12.2024" day first, "2024-12-05", "5/12/2024" by the language's
// convention; ../numeric-dates.ts) are said as AP dates are: "december fifth, twenty
// twenty-four", the form "Dec. 5, 2024" and ISO dates already had (shorter than "the fifth of
// december", and the US English recognizer's own word order).

const MONTHS: Record<string, string> = {
  Jan: 'january',
  Feb: 'february',
  Mar: 'march',
  Apr: 'april',
  Jun: 'june',
  Jul: 'july',
  Aug: 'august',
  Sep: 'september',
  Sept: 'september',
  Oct: 'october',
  Nov: 'november',
  Dec: 'december',
};
const FULL_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

// Full names first so "Sept" is not read as "Sep" + "t".
const MONTH = String.raw`(${FULL_MONTHS.join('|')}|(?:Sept|${Object.keys(MONTHS).join('|')})\.?)`;
const YEAR = String.raw`(1\d{3}|20\d{2})`;
const DAY = String.raw`(0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?`;
const SUFFIX_DAY = String.raw`(0?[1-9]|[12]\d|3[01])(st|nd|rd|th)`;

const MONTH_DAY = new RegExp(
  String.raw`\b${MONTH}\s${DAY}(?:\s?[-\u2013]\s?${DAY})?(?![\d:])(?:(,?\s)${YEAR}(?![\d]))?`,
  'gu',
);
const DAY_MONTH = new RegExp(
  String.raw`(?<![\d.,])(?:${SUFFIX_DAY}|(0?[1-9]|[12]\d|3[01]))\s(of\s)?${MONTH}(?:(,?\s)${YEAR}(?!\d))?`,
  'gu',
);
const MONTH_YEAR = new RegExp(String.raw`\b${MONTH}(,?\s)${YEAR}(?![\d])`, 'gu');
const MONTH_ALONE = new RegExp(String.raw`\b(Sept|${Object.keys(MONTHS).join('|')})\.`, 'gu');
const YEAR_RANGE = new RegExp(
  String.raw`(?<![\d.,$€£₴-])${YEAR}(\s?[-\u2013/]\s?|\s(?:to|and|through)\s)(\d{4}|\d{2})(?![\d%])`,
  'gu',
);
const YEAR_CONTEXT = new RegExp(
  String.raw`\b((?:in|In|since|Since|through|Through|by|By|until|Until|till|from|From|of|during|During|before|Before|after|After|early|late|for|For|year|fiscal|summer|spring|autumn|fall|winter|circa|around|Around|mid|Mid)(?:\s|-)|c\.\s?|ca\.\s?|est\.\s?)${YEAR}(?![\d%]|[.,]\d|s\b)`,
  'gu',
);
// After a determiner ("the 2022 invasion", "Ukraine's 2023 counteroffensive", "a 1994
// memorandum") or a quarter ("Q3 2024") a bare number is as often a count as a year, so
// only modern years qualify there.
const MODERN_YEAR_AFTER_THE =
  /(?<![\p{L}'])((?:[Tt]he|[Aa]n?|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir|[Oo]ur|[\p{L}]+'s|Q[1-4]|H[12])\s)(19\d{2}|20\d{2})(?![\d%]|[.,]\d|s\b)/gu;
const YEAR_POSSESSIVE = new RegExp(String.raw`(?<![\d.,])${YEAR}'s\b`, 'gu');
const DECADE = /(?<![\d.,])(1\d|20)(\d)0'?s\b/g;
const SHORT_DECADE = /(?<![\p{L}\d.,])'?([1-9]0)'?s\b/gu;

function monthWord(written: string): string {
  const bare = written.replace(/\.$/, '');
  return MONTHS[bare] ?? bare.toLowerCase();
}

/** The second year of a range: "2014" → "twenty fourteen", "23" → "twenty-three". */
function rangeEnd(first: string, second: string): string {
  if (second.length === 4) return spellYear(second);
  const value = Number(second);
  return value < 10 ? `oh ${spellCardinal(value)}` : spellCardinal(value);
}

function isYearRange(first: string, second: string): boolean {
  if (second.length === 2) return Number(second) > Number(first.slice(2));
  return /^(1\d{3}|20\d{2})$/.test(second) && Number(second) > Number(first);
}

/** Dates, years and decades; `slashOrder` reads "5/12/2024" (numeric-dates.ts). */
export function speakDates(text: string, options: { slashOrder?: SlashOrder } = {}): string {
  let spoken = rewriteNumericDates(
    text,
    { slashOrder: options.slashOrder ?? 'day-first' },
    (date) => {
      const month = FULL_MONTHS[date.month - 1]?.toLowerCase() ?? '';
      return ` ${month} ${spellOrdinal(date.day)}, ${spellYear(date.year)} `;
    },
  );
  spoken = rewrite(spoken, MONTH_DAY, (m) => {
    const [, month = '', day = '', lastDay, separator, year] = m;
    const days = lastDay ? `${spellOrdinal(day)} to ${spellOrdinal(lastDay)}` : spellOrdinal(day);
    const yearWords = year ? `${separator?.includes(',') ? ',' : ''} ${spellYear(year)}` : '';
    return ` ${monthWord(month)} ${days}${yearWords} `;
  });
  spoken = rewrite(spoken, DAY_MONTH, (m, { before }) => {
    const [, suffixed, , plain, , month = '', separator, year] = m;
    const day = suffixed ?? plain ?? '';
    const article = /\bthe\s$/i.test(before) ? '' : 'the ';
    const yearWords = year ? `${separator?.includes(',') ? ',' : ''} ${spellYear(year)}` : '';
    return ` ${article}${spellOrdinal(day)} of ${monthWord(month)}${yearWords} `;
  });
  spoken = rewrite(spoken, MONTH_YEAR, (m) => {
    const comma = m[2]?.includes(',') ? ',' : '';
    return ` ${monthWord(m[1] ?? '')}${comma} ${spellYear(m[3] ?? '')} `;
  });
  spoken = rewrite(spoken, MONTH_ALONE, (m, { after }) => {
    return ` ${monthWord(m[1] ?? '')}${periodIfSentenceEnds(after)} `;
  });
  spoken = rewrite(spoken, YEAR_RANGE, (m) => {
    const [, first = '', join = '', second = ''] = m;
    if (!isYearRange(first, second)) return undefined;
    const word = /and/.test(join) ? 'and' : /through/.test(join) ? 'through' : 'to';
    return ` ${spellYear(first)} ${word} ${rangeEnd(first, second)} `;
  });
  spoken = rewrite(spoken, DECADE, (m) => ` ${spellDecade(`${m[1]}${m[2]}0`)} `);
  spoken = rewrite(spoken, YEAR_CONTEXT, (m) => {
    const lead = /^ca?\./.test(m[1] ?? '') ? 'circa ' : (m[1] ?? '');
    return `${lead}${spellYear(m[2] ?? '')} `;
  });
  spoken = rewrite(spoken, MODERN_YEAR_AFTER_THE, (m) => `${m[1]}${spellYear(m[2] ?? '')} `);
  spoken = rewrite(spoken, YEAR_POSSESSIVE, (m) => ` ${spellYear(m[1] ?? '')}'s`);
  return rewrite(
    spoken,
    SHORT_DECADE,
    (m) => ` ${pluralizeNumberWords(spellCardinal(m[1] ?? ''))} `,
  );
}
