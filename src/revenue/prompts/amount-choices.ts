import { html, type SafeHtml } from '../../platform/http/html.js';
import type { translator } from '../../site/i18n/translate.js';
import { formatMoney, minorDigits } from '../money.js';
import type { Offers } from '../offers.js';

// The amount picker shared by the /support/ page and the after-article prompt: preset radios
// (`amount`) and an "Other amount" box (`amount_custom`, which wins when filled in), so the
// forms work with and without JavaScript.

type T = ReturnType<typeof translator>;

/** Minor units as a reader would type them: 500 → "5", 1250 → "12.50" (the checkout's `amount`). */
export function majorAmount(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  if (minor % 10 ** digits === 0) return String(minor / 10 ** digits);
  return (minor / 10 ** digits).toFixed(digits);
}

/** Where the enhanced form writes the server's message for `field`. */
export function errorRegion(id: string, field: string): SafeHtml {
  return html`<span class="support-form__error" id="${id}" data-error-for="${field}" aria-live="polite"></span>`;
}

/** The amount fieldset: presets, the custom amount with its range, the error region. */
export function amountChoices(
  t: T,
  offers: Offers,
  intl: string,
  id: string,
  presets: readonly number[],
): SafeHtml {
  const { currency, donation } = offers;
  return html`<fieldset class="support-form__amounts">
<legend>${t('support.amount')}</legend>
${presets.map(
  (preset) =>
    html`<label class="amount-choice"><input type="radio" name="amount" value="${majorAmount(preset, currency)}"> <span>${formatMoney(preset, currency, intl)}</span></label>`,
)}
${
  donation.allowCustom
    ? html`<span class="support-form__other" data-custom-wrap><label for="${id}-amount">${t('support.otherAmount', { currency })}</label>
<input id="${id}-amount" name="amount_custom" type="text" inputmode="decimal" autocomplete="off" size="8" aria-describedby="${id}-amount-hint ${id}-amount-error" data-custom-amount></span>
<span class="support-form__hint" id="${id}-amount-hint">${t('support.amountRange', {
        minimum: formatMoney(donation.minimum, currency, intl),
        maximum: formatMoney(donation.maximum, currency, intl),
      })}</span>`
    : ''
}
${errorRegion(`${id}-amount-error`, 'amount')}
</fieldset>`;
}
