import { rewrite } from '../rewrite.js';
import { caseAfter, genderOfNext } from './grammar-context.js';
import {
  BILLION,
  type CardinalCase,
  cardinalWords,
  decimalWords,
  MILLION,
  type NounForms,
  nounFor,
  THOUSAND,
  TRILLION,
} from './number-words.js';
import { NUMBER, NUMBER_END, NUMBER_START, parseNumber } from './patterns.js';

// Money, percentages, units and the remaining plain numbers in Ukrainian: the number agrees
// with the noun it counts, and the noun takes the form the number asks for.

const noun = (
  one: string,
  few: string,
  many: string,
  genitiveOne: string,
  gender: 'm' | 'f' | 'n',
): NounForms => ({
  one,
  few,
  many,
  genitiveOne,
  gender,
});

const HRYVNIA = noun('гривня', 'гривні', 'гривень', 'гривні', 'f');
const KOPIYKA = noun('копійка', 'копійки', 'копійок', 'копійки', 'f');
const DOLLAR = noun('долар', 'долари', 'доларів', 'долара', 'm');
const CENT = noun('цент', 'центи', 'центів', 'цента', 'm');
const EURO = noun('євро', 'євро', 'євро', 'євро', 'm');
const POUND = noun('фунт', 'фунти', 'фунтів', 'фунта', 'm');
const PERCENT = noun('відсоток', 'відсотки', 'відсотків', 'відсотка', 'm');

const CURRENCIES: { symbols: string[]; words: string[]; main: NounForms; minor?: NounForms }[] = [
  {
    symbols: ['₴'],
    words: ['грн', 'uah', 'гривня', 'гривні', 'гривень', 'гривнями'],
    main: HRYVNIA,
    minor: KOPIYKA,
  },
  {
    symbols: ['$'],
    words: ['usd', 'дол', 'доларів', 'долари', 'долар', 'долара'],
    main: DOLLAR,
    minor: CENT,
  },
  { symbols: ['€'], words: ['eur', 'євро'], main: EURO, minor: CENT },
  { symbols: ['£'], words: ['gbp', 'фунтів'], main: POUND },
];

const SCALES: Record<string, NounForms> = {
  тис: THOUSAND,
  тисяч: THOUSAND,
  тисячі: THOUSAND,
  тисяча: THOUSAND,
  млн: MILLION,
  мільйонів: MILLION,
  мільйони: MILLION,
  мільйон: MILLION,
  млрд: BILLION,
  мільярдів: BILLION,
  мільярди: BILLION,
  мільярд: BILLION,
  трлн: TRILLION,
};
const SCALE = String.raw`(?:\s(тис\.|тисяч[аі]?|млн|мільйон(?:и|ів)?|млрд|мільярд(?:и|ів)?|трлн)(?![\p{L}]))`;

const UNITS: Record<string, NounForms> = {
  км: noun('кілометр', 'кілометри', 'кілометрів', 'кілометра', 'm'),
  м: noun('метр', 'метри', 'метрів', 'метра', 'm'),
  см: noun('сантиметр', 'сантиметри', 'сантиметрів', 'сантиметра', 'm'),
  мм: noun('міліметр', 'міліметри', 'міліметрів', 'міліметра', 'm'),
  кг: noun('кілограм', 'кілограми', 'кілограмів', 'кілограма', 'm'),
  т: noun('тонна', 'тонни', 'тонн', 'тонни', 'f'),
  га: noun('гектар', 'гектари', 'гектарів', 'гектара', 'm'),
  л: noun('літр', 'літри', 'літрів', 'літра', 'm'),
  '°C': noun('градус', 'градуси', 'градусів', 'градуса', 'm'),
  '°': noun('градус', 'градуси', 'градусів', 'градуса', 'm'),
  'км/год': noun(
    'кілометр на годину',
    'кілометри на годину',
    'кілометрів на годину',
    'кілометра на годину',
    'm',
  ),
};

/**
 * A count of a noun: "двадцять одна гривня", "з п'яти відсотків", "одна ціла п'ять десятих
 * відсотка" (a decimal takes the genitive singular).
 */
export function countOf(
  written: string,
  counted: NounForms,
  grammaticalCase: CardinalCase,
): string {
  const { whole, fraction } = parseNumber(written);
  if (fraction && Number(fraction) !== 0)
    return `${decimalWords(whole, fraction, grammaticalCase)} ${counted.genitiveOne}`;
  return `${cardinalWords(whole, counted.gender, grammaticalCase)} ${nounFor(whole, counted, grammaticalCase)}`;
}

/** An amount with an optional scale: "1,2 млрд" → "одна ціла дві десятих мільярда"; the currency then in the genitive plural. */
function amountWithScale(
  written: string,
  scaleWritten: string | undefined,
  currency: NounForms,
  minor: NounForms | undefined,
  grammaticalCase: CardinalCase,
): string {
  const scale = scaleWritten ? SCALES[scaleWritten.replace(/\.$/, '').toLowerCase()] : undefined;
  if (scale) return `${countOf(written, scale, grammaticalCase)} ${currency.many}`;
  const { whole, fraction } = parseNumber(written);
  // Money with two decimals is main and minor units: "10,50 грн" → "десять гривень п'ятдесят копійок".
  if (minor && fraction.length === 2) {
    const cents = Number(fraction);
    const main = `${cardinalWords(whole, currency.gender, grammaticalCase)} ${nounFor(whole, currency, grammaticalCase)}`;
    return cents === 0 ? main : `${main} ${countOf(String(cents), minor, grammaticalCase)}`;
  }
  return countOf(written, currency, grammaticalCase);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** "$5", "₴100", "100 грн", "5 млн доларів", "1,2 млрд грн", "10,50 грн", "€3". */
export function speakMoney(text: string): string {
  let spoken = text;
  for (const { symbols, words, main, minor } of CURRENCIES) {
    const symbol = symbols.map(escape).join('|');
    const before = new RegExp(String.raw`(?:${symbol})\s?(${NUMBER})${NUMBER_END}${SCALE}?`, 'gu');
    spoken = rewrite(spoken, before, (m, context) =>
      amountWithScale(m[1] ?? '', m[2], main, minor, caseAfter(context.before)),
    );
    const after = new RegExp(
      String.raw`${NUMBER_START}(${NUMBER})${NUMBER_END}${SCALE}?\s?(?:${symbol}|(?:${words.map(escape).join('|')})(?:\.(?=\s\p{Ll}))?(?![\p{L}]))`,
      'giu',
    );
    spoken = rewrite(spoken, after, (m, context) =>
      amountWithScale(m[1] ?? '', m[2], main, minor, caseAfter(context.before)),
    );
  }
  return spoken;
}

/** "48%" → "сорок вісім відсотків", "21%" → "двадцять один відсоток", "3,5%" → "… відсотка". */
export function speakPercentages(text: string): string {
  const percent = new RegExp(String.raw`${NUMBER_START}(${NUMBER})\s?(?:%|відс\.)`, 'gu');
  return rewrite(text, percent, (m, context) =>
    countOf(m[1] ?? '', PERCENT, caseAfter(context.before)),
  );
}

/** "42 км" → "сорок два кілометри", "-5 °C" → "мінус п'ять градусів", "1 т" → "одна тонна". */
export function speakUnits(text: string): string {
  const units = Object.keys(UNITS)
    .sort((a, b) => b.length - a.length)
    .map(escape)
    .join('|');
  const pattern = new RegExp(
    String.raw`${NUMBER_START}([-+−]?)(${NUMBER})\s?(${units})(?![\p{L}\d])`,
    'gu',
  );
  return rewrite(text, pattern, (m, context) => {
    const unit = UNITS[m[3] ?? ''];
    if (!unit) return undefined;
    const sign = m[1] === '+' ? 'плюс ' : m[1] ? 'мінус ' : '';
    return `${sign}${countOf(m[2] ?? '', unit, caseAfter(context.before))}`;
  });
}

/** Every number left: "1 500" → "тисяча п'ятсот", "1 людина" → "одна людина", "з 5" → "з п'яти". */
export function speakPlainNumbers(text: string): string {
  const scaled = new RegExp(String.raw`${NUMBER_START}(${NUMBER})${NUMBER_END}${SCALE}`, 'gu');
  let out = rewrite(text, scaled, (m, context) => {
    const scale = SCALES[(m[2] ?? '').replace(/\.$/, '').toLowerCase()];
    return scale ? countOf(m[1] ?? '', scale, caseAfter(context.before)) : undefined;
  });
  // Ranges: "5–10 років" → "від п'яти до десяти років".
  const range = new RegExp(String.raw`${NUMBER_START}(\d+)\s?[-\u2013]\s?(\d+)${NUMBER_END}`, 'gu');
  out = rewrite(out, range, (m) => {
    const [from, to] = [Number(m[1]), Number(m[2])];
    if (to <= from) return undefined;
    return `від ${cardinalWords(from, 'm', 'gen')} до ${cardinalWords(to, 'm', 'gen')}`;
  });
  // A minus only at the start of a word ("-5", not the hyphen in "5-10").
  const plain = new RegExp(
    String.raw`${NUMBER_START}((?<![^\s(])-)?(${NUMBER})${NUMBER_END}`,
    'gu',
  );
  out = rewrite(out, plain, (m, context) => {
    const { whole, fraction } = parseNumber(m[2] ?? '');
    const grammaticalCase = caseAfter(context.before);
    const sign = m[1] ? 'мінус ' : '';
    if (fraction) return `${sign}${decimalWords(whole, fraction, grammaticalCase)}`;
    return `${sign}${cardinalWords(whole, genderOfNext(context.after), grammaticalCase)}`;
  });
  return out;
}
