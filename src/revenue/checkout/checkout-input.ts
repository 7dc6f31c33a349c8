import { checkEmailAddress } from '../../newsletters/email-address.js';
import type { MessageKey } from '../../site/i18n/messages.en.js';
import type { MessageParams } from '../../site/i18n/message-format.js';
import { formatMoney, parseAmount, processingFee } from '../money.js';
import { findTier, type Offers } from '../offers.js';
import type { BillingInterval, RevenueKind } from '../revenue.table.js';

// Reads a support form (urlencoded or JSON) against the offers: the price of a membership
// comes from the offers, never from the client; a donation's amount is what the reader typed,
// within the offers' minimum and maximum. Messages are catalog keys for the reader's language.

/** Where a checkout began: a prompt's placement, the access wall, or a soft wall. */
export const promptPlacements = [
  'inline',
  'after-body',
  'banner',
  'support-page',
  'wall',
  'registration-wall',
  'donation-wall',
] as const;

export type CheckoutField = 'kind' | 'amount' | 'tier' | 'interval' | 'currency' | 'email';

export interface CheckoutInput {
  kind: RevenueKind;
  tierId: string;
  tierName: string;
  interval: BillingInterval | null;
  /** What the reader gives, before the fee. */
  baseAmount: number;
  feeAmount: number;
  currency: string;
  email: string;
  articleId: number | null;
  prompt: string;
  page: string;
}

export interface CheckoutProblem {
  field: CheckoutField;
  key: MessageKey;
  params?: MessageParams;
}

export type CheckoutParse =
  { ok: true; input: CheckoutInput } | { ok: false; problem: CheckoutProblem };

/** The form fields as typed, kept for the error page. */
export type CheckoutForm = Record<string, string>;

/** parseAmount's English sentences → catalog keys (the checks themselves stay in money.ts). */
function amountProblem(
  message: string,
  currency: string,
  limits: { minimum: number; maximum: number },
  locale: string,
): CheckoutProblem {
  const at = (key: MessageKey, params?: MessageParams): CheckoutProblem => ({
    field: 'amount',
    key,
    ...(params ? { params } : {}),
  });
  if (/negative/.test(message)) return at('revenue.amount.negative');
  if (/as a number/.test(message)) return at('revenue.amount.notNumber');
  if (/whole numbers/.test(message)) return at('revenue.amount.wholeNumbers', { currency });
  if (/digits after/.test(message)) {
    const digits = /at most (\d+)/.exec(message)?.[1] ?? '2';
    return at('revenue.amount.digits', { digits });
  }
  if (/too large/.test(message)) return at('revenue.amount.tooLarge');
  if (/smallest/.test(message))
    return at('revenue.amount.minimum', { amount: formatMoney(limits.minimum, currency, locale) });
  if (/largest/.test(message))
    return at('revenue.amount.maximum', { amount: formatMoney(limits.maximum, currency, locale) });
  return at('revenue.amount.missing');
}

function attributionPage(value: string): string {
  return value.startsWith('/') &&
    !value.startsWith('//') &&
    !value.includes('\\') &&
    value.length <= 300
    ? value
    : '';
}

/** Validates the form against the offers. `locale` is an Intl locale for amounts in messages. */
export function parseCheckoutForm(
  form: CheckoutForm,
  offers: Offers,
  locale: string,
): CheckoutParse {
  const fail = (field: CheckoutField, key: MessageKey, params?: MessageParams): CheckoutParse => ({
    ok: false,
    problem: { field, key, ...(params ? { params } : {}) },
  });
  const kind = form.kind ?? '';
  if (kind !== 'donation' && kind !== 'recurring_donation' && kind !== 'membership')
    return fail('kind', 'revenue.checkout.kind');
  const currency = offers.currency;
  const given = (form.currency ?? '').trim().toUpperCase();
  if (given !== '' && given !== currency)
    return fail('currency', 'revenue.checkout.currency', { currency });
  let baseAmount: number;
  let tierId = '';
  let tierName = '';
  let interval: BillingInterval | null = null;
  if (kind === 'membership') {
    const tier = findTier(offers, (form.tier ?? '').trim());
    if (!tier) return fail('tier', 'revenue.checkout.tier');
    if (form.interval !== 'month' && form.interval !== 'year')
      return fail('interval', 'revenue.checkout.interval');
    interval = form.interval;
    tierId = tier.id;
    tierName = tier.name;
    baseAmount = interval === 'month' ? tier.monthly : tier.yearly;
  } else {
    const enabled =
      kind === 'donation' ? offers.donation.enabled : offers.recurringDonation.enabled;
    if (!enabled) return fail('kind', 'revenue.checkout.unavailable');
    const limits = { minimum: offers.donation.minimum, maximum: offers.donation.maximum };
    // "Other amount" (amount_custom) wins over a preset radio (amount) when it is filled in,
    // so the form works without JavaScript too.
    const custom = (form.amount_custom ?? '').trim();
    const parsed = parseAmount(
      custom !== '' ? custom : (form.amount ?? ''),
      currency,
      limits,
      locale,
    );
    if (!parsed.ok)
      return { ok: false, problem: amountProblem(parsed.message, currency, limits, locale) };
    baseAmount = parsed.minor;
    if (kind === 'recurring_donation') interval = 'month';
  }
  const email = (form.email ?? '').trim();
  let normalized = '';
  if (email !== '') {
    const checked = checkEmailAddress(email);
    if (!checked.ok) return fail('email', 'revenue.checkout.email');
    normalized = checked.address;
  }
  const feeAmount =
    form.cover_fee === '1' && offers.coverFee.enabled
      ? processingFee(baseAmount, offers.coverFee)
      : 0;
  const article = /^[1-9]\d{0,9}$/.test(form.article_id ?? '') ? Number(form.article_id) : null;
  const prompt = (promptPlacements as readonly string[]).includes(form.prompt ?? '')
    ? (form.prompt ?? '')
    : '';
  return {
    ok: true,
    input: {
      kind,
      tierId,
      tierName,
      interval,
      baseAmount,
      feeAmount,
      currency,
      email: normalized,
      articleId: article,
      prompt,
      page: attributionPage(form.page ?? ''),
    },
  };
}
