import { html, type SafeHtml } from '../../platform/http/html.js';
import type { SiteSettings } from '../../platform/settings/site-settings.js';
import { intlLocale, localeFor, translator } from '../../site/i18n/translate.js';
import { renderLayout } from '../../site/layout.js';
import type { Checkout } from '../ledger.repository.js';
import { formatMoney } from '../money.js';
import type { Offers } from '../offers.js';
import type { CheckoutField, CheckoutForm } from './checkout-input.js';

// The pages of the checkout edge: the no-JavaScript error answer (the form again, with the
// message next to the field) and the thank-you page after payment.

export interface CheckoutPageBase {
  settings: SiteSettings;
  baseUrl: string;
}

const styles = html`<style>
.checkout-page{max-width:32rem}
.checkout-page label{display:block;font-weight:600;margin-top:1rem}
.checkout-page input[type=text],.checkout-page input[type=email]{display:block;width:100%;box-sizing:border-box;font:inherit;padding:.5rem;border:1px solid #555;border-radius:4px}
.checkout-page input[aria-invalid=true]{border:2px solid #b00020}
.checkout-page .field-error,.checkout-page .error{color:#b00020;font-weight:600}
.checkout-page button{margin-top:1.25rem;font:inherit;font-weight:700;padding:.6rem 1.2rem;border:0;border-radius:4px;background:var(--accent,#0b57d0);color:#fff;cursor:pointer}
</style>`;

function page(base: CheckoutPageBase, path: string, title: string, body: SafeHtml): string {
  return renderLayout({
    settings: base.settings,
    baseUrl: base.baseUrl,
    title,
    description: title,
    canonicalPath: path,
    lang: base.settings.language,
    noindex: true,
    head: styles,
    currentPath: '/support/',
    body: html`<div class="checkout-page"><h1 class="section-title">${title}</h1>${body}</div>`,
  });
}

const kept = ['kind', 'tier', 'interval', 'article_id', 'prompt', 'page'] as const;

/** The 422 answer without JavaScript: the message by its field, the form kept, a way back. */
export function renderCheckoutError(
  base: CheckoutPageBase,
  input: { form: CheckoutForm; field: CheckoutField; message: string; currency: string },
): string {
  const t = translator(localeFor(base.settings.language));
  const { form, field } = input;
  const withAmount = form.kind === 'donation' || form.kind === 'recurring_donation';
  const error = (name: CheckoutField) =>
    field === name
      ? html`<p class="field-error" id="checkout-${name}-error">${input.message}</p>`
      : '';
  const invalid = (name: CheckoutField) =>
    field === name ? html` aria-invalid="true" aria-describedby="checkout-${name}-error"` : '';
  const fieldShown = field === 'email' || (withAmount && field === 'amount');
  return page(
    base,
    '/support/checkout',
    t('revenue.checkout.errorTitle'),
    html`${fieldShown ? '' : html`<p class="error" role="alert">${input.message}</p>`}
<form method="post" action="/support/checkout" novalidate>
${kept.map((name) => (form[name] ? html`<input type="hidden" name="${name}" value="${form[name]}">` : ''))}
${form.cover_fee === '1' ? html`<input type="hidden" name="cover_fee" value="1">` : ''}
${
  withAmount
    ? html`<label for="checkout-amount">${t('revenue.checkout.amountLabel', { currency: input.currency })}</label>
<input id="checkout-amount" type="text" inputmode="decimal" name="amount" value="${form.amount ?? ''}"${invalid('amount')}>${error('amount')}`
    : ''
}
<label for="checkout-email">${t('revenue.checkout.emailLabel')}</label>
<input id="checkout-email" type="email" name="email" autocomplete="email" value="${form.email ?? ''}"${invalid('email')}>${error('email')}
<button type="submit">${t('revenue.checkout.continue')}</button>
</form>
<p><a href="/support/">${t('revenue.checkout.back')}</a></p>`,
  );
}

/** A short message page (refused, provider down, not found). */
export function renderCheckoutMessage(
  base: CheckoutPageBase,
  title: string,
  message: string,
): string {
  const t = translator(localeFor(base.settings.language));
  return page(
    base,
    '/support/',
    title,
    html`<p>${message}</p><p><a href="/support/">${t('revenue.checkout.back')}</a></p>`,
  );
}

/** The thank-you page: what was paid (or that confirmation is on its way). */
export function renderThankYou(
  base: CheckoutPageBase,
  input: {
    checkout: Checkout;
    offers: Offers;
    paid: boolean;
    email: string;
    receiptUrl: string;
  },
): string {
  const locale = localeFor(base.settings.language);
  const t = translator(locale);
  const { checkout } = input;
  if (!input.paid)
    return page(
      base,
      '/support/thank-you',
      t('revenue.thanks.pendingTitle'),
      html`<p role="status">${t('revenue.thanks.pending')}</p><p><a href="/">${t('revenue.thanks.home')}</a></p>`,
    );
  const amount = formatMoney(checkout.amount, checkout.currency, intlLocale(locale));
  const tier =
    input.offers.tiers.find((candidate) => candidate.id === checkout.tier_id)?.name ??
    checkout.tier_id;
  const what =
    checkout.kind === 'donation'
      ? t('revenue.thanks.donation', { amount })
      : checkout.kind === 'recurring_donation'
        ? t('revenue.thanks.recurring', { amount })
        : checkout.interval === 'year'
          ? t('revenue.thanks.membershipYearly', { tier, amount })
          : t('revenue.thanks.membershipMonthly', { tier, amount });
  return page(
    base,
    '/support/thank-you',
    t('revenue.thanks.title'),
    html`<p role="status"><strong>${what}</strong></p>
<p>${t('revenue.thanks.impact')}</p>
${input.email ? html`<p>${t('revenue.thanks.receiptNote', { email: input.email })}</p>` : ''}
${input.receiptUrl ? html`<p><a href="${input.receiptUrl}">${t('revenue.thanks.receiptLink')}</a></p>` : ''}
<p><a href="/">${t('revenue.thanks.home')}</a></p>`,
  );
}
