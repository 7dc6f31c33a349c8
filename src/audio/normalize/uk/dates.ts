import { type MatchContext, rewrite } from '../rewrite.js';
import { rewriteNumericDates } from '../numeric-dates.js';
import { caseAfter, previousWord } from './grammar-context.js';
import { cardinalWords, digitWords, ordinalWords, type OrdinalCase } from './number-words.js';
import { MONTHS_GENITIVE } from './patterns.js';

// Dates, years, decades and clock times in Ukrainian.

const MONTH = `(${MONTHS_GENITIVE.join('|')})`;
const YEAR_WORD = String.raw`(року|році|рік|роках|роки|рр?\.)`;

/** "року" for a year in the form its word asks for; "р." is "року" (the usual reading). */
function yearCase(word: string | undefined): { form: OrdinalCase | 'plural'; spoken: string } {
  switch (word) {
    case 'році':
      return { form: 'loc', spoken: 'році' };
    case 'рік':
      return { form: 'nom', spoken: 'рік' };
    case 'роках':
      return { form: 'plural', spoken: 'роках' };
    case 'роки':
    case 'рр.':
      return { form: 'plural', spoken: 'роки' };
    default:
      return { form: 'gen', spoken: 'року' };
  }
}

/** The day's ordinal: genitive in running text ("when"), nominative after "сьогодні", "це"…. */
function dayWords(day: number, context: MatchContext): string {
  const nominative = ['сьогодні', 'це', 'є', 'було', 'буде'].includes(previousWord(context.before));
  return ordinalWords(day, 'n', nominative ? 'nom' : 'gen');
}

/**
 * Dates in figures ("05.12.2024", "2024-12-05", "05/12/2024": Ukrainian writes the day first;
 * ../numeric-dates.ts) are said as written-out dates are: "п'ятого грудня дві тисячі двадцять
 * четвертого року"; a "року" or "р." after the date is that same word, not a second one.
 */
export function speakNumericDates(text: string): string {
  return rewriteNumericDates(
    text,
    { slashOrder: 'day-first', suffix: String.raw`(\s(?:року|р\.))?` },
    (date, context) =>
      `${dayWords(date.day, context)} ${MONTHS_GENITIVE[date.month - 1] ?? ''} ${ordinalWords(date.year, 'm', 'gen')} року`,
  );
}

/**
 * "6 жовтня 2022" → "шостого жовтня дві тисячі двадцять другого року": the day is a neuter
 * ordinal in the genitive (how a date is said in running text: "when"), the nominative after
 * "сьогодні"/"це"/"є" ("сьогодні шосте жовтня"); the year is a genitive ordinal with "року".
 */
export function speakDates(text: string): string {
  const date = new RegExp(
    String.raw`(?<!\d)(\d{1,2})\s${MONTH}(?:\s(\d{4})(?:\s(?:року|р\.))?)?(?![\p{L}\d])`,
    'gu',
  );
  return rewrite(text, date, (match, context) => {
    const day = Number(match[1]);
    if (day < 1 || day > 31) return undefined;
    const year = match[3] ? ` ${ordinalWords(Number(match[3]), 'm', 'gen')} року` : '';
    return `${dayWords(day, context)} ${match[2]}${year}`;
  });
}

/** "у 2022 році", "2022 року", "2014 р.", "у 1990-х" → ordinals agreeing with "рік". */
export function speakYears(text: string): string {
  const years = new RegExp(String.raw`(?<![\d\p{L}])(\d{3,4})\s${YEAR_WORD}(?![\p{L}])`, 'gu');
  let spoken = rewrite(text, years, (match) => {
    const { form, spoken: word } = yearCase(match[2]);
    return `${ordinalWords(Number(match[1]), 'm', form)} ${word}`;
  });
  // Decades: "1990-х", "90-х", "1990-ті" → "тисяча дев'ятсот дев'яностих", "дев'яності".
  const decades = /(?<![\d\p{L}])(\d{2}|\d{4})-(х|ті|их)(?![\p{L}])/gu;
  spoken = rewrite(spoken, decades, (match) => {
    const n = Number(match[1]);
    if (n % 10 !== 0 || n === 0) return undefined;
    const words = ordinalWords(n, 'm', 'plural');
    return match[2] === 'ті' ? words.replace(/их$/, 'і').replace(/іх$/, 'і') : words;
  });
  return spoken;
}

/**
 * Clock times: "о 9:30" → "о дев'ятій тридцять", "до 18:00" → "до вісімнадцятої",
 * "9:05" → "дев'ята нуль п'ять". The hour is a feminine ordinal (година) in the case the
 * preposition asks (locative after о/об/в/у, genitive after до/з/від/після).
 */
export function speakTimes(text: string): string {
  const time = /(?<![\d.,:])([01]?\d|2[0-3]):([0-5]\d)(?![\d.,:]\d|\d)/gu;
  return rewrite(text, time, (match, context) => {
    const hour = Number(match[1]);
    const minutes = match[2] ?? '00';
    const before = previousWord(context.before);
    const form: OrdinalCase = ['о', 'об', 'в', 'у'].includes(before)
      ? 'loc'
      : caseAfter(context.before) === 'gen'
        ? 'gen'
        : 'nom';
    const hourWords = hour === 0 ? 'нуль' : ordinalWords(hour, 'f', form);
    const minuteWords =
      minutes === '00'
        ? ''
        : minutes.startsWith('0')
          ? ` ${digitWords(minutes)}`
          : ` ${cardinalWords(Number(minutes), 'f')}`;
    return `${hourWords}${minuteWords}`;
  });
}
