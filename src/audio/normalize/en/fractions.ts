import { rewrite } from '../rewrite.js';
import { spellCardinal, spellOrdinal, spellYear } from './number-words.js';

// Fractions: "1/2" → "one half", "3/4" → "three quarters", "2 1/2" → "two and a half",
// "½" → "one half"; fixed expressions "24/7", "9/11", "50/50". A slashed date with a
// four-digit year that is a real day ("10/06/2022") was read by the dates before this
// (../numeric-dates.ts: order by the language's convention); what is left ("10/06/22",
// "13/13/2024") is read as written numbers with "slash" rather than guessed.

const VULGAR: Record<string, [number, number]> = {
  '½': [1, 2],
  '⅓': [1, 3],
  '⅔': [2, 3],
  '¼': [1, 4],
  '¾': [3, 4],
  '⅕': [1, 5],
  '⅛': [1, 8],
  '⅜': [3, 8],
  '⅝': [5, 8],
  '⅞': [7, 8],
};
const FIXED: Record<string, string> = {
  '24/7': 'twenty-four seven',
  '9/11': 'nine eleven',
  '50/50': 'fifty-fifty',
  '50-50': 'fifty-fifty',
};

const SLASHED_DATE = /(?<![\d/])(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})(?![\d/])/g;
const FIXED_FORM = /(?<![\d/-])(24\/7|9\/11|50[/-]50)(?![\d/-])/g;
const MIXED = /(?<![\d/.,])(\d+)(?:\s(\d+)\/(\d+)|\s?([½⅓⅔¼¾⅕⅛⅜⅝⅞]))(?![\d/])/g;
const SIMPLE = /(?<![\d/.,])(\d+)\/(\d+)(?![\d/])/g;
const VULGAR_ALONE = /[½⅓⅔¼¾⅕⅛⅜⅝⅞]/g;

function speakYearPart(year: string): string {
  return year.length === 4 ? spellYear(year) : spellCardinal(year);
}

/** 3, 4 → "three quarters"; undefined when the denominator is too large to say as a fraction. */
export function speakFraction(numerator: number, denominator: number): string | undefined {
  if (denominator < 2 || denominator > 100 || numerator === 0) return undefined;
  const one = numerator === 1;
  let name: string;
  if (denominator === 2) name = one ? 'half' : 'halves';
  else if (denominator === 4) name = one ? 'quarter' : 'quarters';
  else name = one ? spellOrdinal(denominator) : `${spellOrdinal(denominator)}s`;
  return `${spellCardinal(numerator)} ${name}`;
}

/** After a whole number: "and a half", "and three quarters". */
function mixedPart(numerator: number, denominator: number): string | undefined {
  const fraction = speakFraction(numerator, denominator);
  if (!fraction) return undefined;
  return numerator === 1 ? fraction.replace(/^one /, 'a ') : fraction;
}

export function speakFractions(text: string): string {
  let spoken = rewrite(text, FIXED_FORM, (m) => ` ${FIXED[m[1] ?? '']} `);
  spoken = rewrite(
    spoken,
    SLASHED_DATE,
    (m) =>
      ` ${spellCardinal(m[1] ?? '')} slash ${spellCardinal(m[2] ?? '')} slash ${speakYearPart(m[3] ?? '')} `,
  );
  spoken = rewrite(spoken, MIXED, (m) => {
    const [numerator, denominator] = m[4] ? (VULGAR[m[4]] ?? [0, 0]) : [Number(m[2]), Number(m[3])];
    if (numerator >= denominator) return undefined;
    const part = mixedPart(numerator, denominator);
    return part ? ` ${spellCardinal(m[1] ?? '')} and ${part} ` : undefined;
  });
  spoken = rewrite(spoken, SIMPLE, (m) => {
    const fraction = speakFraction(Number(m[1]), Number(m[2]));
    return ` ${fraction ?? `${spellCardinal(m[1] ?? '')} slash ${spellCardinal(m[2] ?? '')}`} `;
  });
  return rewrite(spoken, VULGAR_ALONE, (m) => {
    const [numerator = 1, denominator = 2] = VULGAR[m[0]] ?? [];
    return ` ${speakFraction(numerator, denominator)} `;
  });
}
