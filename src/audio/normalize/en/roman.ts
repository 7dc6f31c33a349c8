import { rewrite } from '../rewrite.js';
import { spellCardinal, spellOrdinal } from './number-words.js';
import { isCapitalisedName } from './patterns.js';

// Roman numerals after names. Regnal names take "the" and an ordinal ("Elizabeth II" →
// "elizabeth the second", "Pope John Paul II" → "pope john paul the second"); numbered
// things take a cardinal ("World War II" → "world war two", "Phase III" → "phase three").
// Only II and longer count after an ordinary capitalised word; the single letters I, V and
// X count only after "War" or a title plus a name ("King Henry V"), because "Malcolm X"
// and "Then I said" are not numbered.

const CARDINAL_BEFORE = new Set([
  ...['War', 'Part', 'Phase', 'Chapter', 'Volume', 'Vol.', 'Episode', 'Stage', 'Level'],
  ...['Tier', 'Class', 'Category', 'Type', 'Act', 'Article', 'Book', 'Section', 'Title'],
  ...['Grade', 'Round', 'Season', 'Vatican', 'Bowl', 'Apollo', 'Rocky', 'Star', 'Block'],
]);
const REGNAL_TITLES =
  /\b(?:King|Queen|Pope|Emperor|Empress|Tsar|Czar|Tsarina|Prince|Princess|Sultan|Shah|Kaiser)\s+\p{Lu}\p{Ll}+\s$/u;
const ROMAN = /(?<=(\S+)\s)([IVX]{1,6}|XL|L|LI{1,3}|LIV|LV|LVI{1,3}|LIX)(?![\p{L}\d])('s)?/gu;

const VALUES: Record<string, number> = { I: 1, V: 5, X: 10, L: 50 };

/** "XIV" → 14; undefined when the letters are not a canonical numeral ("IIII", "VX"). */
export function parseRoman(numeral: string): number | undefined {
  let total = 0;
  for (let i = 0; i < numeral.length; i += 1) {
    const value = VALUES[numeral[i] ?? ''] ?? 0;
    const next = VALUES[numeral[i + 1] ?? ''] ?? 0;
    total += value < next ? -value : value;
  }
  return total > 0 && toRoman(total) === numeral ? total : undefined;
}

function toRoman(value: number): string {
  const table: [number, string][] = [
    [50, 'L'],
    [40, 'XL'],
    [10, 'X'],
    [9, 'IX'],
    [5, 'V'],
    [4, 'IV'],
    [1, 'I'],
  ];
  let rest = value;
  let out = '';
  for (const [amount, letters] of table) {
    while (rest >= amount) {
      out += letters;
      rest -= amount;
    }
  }
  return out;
}

export function speakRomanNumerals(text: string): string {
  return rewrite(text, ROMAN, (m, { before }) => {
    const [, previous = '', numeral = '', possessive = ''] = m;
    const value = parseRoman(numeral);
    if (value === undefined) return undefined;
    if (CARDINAL_BEFORE.has(previous)) return `${spellCardinal(value)}${possessive}`;
    const singleLetter = numeral.length === 1;
    if (singleLetter && !REGNAL_TITLES.test(before)) return undefined;
    if (!isCapitalisedName(previous) || !/^\p{Lu}\p{Ll}+$/u.test(previous)) return undefined;
    return `the ${spellOrdinal(value)}${possessive}`;
  });
}
