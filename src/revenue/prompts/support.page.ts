import { html, type SafeHtml } from '../../platform/http/html.js';
import type { SiteSettings } from '../../platform/settings/site-settings.js';
import { intlLocale, localeFor, translator } from '../../site/i18n/translate.js';
import { renderLayout } from '../../site/layout.js';
import { formatMoney, minorDigits } from '../money.js';
import type { Offers } from '../offers.js';
import { renderCardMarks } from './card-marks.js';
import { amountChoices, errorRegion, majorAmount } from './amount-choices.js';

// The /support/ page: every enabled offer, each a plain form posting to /support/checkout
// (works without JavaScript); support-prompts.js posts them as JSON and shows errors by field.
// The page depends only on the URL (attribution and ?canceled=1), so it is cached publicly.

export interface SupportAttribution {
  prompt: string;
  articleId?: number | undefined;
  page?: string | undefined;
}

export interface SupportPageInput {
  settings: SiteSettings;
  baseUrl: string;
  offers: Offers;
  attribution: SupportAttribution;
  canceled: boolean;
}

type T = ReturnType<typeof translator>;

function hiddenFields(kind: string, attribution: SupportAttribution): SafeHtml {
  return html`<input type="hidden" name="kind" value="${kind}">
<input type="hidden" name="prompt" value="${attribution.prompt}">
${attribution.articleId !== undefined ? html`<input type="hidden" name="article_id" value="${attribution.articleId}">` : ''}
${attribution.page ? html`<input type="hidden" name="page" value="${attribution.page}">` : ''}`;
}

function commonFields(t: T, offers: Offers, intl: string, id: string): SafeHtml {
  const { coverFee, currency } = offers;
  const percent = new Intl.NumberFormat(intl, { maximumFractionDigits: 2 }).format(
    coverFee.percent,
  );
  return html`${
    coverFee.enabled
      ? html`<p class="support-form__check"><input type="checkbox" id="${id}-fee" name="cover_fee" value="1" aria-describedby="${id}-fee-amount"> <label for="${id}-fee">${t(
          'support.coverFee',
          { percent, fixed: formatMoney(coverFee.fixed, currency, intl) },
        )}</label> <span class="support-form__hint" id="${id}-fee-amount" data-fee-output data-template="${t('support.coverFeeAmount', { fee: '{fee}', total: '{total}' })}" aria-live="polite"></span></p>`
      : ''
  }
<p class="support-form__field"><label for="${id}-email">${t('support.email')}</label>
<input type="email" id="${id}-email" name="email" autocomplete="email" maxlength="254" aria-describedby="${id}-email-hint ${id}-email-error">
<span class="support-form__hint" id="${id}-email-hint">${t('support.emailHint')}</span>
${errorRegion(`${id}-email-error`, 'email')}</p>`;
}

function formOpen(t: T, offers: Offers, intl: string): SafeHtml {
  return html`<form class="support-form" method="post" action="/support/checkout" data-support-form data-currency="${offers.currency}" data-digits="${minorDigits(offers.currency)}" data-locale="${intl}" data-fee-percent="${offers.coverFee.percent}" data-fee-fixed="${offers.coverFee.fixed}" data-sending="${t('support.sending')}" data-failed="${t('support.error')}">`;
}

function membershipSection(t: T, input: SupportPageInput, intl: string): SafeHtml {
  const { offers } = input;
  const tiers = offers.tiers.filter((tier) => tier.enabled);
  if (tiers.length === 0) return html``;
  const money = (minor: number) => formatMoney(minor, offers.currency, intl);
  return html`<section class="support-offer" id="membership" aria-labelledby="membership-title">
<h2 id="membership-title">${t('support.membership.title')}</h2>
<p>${t('support.membership.intro')}</p>
${formOpen(t, offers, intl)}
${hiddenFields('membership', input.attribution)}
<fieldset class="support-form__interval">
<legend>${t('support.membership.billing')}</legend>
<label class="amount-choice"><input type="radio" name="interval" value="month" checked> <span>${t('support.membership.monthly')}</span></label>
<label class="amount-choice"><input type="radio" name="interval" value="year"> <span>${t('support.membership.yearly')}</span></label>
</fieldset>
<fieldset class="support-form__tiers">
<legend>${t('support.membership.title')}</legend>
${tiers.map(
  (tier, index) =>
    html`<label class="tier-choice"><input type="radio" name="tier" value="${tier.id}" data-month="${majorAmount(tier.monthly, offers.currency)}" data-year="${majorAmount(tier.yearly, offers.currency)}"${index === 0 ? html` checked` : ''}> <span class="tier-choice__name">${tier.name}</span> <span class="tier-choice__price"><span data-interval="month">${t('support.membership.perMonth', { amount: money(tier.monthly) })}</span> <span data-interval="year">${t('support.membership.perYear', { amount: money(tier.yearly) })}</span></span>${tier.description ? html` <span class="tier-choice__description">${tier.description}</span>` : ''}</label>`,
)}
${errorRegion('membership-tier-error', 'tier')}
</fieldset>
${commonFields(t, offers, intl, 'membership')}
<p class="support-form__submit"><button type="submit" class="support-button support-button--primary">${t('support.member')}</button></p>
<p class="support-form__error" data-error-for="_" aria-live="polite"></p>
</form>
</section>`;
}

function donationSection(t: T, input: SupportPageInput, intl: string): SafeHtml {
  const { offers } = input;
  if (!offers.donation.enabled) return html``;
  return html`<section class="support-offer" id="donate" aria-labelledby="donate-title">
<h2 id="donate-title">${t('support.donation.title')}</h2>
<p>${t('support.donation.intro', { minimum: formatMoney(offers.donation.minimum, offers.currency, intl) })}</p>
${formOpen(t, offers, intl)}
${hiddenFields('donation', input.attribution)}
${amountChoices(t, offers, intl, 'donate', offers.donation.presets)}
${commonFields(t, offers, intl, 'donate')}
<p class="support-form__submit"><button type="submit" class="support-button support-button--primary">${t('support.donation.submit')}</button></p>
<p class="support-form__error" data-error-for="_" aria-live="polite"></p>
</form>
</section>`;
}

function recurringSection(t: T, input: SupportPageInput, intl: string): SafeHtml {
  const { offers } = input;
  if (!offers.recurringDonation.enabled) return html``;
  return html`<section class="support-offer" id="monthly" aria-labelledby="monthly-title">
<h2 id="monthly-title">${t('support.recurring.title')}</h2>
<p>${t('support.recurring.intro')}</p>
${formOpen(t, offers, intl)}
${hiddenFields('recurring_donation', input.attribution)}
${amountChoices(t, offers, intl, 'monthly', offers.recurringDonation.presets)}
${commonFields(t, offers, intl, 'monthly')}
<p class="support-form__submit"><button type="submit" class="support-button support-button--primary">${t('support.recurring.submit')}</button></p>
<p class="support-form__error" data-error-for="_" aria-live="polite"></p>
</form>
</section>`;
}

/** The whole /support/ page. */
export function renderSupportPage(input: SupportPageInput): string {
  const locale = localeFor(input.settings.language);
  const intl = intlLocale(locale);
  const t = translator(locale);
  const body = html`<div class="support-page">
<h1 class="support-page__title">${t('support.page.title')}</h1>
<p class="support-page__intro">${t('support.page.intro')}</p>
${input.canceled ? html`<p class="support-note" role="status">${t('support.page.canceled')}</p>` : ''}
<div class="support-page__offers">
${membershipSection(t, input, intl)}
${donationSection(t, input, intl)}
${recurringSection(t, input, intl)}
</div>
${renderCardMarks(t('support.cards'))}
<p class="support-page__secure">${t('support.secure')}</p>
</div>`;
  return renderLayout({
    settings: input.settings,
    baseUrl: input.baseUrl,
    title: t('support.page.title'),
    description: t('support.page.intro'),
    canonicalPath: '/support/',
    currentPath: '/support/',
    lang: input.settings.language,
    locale,
    body,
  });
}
