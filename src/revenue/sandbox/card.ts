import { checkEmailAddress } from '../../newsletters/email-address.js';
import type { MessageKey } from '../../site/i18n/messages.en.js';

// The sandbox's test cards, checked like a card processor would (in the sandbox only: real
// card data never reaches Masthead, Stripe Checkout collects it on Stripe's pages).

export const declinedTestCard = '4000000000000002';

export type CardField = 'email' | 'name' | 'number' | 'expiry' | 'cvc';
export type CardValues = Record<CardField, string>;
export type CardErrors = Partial<Record<CardField, MessageKey>>;

export type CardCheck =
  | { ok: true; email: string; name: string; last4: string }
  | { ok: false; errors: CardErrors; declined: boolean };

/** Luhn checksum over a digit string. */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return digits.length >= 12 && sum % 10 === 0;
}

/** True when MM/YY (or MM/YYYY) is this month or later; undefined when unreadable. */
export function expiryInFuture(value: string, now: Date): boolean | undefined {
  const match = /^(\d{1,2})\s*\/\s*(\d{2}|\d{4})$/.exec(value.trim());
  if (!match) return undefined;
  const month = Number(match[1]);
  const year = match[2]?.length === 2 ? 2000 + Number(match[2]) : Number(match[2]);
  if (month < 1 || month > 12) return undefined;
  return year * 12 + month >= now.getUTCFullYear() * 12 + now.getUTCMonth() + 1;
}

/** Checks the sandbox checkout form; `requireEmail` is false on an invoice's own page. */
export function checkCard(values: CardValues, now: Date, requireEmail = true): CardCheck {
  const errors: CardErrors = {};
  const email = checkEmailAddress(values.email);
  if (requireEmail && !email.ok) errors.email = 'revenue.card.emailInvalid';
  if (values.name.trim() === '') errors.name = 'revenue.card.nameMissing';
  const number = values.number.replace(/[\s-]/g, '');
  if (!/^\d{12,19}$/.test(number) || !passesLuhn(number))
    errors.number = 'revenue.card.invalidNumber';
  const future = expiryInFuture(values.expiry, now);
  if (future === undefined) errors.expiry = 'revenue.card.expiryFormat';
  else if (!future) errors.expiry = 'revenue.card.expired';
  if (!/^\d{3,4}$/.test(values.cvc.trim())) errors.cvc = 'revenue.card.cvcInvalid';
  if (Object.keys(errors).length > 0) return { ok: false, errors, declined: false };
  if (number === declinedTestCard)
    return { ok: false, errors: { number: 'revenue.card.declined' }, declined: true };
  return {
    ok: true,
    email: email.ok ? email.address : '',
    name: values.name.trim().slice(0, 100),
    last4: number.slice(-4),
  };
}
