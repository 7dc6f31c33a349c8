import { rewrite } from '../rewrite.js';
import { spellCardinal, spellNumber } from './number-words.js';
import {
  NUMBER,
  NUMBER_END,
  RANGE_JOIN,
  SCALE,
  isAttributive,
  isSingular,
  scaleWord,
} from './patterns.js';

// Money. The currency word moves after the amount and agrees with it: "$1" → "one dollar",
// "$2.50" → "two dollars and fifty cents", "$1.2 billion" → "one point two billion
// dollars", "$5m" → "five million dollars", "€5" → "five euros", "100 UAH" / "₴100" → "one
// hundred hryvnias", "$10-15 million" → "ten to fifteen million dollars". Used as an
// adjective the currency is singular: "a $61 billion package" → "… billion dollar package".

interface Currency {
  one: string;
  many: string;
  minorOne?: string;
  minorMany?: string;
}

const DOLLAR: Currency = { one: 'dollar', many: 'dollars', minorOne: 'cent', minorMany: 'cents' };
const EURO: Currency = { one: 'euro', many: 'euros', minorOne: 'cent', minorMany: 'cents' };
const POUND: Currency = { one: 'pound', many: 'pounds', minorOne: 'penny', minorMany: 'pence' };
const HRYVNIA: Currency = {
  one: 'hryvnia',
  many: 'hryvnias',
  minorOne: 'kopiyka',
  minorMany: 'kopiykas',
};
const RUBLE: Currency = { one: 'ruble', many: 'rubles', minorOne: 'kopeck', minorMany: 'kopecks' };
const YEN: Currency = { one: 'yen', many: 'yen' };
const YUAN: Currency = { one: 'yuan', many: 'yuan' };
const RUPEE: Currency = { one: 'rupee', many: 'rupees', minorOne: 'paisa', minorMany: 'paise' };
const ZLOTY: Currency = { one: 'zloty', many: 'zlotys', minorOne: 'grosz', minorMany: 'groszy' };
const FRANC: Currency = {
  one: 'swiss franc',
  many: 'swiss francs',
  minorOne: 'centime',
  minorMany: 'centimes',
};

function prefixed(name: string, currency: Currency): Currency {
  return { ...currency, one: `${name} ${currency.one}`, many: `${name} ${currency.many}` };
}

const SYMBOLS: Record<string, Currency> = {
  $: DOLLAR,
  US$: prefixed('u s', DOLLAR),
  C$: prefixed('canadian', DOLLAR),
  A$: prefixed('australian', DOLLAR),
  '€': EURO,
  '£': POUND,
  '₴': HRYVNIA,
  '₽': RUBLE,
  '¥': YEN,
  '₹': RUPEE,
};

const CODES: Record<string, Currency> = {
  USD: DOLLAR,
  EUR: EURO,
  GBP: POUND,
  UAH: HRYVNIA,
  RUB: RUBLE,
  JPY: YEN,
  CNY: YUAN,
  INR: RUPEE,
  PLN: ZLOTY,
  CHF: FRANC,
  CAD: prefixed('canadian', DOLLAR),
  AUD: prefixed('australian', DOLLAR),
};

const SYMBOL = String.raw`US\$|C\$|A\$|\$|€|£|₴|₽|¥|₹`;
const CODE = Object.keys(CODES).join('|');
const AMOUNT = String.raw`(${NUMBER})(?:(${RANGE_JOIN})(?:${SYMBOL})?(${NUMBER}))?${NUMBER_END}(${SCALE})?`;

const SYMBOL_FIRST = new RegExp(
  String.raw`(?<![\p{L}\d])([-\u2212]?)(${SYMBOL})\s?${AMOUNT}`,
  'gu',
);
const CODE_FIRST = new RegExp(String.raw`\b(${CODE})\s?${AMOUNT}`, 'gu');
const CODE_AFTER = new RegExp(
  String.raw`(?<![\p{L}\d.,])${AMOUNT}\s?(${CODE}|zł)(?![\p{L}])`,
  'gu',
);
const CENTS = new RegExp(String.raw`(?<![\p{L}\d.,])(\d+)\s?¢`, 'gu');

/** One amount with its currency, e.g. ("2.50", undefined) → "two dollars and fifty cents". */
function speakAmount(amount: string, currency: Currency): string {
  const plain = amount.replace(/,/g, '');
  const [whole = '0', fraction] = plain.split('.');
  if (fraction !== undefined && fraction.length === 2 && currency.minorMany) {
    const minor = Number(fraction);
    const minorWords = `${spellCardinal(minor)} ${minor === 1 ? currency.minorOne : currency.minorMany}`;
    if (Number(whole) === 0) return minorWords;
    const major = `${spellCardinal(whole)} ${isSingular(whole) ? currency.one : currency.many}`;
    return minor === 0 ? major : `${major} and ${minorWords}`;
  }
  return `${spellNumber(amount)} ${isSingular(amount) ? currency.one : currency.many}`;
}

function speakMoney(
  sign: string,
  groups: (string | undefined)[],
  currency: Currency | undefined,
  attributive = false,
): string | undefined {
  const [amount = '', join, second, scale] = groups;
  if (!currency) return undefined;
  const minus = sign ? 'minus ' : '';
  const scaleWords = scaleWord(scale?.trim());
  const joinWord = join && /through/.test(join) ? 'through' : 'to';
  const name = attributive ? currency.one : currency.many;
  if (second !== undefined) {
    const tail = scaleWords ? `${scaleWords} ${name}` : name;
    return ` ${minus}${spellNumber(amount)} ${joinWord} ${spellNumber(second)} ${tail} `;
  }
  if (scaleWords) return ` ${minus}${spellNumber(amount)} ${scaleWords} ${name} `;
  if (attributive && !amount.includes('.')) return ` ${minus}${spellNumber(amount)} ${name} `;
  return ` ${minus}${speakAmount(amount, currency)} `;
}

export function speakCurrencies(text: string): string {
  let spoken = rewrite(text, SYMBOL_FIRST, (m, { before, after }) =>
    speakMoney(
      m[1] ?? '',
      [m[3], m[4], m[5], m[6]],
      SYMBOLS[m[2] ?? ''],
      isAttributive(before, after, /\b[Aa]n?\s$/),
    ),
  );
  spoken = rewrite(spoken, CODE_FIRST, (m) =>
    speakMoney('', [m[2], m[3], m[4], m[5]], CODES[m[1] ?? '']),
  );
  spoken = rewrite(spoken, CODE_AFTER, (m) =>
    speakMoney('', [m[1], m[2], m[3], m[4]], m[5] === 'zł' ? ZLOTY : CODES[m[5] ?? '']),
  );
  return rewrite(
    spoken,
    CENTS,
    (m) => ` ${spellCardinal(m[1] ?? '')} ${m[1] === '1' ? 'cent' : 'cents'} `,
  );
}
