// English number spelling in news-reading style: no "and" inside numbers ("one hundred
// twenty"), hyphenated tens ("thirty-four"), years read in pairs ("nineteen ninety-nine").
// Our own speller rather than `to-words` (5.7, checked): that package title-cases, omits
// hyphens ("Thirty Four"), reads decimals as numbers ("zero point twenty five" for 0.25)
// and has no year or digit-by-digit forms, which are what news needs.

const ONES = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const SCALES = ['', 'thousand', 'million', 'billion', 'trillion', 'quadrillion'];

function below100(n: number): string {
  if (n < 20) return ONES[n] ?? '';
  const tens = TENS[Math.floor(n / 10)] ?? '';
  return n % 10 === 0 ? tens : `${tens}-${ONES[n % 10]}`;
}

function below1000(n: number): string {
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  const parts: string[] = [];
  if (hundreds > 0) parts.push(`${ONES[hundreds]} hundred`);
  if (rest > 0 || hundreds === 0) parts.push(below100(rest));
  return parts.join(' ');
}

/** "1234567" → "one million two hundred thirty-four thousand five hundred sixty-seven". */
export function spellCardinal(value: number | bigint | string): string {
  let digits = String(value).replace(/[,_\s]/g, '');
  let negative = false;
  if (digits.startsWith('-')) {
    negative = true;
    digits = digits.slice(1);
  }
  if (!/^\d+$/.test(digits)) throw new Error(`Not an integer: ${String(value)}`);
  digits = digits.replace(/^0+(?=\d)/, '');
  // Beyond quadrillions nobody says the scale words; read the digits.
  if (digits.length > 18) return spellDigits(digits);
  if (digits === '0') return 'zero';
  const groups: number[] = [];
  for (let end = digits.length; end > 0; end -= 3)
    groups.unshift(Number(digits.slice(Math.max(0, end - 3), end)));
  const words: string[] = [];
  groups.forEach((group, index) => {
    if (group === 0) return;
    const scale = SCALES[groups.length - 1 - index] ?? '';
    words.push(scale ? `${below1000(group)} ${scale}` : below1000(group));
  });
  return (negative ? 'minus ' : '') + words.join(' ');
}

const IRREGULAR_ORDINALS: Record<string, string> = {
  one: 'first',
  two: 'second',
  three: 'third',
  five: 'fifth',
  eight: 'eighth',
  nine: 'ninth',
  twelve: 'twelfth',
};

/** Turns the last word of a spelled cardinal into its ordinal: "twenty-one" → "twenty-first". */
export function toOrdinalWords(cardinal: string): string {
  const match = /^(.*?)([a-z]+)$/.exec(cardinal);
  if (!match) return cardinal;
  const [, head = '', last = ''] = match;
  const irregular = IRREGULAR_ORDINALS[last];
  if (irregular) return head + irregular;
  if (last.endsWith('y')) return `${head}${last.slice(0, -1)}ieth`;
  return `${head}${last}th`;
}

/** 22 → "twenty-second". */
export function spellOrdinal(value: number | string): string {
  return toOrdinalWords(spellCardinal(value));
}

/** Each digit on its own: "0143" → "zero one four three". */
export function spellDigits(digits: string): string {
  return [...digits.replace(/\D/g, '')].map((d) => ONES[Number(d)]).join(' ');
}

/** "3.14" → "three point one four"; ".5" → "point five"; "-2.5" → "minus two point five". */
export function spellDecimal(text: string): string {
  const cleaned = text.replace(/,/g, '').replace(/^\u2212/, '-');
  const negative = cleaned.startsWith('-');
  const [whole = '', fraction = ''] = cleaned.replace(/^[-+]/, '').split('.');
  const head = whole === '' ? '' : spellCardinal(whole);
  const spoken = fraction === '' ? head : `${head} point ${spellDigits(fraction)}`.trim();
  return (negative ? 'minus ' : '') + spoken;
}

/** A number as written (with separators, decimals or a sign) → words. */
export function spellNumber(text: string): string {
  return /\./.test(text) ? spellDecimal(text) : spellCardinal(text.replace(/^\u2212/, '-'));
}

/** Two-digit number as the second half of a year: 5 → "oh five", 0 → "hundred". */
function yearHalf(n: number): string {
  if (n === 0) return 'hundred';
  if (n < 10) return `oh ${ONES[n]}`;
  return below100(n);
}

/**
 * A year as newsreaders say it: 1999 → "nineteen ninety-nine", 1900 → "nineteen hundred",
 * 1905 → "nineteen oh five", 2000 → "two thousand", 2007 → "two thousand seven",
 * 2010 → "twenty ten", 2022 → "twenty twenty-two", 800 → "eight hundred".
 */
export function spellYear(value: number | string): string {
  const year = Number(value);
  if (!Number.isInteger(year) || year < 0) throw new Error(`Not a year: ${String(value)}`);
  if (year < 1000 || year >= 10000) return spellCardinal(year);
  const high = Math.floor(year / 100);
  const low = year % 100;
  // 2000–2009 and round thousands are said as cardinals; 1000–1009 likewise.
  if (high % 10 === 0 && low < 10) return spellCardinal(year);
  return `${below100(high)} ${yearHalf(low)}`;
}

/** The year's plural as a decade: 1990 → "nineteen nineties", 2000 → "two thousands". */
export function spellDecade(value: number | string): string {
  return pluralizeNumberWords(spellYear(value));
}

/** "nineteen ninety" → "nineteen nineties", "twenty ten" → "twenty tens", "six" → "sixes". */
export function pluralizeNumberWords(words: string): string {
  if (words.endsWith('y')) return `${words.slice(0, -1)}ies`;
  if (words.endsWith('x')) return `${words}es`;
  return `${words}s`;
}
