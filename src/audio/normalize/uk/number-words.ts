// Ukrainian numbers in words, with the agreement a listener notices: gender of one and two
// ("одна гривня", "два долари", "одне євро"), case (nominative and genitive for cardinals;
// nominative, genitive and locative for ordinals: "шостого жовтня", "у двадцять другому
// році"), and the noun form a number governs ("1 відсоток", "3 відсотки", "5 відсотків",
// "1,5 відсотка"). Written for Masthead because the npm spellers (to-words `uk-UA`) spell
// plain cardinals only and get agreement wrong ("два гривень").

export type Gender = 'm' | 'f' | 'n';
/** Cardinals: nominative (= accusative for things) and genitive. */
export type CardinalCase = 'nom' | 'gen';
/** Ordinals also need the locative ("у 2022 році", "о 9:00"); the plural is for decades. */
export type OrdinalCase = 'nom' | 'gen' | 'loc';

/** A noun's forms after numbers: 1 / 2–4 / 5+ (nominative), and the genitive singular. */
export interface NounForms {
  one: string;
  few: string;
  many: string;
  genitiveOne: string;
  gender: Gender;
}

const ONES_NOM = ['нуль', '', '', 'три', 'чотири', "п'ять", 'шість', 'сім', 'вісім', "дев'ять"];
const ONES_GEN = [
  'нуля',
  '',
  '',
  'трьох',
  'чотирьох',
  "п'яти",
  'шести',
  'семи',
  'восьми',
  "дев'яти",
];
const ONE = {
  nom: { m: 'один', f: 'одна', n: 'одне' },
  gen: { m: 'одного', f: 'однієї', n: 'одного' },
};
const TWO = { nom: { m: 'два', f: 'дві', n: 'два' }, gen: { m: 'двох', f: 'двох', n: 'двох' } };
const TEENS_NOM = [
  'десять',
  'одинадцять',
  'дванадцять',
  'тринадцять',
  'чотирнадцять',
  "п'ятнадцять",
  'шістнадцять',
  'сімнадцять',
  'вісімнадцять',
  "дев'ятнадцять",
];
const TENS_NOM = [
  '',
  '',
  'двадцять',
  'тридцять',
  'сорок',
  "п'ятдесят",
  'шістдесят',
  'сімдесят',
  'вісімдесят',
  "дев'яносто",
];
const TENS_GEN = [
  '',
  '',
  'двадцяти',
  'тридцяти',
  'сорока',
  "п'ятдесяти",
  'шістдесяти',
  'сімдесяти',
  'вісімдесяти',
  "дев'яноста",
];
const HUNDREDS_NOM = [
  '',
  'сто',
  'двісті',
  'триста',
  'чотириста',
  "п'ятсот",
  'шістсот',
  'сімсот',
  'вісімсот',
  "дев'ятсот",
];
const HUNDREDS_GEN = [
  '',
  'ста',
  'двохсот',
  'трьохсот',
  'чотирьохсот',
  "п'ятисот",
  'шестисот',
  'семисот',
  'восьмисот',
  "дев'ятисот",
];

// Ordinal stems (hard declension, "-ий"; "трет-" is soft: третій, третя, третє, третього…).
const ORDINAL_ONES = [
  '',
  'перш',
  'друг',
  'трет',
  'четверт',
  "п'ят",
  'шост',
  'сьом',
  'восьм',
  "дев'ят",
];
const ORDINAL_TEENS = [
  'десят',
  'одинадцят',
  'дванадцят',
  'тринадцят',
  'чотирнадцят',
  "п'ятнадцят",
  'шістнадцят',
  'сімнадцят',
  'вісімнадцят',
  "дев'ятнадцят",
];
const ORDINAL_TENS = [
  '',
  '',
  'двадцят',
  'тридцят',
  'сороков',
  "п'ятдесят",
  'шістдесят',
  'сімдесят',
  'вісімдесят',
  "дев'яност",
];
const ORDINAL_HUNDREDS = [
  '',
  'сот',
  'двохсот',
  'трьохсот',
  'чотирьохсот',
  "п'ятисот",
  'шестисот',
  'семисот',
  'восьмисот',
  "дев'ятисот",
];

const HARD_ENDINGS: Record<OrdinalCase | 'plural', Record<Gender, string>> = {
  nom: { m: 'ий', f: 'а', n: 'е' },
  gen: { m: 'ого', f: 'ої', n: 'ого' },
  loc: { m: 'ому', f: 'ій', n: 'ому' },
  plural: { m: 'их', f: 'их', n: 'их' },
};
const SOFT_ENDINGS: Record<OrdinalCase | 'plural', Record<Gender, string>> = {
  nom: { m: 'ій', f: 'я', n: 'є' },
  gen: { m: 'ього', f: 'ьої', n: 'ього' },
  loc: { m: 'ьому', f: 'ій', n: 'ьому' },
  plural: { m: 'іх', f: 'іх', n: 'іх' },
};

export const THOUSAND: NounForms = {
  one: 'тисяча',
  few: 'тисячі',
  many: 'тисяч',
  genitiveOne: 'тисячі',
  gender: 'f',
};
export const MILLION: NounForms = {
  one: 'мільйон',
  few: 'мільйони',
  many: 'мільйонів',
  genitiveOne: 'мільйона',
  gender: 'm',
};
export const BILLION: NounForms = {
  one: 'мільярд',
  few: 'мільярди',
  many: 'мільярдів',
  genitiveOne: 'мільярда',
  gender: 'm',
};
export const TRILLION: NounForms = {
  one: 'трильйон',
  few: 'трильйони',
  many: 'трильйонів',
  genitiveOne: 'трильйона',
  gender: 'm',
};
const SCALES: [number, NounForms][] = [
  [1e12, TRILLION],
  [1e9, BILLION],
  [1e6, MILLION],
  [1e3, THOUSAND],
];

/** Which of a noun's forms follows a whole number: 1 / 2–4 / 5+ (21 → one, 12 → many). */
export function pluralCategory(n: number): 'one' | 'few' | 'many' {
  const lastTwo = n % 100;
  const last = n % 10;
  if (last === 1 && lastTwo !== 11) return 'one';
  if (last >= 2 && last <= 4 && (lastTwo < 12 || lastTwo > 14)) return 'few';
  return 'many';
}

/** The noun after a whole number in a case ("5 гривень", "з 2 гривень", "21 гривня"). */
export function nounFor(n: number, noun: NounForms, grammaticalCase: CardinalCase = 'nom'): string {
  const category = pluralCategory(n);
  if (grammaticalCase === 'gen') return category === 'one' ? noun.genitiveOne : noun.many;
  return noun[category];
}

function belowThousand(n: number, gender: Gender, grammaticalCase: CardinalCase): string[] {
  const words: string[] = [];
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  if (hundreds > 0)
    words.push((grammaticalCase === 'nom' ? HUNDREDS_NOM : HUNDREDS_GEN)[hundreds] ?? '');
  if (rest >= 10 && rest < 20) {
    const teen = TEENS_NOM[rest - 10] ?? '';
    // The genitive of every teen ends in -и instead of -ь: одинадцяти, дванадцяти…
    words.push(grammaticalCase === 'nom' ? teen : teen.replace(/ь$/, 'и'));
  } else {
    const tens = Math.floor(rest / 10);
    const ones = rest % 10;
    if (tens > 0) words.push((grammaticalCase === 'nom' ? TENS_NOM : TENS_GEN)[tens] ?? '');
    if (ones === 1) words.push(ONE[grammaticalCase][gender]);
    else if (ones === 2) words.push(TWO[grammaticalCase][gender]);
    else if (ones > 0) words.push((grammaticalCase === 'nom' ? ONES_NOM : ONES_GEN)[ones] ?? '');
  }
  return words;
}

/**
 * A whole number (0 … 999 trillion) in words: "дві тисячі двадцять два". `gender` is the
 * counted noun's (it changes one and two); "тисяча" alone, not "одна тисяча", as it is said.
 */
export function cardinalWords(
  n: number,
  gender: Gender = 'm',
  grammaticalCase: CardinalCase = 'nom',
): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`cannot spell ${n}`);
  if (n === 0) return grammaticalCase === 'nom' ? (ONES_NOM[0] ?? '') : (ONES_GEN[0] ?? '');
  const words: string[] = [];
  let rest = n;
  for (const [size, noun] of SCALES) {
    const count = Math.floor(rest / size);
    rest %= size;
    if (count === 0) continue;
    const countWords = belowThousand(count, noun.gender, grammaticalCase);
    if (!(count === 1 && noun === THOUSAND)) words.push(...countWords);
    words.push(nounFor(count, noun, grammaticalCase));
  }
  words.push(...belowThousand(rest, gender, grammaticalCase));
  return words.filter(Boolean).join(' ');
}

function ordinalEnding(stem: string, gender: Gender, form: OrdinalCase | 'plural'): string {
  return stem + (stem === 'трет' ? SOFT_ENDINGS : HARD_ENDINGS)[form][gender];
}

/**
 * An ordinal: only the last word declines ("дві тисячі двадцять другого"); round hundreds,
 * thousands and millions fuse into one word ("двохтисячний", "тисяча дев'ятисотий").
 * `form` 'plural' gives the genitive/locative plural used for decades ("дев'яностих").
 */
export function ordinalWords(
  n: number,
  gender: Gender = 'm',
  form: OrdinalCase | 'plural' = 'nom',
): string {
  if (!Number.isSafeInteger(n) || n <= 0) throw new RangeError(`no ordinal for ${n}`);
  const lastThree = n % 1000;
  if (lastThree === 0) {
    for (const [size, noun] of SCALES) {
      if (n % size !== 0) continue;
      const count = (n / size) % 1000;
      const above = n - count * size;
      const prefix = above > 0 ? `${cardinalWords(above)} ` : '';
      const countStem =
        count === 1
          ? ''
          : (HUNDREDS_GEN[Math.floor(count / 100)] ?? '') + genitiveStem(count % 100);
      const nounStem = noun === THOUSAND ? 'тисячн' : `${noun.one}н`;
      return prefix + ordinalEnding(countStem + nounStem, gender, form);
    }
  }
  // The last word becomes the ordinal: round hundreds, a teen, round tens, or the ones.
  const below100 = lastThree % 100;
  const tail =
    below100 === 0 ? lastThree : below100 < 20 || below100 % 10 === 0 ? below100 : below100 % 10;
  const head = n - tail;
  const prefix = head > 0 ? `${cardinalWords(head)} ` : '';
  let stem: string;
  if (tail % 100 === 0) stem = ORDINAL_HUNDREDS[tail / 100] ?? '';
  else if (tail < 10) stem = ORDINAL_ONES[tail] ?? '';
  else if (tail < 20) stem = ORDINAL_TEENS[tail - 10] ?? '';
  else stem = ORDINAL_TENS[tail / 10] ?? '';
  return prefix + ordinalEnding(stem, gender, form);
}

// "двох", "трьох", "п'яти"… joined to a scale in fused ordinals ("двохтисячний").
function genitiveStem(n: number): string {
  if (n === 0) return '';
  if (n === 1) return 'одно';
  if (n === 2) return 'двох';
  if (n < 10) return ONES_GEN[n] ?? '';
  return cardinalWords(n, 'm', 'gen').replace(/ /g, '');
}

const FRACTION_DENOMINATORS = ['', 'десят', 'сот', 'тисячн'];

/**
 * A decimal as it is read: "одна ціла п'ять десятих", "нуль цілих двадцять п'ять сотих".
 * The whole part and the digits after the comma count feminine nouns (ціла, частина).
 */
export function decimalWords(
  whole: number,
  fraction: string,
  grammaticalCase: CardinalCase = 'nom',
): string {
  const digits = fraction.slice(0, 3);
  const numerator = Number(digits);
  const wholeWord =
    pluralCategory(whole) === 'one' ? (grammaticalCase === 'nom' ? 'ціла' : 'цілої') : 'цілих';
  const stem = FRACTION_DENOMINATORS[digits.length] ?? 'тисячн';
  const denominator =
    pluralCategory(numerator) === 'one'
      ? ordinalEnding(stem, 'f', grammaticalCase === 'nom' ? 'nom' : 'gen')
      : `${stem}их`;
  return `${cardinalWords(whole, 'f', grammaticalCase)} ${wholeWord} ${cardinalWords(numerator, 'f', grammaticalCase)} ${denominator}`;
}

/** Digit by digit, for leading zeros in minutes ("нуль п'ять"). */
export function digitWords(digits: string): string {
  return [...digits].map((d) => (d === '0' ? 'нуль' : cardinalWords(Number(d)))).join(' ');
}
