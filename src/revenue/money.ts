// Money as integer minor units (cents) with an ISO 4217 currency. Parsing what a reader
// typed, and formatting for a locale with Intl.NumberFormat.

const knownCurrencies = new Set<string>(
  typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('currency') : [],
);

/** True for an upper-case ISO 4217 code this runtime knows (USD, EUR, UAH, GBP, JPY …). */
export function isKnownCurrency(code: string): boolean {
  return /^[A-Z]{3}$/.test(code) && (knownCurrencies.size === 0 || knownCurrencies.has(code));
}

// Intl.NumberFormat is costly to build (tens of microseconds) and amounts are formatted on
// every page that shows a support prompt, so each (locale, currency, fraction) formatter is
// built once per process. Locales and currencies come from a short configured list.
const digitsByCurrency = new Map<string, number>();
const formatters = new Map<string, Intl.NumberFormat>();

/** Digits after the decimal point for the currency: 2 for USD, 0 for JPY. */
export function minorDigits(currency: string): number {
  let digits = digitsByCurrency.get(currency);
  if (digits === undefined) {
    digits =
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
        .maximumFractionDigits ?? 2;
    digitsByCurrency.set(currency, digits);
  }
  return digits;
}

function formatterFor(locale: string, currency: string, digits: number, whole: boolean) {
  const key = `${locale}|${currency}|${whole ? 0 : digits}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      minimumFractionDigits: whole ? 0 : digits,
      maximumFractionDigits: digits,
    });
    formatters.set(key, formatter);
  }
  return formatter;
}

/** Formats minor units for people: formatMoney(150, 'USD', 'en') → "$1.50"; whole amounts drop ".00". */
export function formatMoney(minor: number, currency: string, locale = 'en'): string {
  const digits = minorDigits(currency);
  const major = minor / 10 ** digits;
  return formatterFor(locale, currency, digits, Number.isInteger(major)).format(major);
}

export type AmountResult = { ok: true; minor: number } | { ok: false; message: string };

/**
 * Parses an amount a reader typed in major units ("1", "1.50", "1,50", "$ 5") into minor
 * units, checked against [minimum, maximum] (minor units). Messages are for people.
 */
export function parseAmount(
  input: unknown,
  currency: string,
  limits: { minimum: number; maximum: number },
  locale = 'en',
): AmountResult {
  if (typeof input !== 'string' && typeof input !== 'number') {
    return { ok: false, message: 'Enter an amount.' };
  }
  const raw = String(input)
    .trim()
    .replace(/^[\p{Sc}\s]+|[\p{Sc}\s]+$/gu, '')
    .replace(/[\s\u00a0\u202f]/g, '');
  if (raw === '') return { ok: false, message: 'Enter an amount.' };
  if (/^[-−]/.test(raw) || /^-/.test(String(input).trim())) {
    return { ok: false, message: 'The amount cannot be negative.' };
  }
  const digits = minorDigits(currency);
  const match = /^(\d{1,12})(?:[.,](\d+))?$/.exec(raw);
  if (!match) {
    return { ok: false, message: 'Enter the amount as a number, for example 5 or 12.50.' };
  }
  const fraction = match[2] ?? '';
  if (fraction.length > digits) {
    return {
      ok: false,
      message:
        digits === 0
          ? `${currency} amounts are whole numbers.`
          : `Use at most ${digits} digits after the decimal point.`,
    };
  }
  const minor = Number(match[1]) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
  if (!Number.isSafeInteger(minor)) return { ok: false, message: 'That amount is too large.' };
  if (minor < limits.minimum) {
    return {
      ok: false,
      message: `The smallest amount is ${formatMoney(limits.minimum, currency, locale)}.`,
    };
  }
  if (minor > limits.maximum) {
    return {
      ok: false,
      message: `The largest amount we accept online is ${formatMoney(limits.maximum, currency, locale)}.`,
    };
  }
  return { ok: true, minor };
}

/**
 * The fee to add so that the newsroom receives `amount` after the processor takes
 * `percent` % + `fixed`: total = ceil((amount + fixed) / (1 − percent/100)).
 */
export function processingFee(amount: number, fee: { percent: number; fixed: number }): number {
  const total = Math.ceil((amount + fee.fixed) / (1 - fee.percent / 100));
  return Math.max(0, total - amount);
}
