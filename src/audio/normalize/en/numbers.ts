import { rewrite } from '../rewrite.js';
import { spellCardinal, spellDigits, spellNumber, spellOrdinal } from './number-words.js';
import { NUMBER, NUMBER_END, NUMBER_START, SCALE, scaleWord } from './patterns.js';

// Numbers left after the special forms (money, dates, units, …) have had their turn:
// "No. 5" / "#1" → "number five", ordinals ("22nd" → "twenty-second"), ranges ("10-15" →
// "ten to fifteen"), short scales ("5bn" → "five billion"), signs ("-4" → "minus four"),
// cardinals with separators and decimals. Integers with a leading zero ("007") and more
// than 18 digits are read digit by digit.

const NUMBER_SIGN = new RegExp(
  String.raw`(?<![\p{L}\d])(?:(No|Nos|no|nos)\.?|#)\s?(${NUMBER})${NUMBER_END}`,
  'gu',
);
const ORDINAL = /(?<![\p{L}\d.,])(\d{1,3}(?:,\d{3})+|\d+)(st|nd|rd|th)\b/gu;
const RANGE = new RegExp(
  String.raw`${NUMBER_START}([-\u2212]?)(${NUMBER})\s?[-\u2013]\s?(${NUMBER})${NUMBER_END}(?![-\u2013]\d)`,
  'gu',
);
const SHORT_SCALE = new RegExp(String.raw`${NUMBER_START}(${NUMBER})${NUMBER_END}(${SCALE})`, 'gu');
const SIGNED = new RegExp(String.raw`(?<![\p{L}\d.,)])([-+\u2212])(${NUMBER})${NUMBER_END}`, 'gu');
const LEADING_ZERO = /(?<![\p{L}\d.,])0\d+(?![\d.,]\d)/gu;
const LEFTOVER_DIGITS = /\d+/g;
const PLAIN = new RegExp(String.raw`(?<![\d.,])(${NUMBER})`, 'gu');

// Thousands grouped with spaces, as many newsrooms (and every Ukrainian one) write them:
// "300 000" is three hundred thousand, not "three hundred zero zero zero". Only 1–3 digits
// then groups of exactly three, with no digit run touching either end ("2024 555" and
// "12 34 56" stay apart), and not a day after a month name ("May 5 300 people" is two).
const SPACED_THOUSANDS = /(?<![\d.,] ?)(\d{1,3})((?: \d{3})+)(?![\d]| \d|[.,]\d)/gu;
const MONTH_BEFORE = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? $/iu;

/** "300 000" → "300,000", so the number rules read it as one number. */
export function joinSpacedThousands(text: string): string {
  return rewrite(text, SPACED_THOUSANDS, (m, context) =>
    MONTH_BEFORE.test(context.before) ? undefined : `${m[1]}${(m[2] ?? '').replace(/ /g, ',')}`,
  );
}

export function speakNumbers(text: string): string {
  let spoken = rewrite(text, NUMBER_SIGN, (m) => {
    const plural = m[1]?.toLowerCase() === 'nos' ? 'numbers' : 'number';
    return ` ${plural} ${spellNumber(m[2] ?? '')} `;
  });
  spoken = rewrite(spoken, ORDINAL, (m) => ` ${spellOrdinal(m[1] ?? '')} `);
  spoken = rewrite(spoken, RANGE, (m) => {
    const minus = m[1] ? 'minus ' : '';
    return ` ${minus}${spellNumber(m[2] ?? '')} to ${spellNumber(m[3] ?? '')} `;
  });
  spoken = rewrite(spoken, SHORT_SCALE, (m) => {
    const scale = scaleWord(m[2]?.trim());
    return scale ? ` ${spellNumber(m[1] ?? '')} ${scale} ` : undefined;
  });
  spoken = rewrite(spoken, SIGNED, (m) => {
    const sign = m[1] === '+' ? 'plus' : 'minus';
    return ` ${sign} ${spellNumber(m[2] ?? '')} `;
  });
  spoken = rewrite(spoken, LEADING_ZERO, (m) => ` ${spellDigits(m[0])} `);
  spoken = rewrite(spoken, PLAIN, (m) => ` ${spellNumber(m[1] ?? '')} `);
  // Whatever digits are left sit in shapes no rule knows ("1.2.3", "4,5"): say each run of
  // digits as a number, so no digit ever reaches the engine.
  return rewrite(spoken, LEFTOVER_DIGITS, (m) =>
    m[0].length > 1 && m[0].startsWith('0') ? ` ${spellDigits(m[0])} ` : ` ${spellCardinal(m[0])} `,
  );
}
