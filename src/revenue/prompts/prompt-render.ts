import { html, type SafeHtml } from '../../platform/http/html.js';
import type { MessageKey } from '../../site/i18n/messages.en.js';
import { intlLocale, type Locale, localeFor, translator } from '../../site/i18n/translate.js';
import { formatMoney } from '../money.js';
import type { Offers } from '../offers.js';
import { renderCardMarks } from './card-marks.js';
import type { PromptSettings } from './prompt-settings.js';
import { amountChoices } from './amount-choices.js';

// The support prompts' markup. The "other amount" field has no name and is revealed by the
// script, which sends it as `amount`: one control per name keeps the form valid HTML, and a
// reader without JavaScript who picks no preset gets the checkout's own amount field.
// Every page gets the same bytes (cacheable); who sees which
// prompt is decided in the browser (the gate script below and support-prompts.js). Readers
// without JavaScript see every enabled prompt.

/** Where a prompt was shown, as sent to the checkout for attribution. */
export type PromptAttribution =
  'inline' | 'after-body' | 'banner' | 'support-page' | 'registration-wall' | 'donation-wall';

export interface PromptContext {
  language: string;
  articleId?: number | undefined;
  /** The page's path, e.g. "/some-story/". */
  path?: string | undefined;
}

export interface Texts {
  t: ReturnType<typeof translator>;
  locale: Locale;
  intl: string;
  minimum: string;
}

/** The page language's translator and the smallest donation, formatted. */
export function textsFor(offers: Offers, language: string): Texts {
  const locale = localeFor(language);
  const intl = intlLocale(locale);
  return {
    t: translator(locale),
    locale,
    intl,
    minimum: formatMoney(offers.donation.minimum, offers.currency, intl),
  };
}

/** An editor's text, or the catalog's; `{minimum}` becomes the smallest donation. */
export function pick(texts: Texts, custom: string, key: MessageKey): string {
  if (custom === '') return texts.t(key, { minimum: texts.minimum });
  return custom.replaceAll('{minimum}', texts.minimum);
}

/** The /support/ page link carrying the prompt's attribution. */
export function supportHref(
  context: PromptContext,
  prompt: PromptAttribution,
  anchor: 'membership' | 'donate',
): string {
  const query = new URLSearchParams({ prompt });
  if (context.articleId !== undefined) query.set('article_id', String(context.articleId));
  if (context.path) query.set('page', context.path);
  return `/support/?${query.toString()}#${anchor}`;
}

function actions(
  texts: Texts,
  context: PromptContext,
  prompt: PromptAttribution,
  labels: { memberLabel: string; donateLabel: string },
): SafeHtml {
  return html`<p class="support-prompt__actions"><a class="support-button support-button--primary" href="${supportHref(context, prompt, 'membership')}">${pick(texts, labels.memberLabel, 'support.member')}</a> <a class="support-button" href="${supportHref(context, prompt, 'donate')}">${pick(texts, labels.donateLabel, 'support.donate')}</a></p>`;
}

/** The prompt inside the article body (after paragraph N). */
export function renderInlinePrompt(
  settings: PromptSettings,
  offers: Offers,
  context: PromptContext,
): SafeHtml | undefined {
  const inline = settings.inline;
  if (!inline.enabled) return undefined;
  const texts = textsFor(offers, context.language);
  return html`<aside class="support-prompt support-prompt--inline" data-support-prompt="inline" aria-labelledby="support-inline-title">
<h2 class="support-prompt__title" id="support-inline-title">${pick(texts, inline.heading, 'support.inline.heading')}</h2>
<p>${pick(texts, inline.text, 'support.inline.text')}</p>
${actions(texts, context, 'inline', inline)}
</aside>`;
}

/** The small one-time donation form of the after-body prompt (posts to the checkout). */
function renderCompactDonationForm(
  texts: Texts,
  offers: Offers,
  context: PromptContext,
  submitLabel: string,
): SafeHtml {
  const { t, intl } = texts;
  const id = 'support-after';
  return html`<form class="support-form support-form--compact" method="post" action="/support/checkout" data-support-form data-sending="${t('support.sending')}" data-failed="${t('support.error')}">
<input type="hidden" name="kind" value="donation">
<input type="hidden" name="prompt" value="after-body">
${context.articleId !== undefined ? html`<input type="hidden" name="article_id" value="${context.articleId}">` : ''}
${context.path ? html`<input type="hidden" name="page" value="${context.path}">` : ''}
${amountChoices(t, offers, intl, id, offers.donation.presets)}
<p class="support-form__submit"><button type="submit" class="support-button support-button--primary">${submitLabel}</button></p>
<p class="support-form__error" data-error-for="_" aria-live="polite"></p>
</form>`;
}

/** The prompt after the article body: the minimum amount, a donation form, card marks. */
export function renderAfterBodyPrompt(
  settings: PromptSettings,
  offers: Offers,
  context: PromptContext,
): SafeHtml | undefined {
  const after = settings.afterBody;
  if (!after.enabled) return undefined;
  const texts = textsFor(offers, context.language);
  const donateLabel = pick(texts, after.donateLabel, 'support.donate');
  const withForm = after.donationForm && offers.donation.enabled;
  return html`<section class="support-prompt support-prompt--after" data-support-prompt="afterBody" aria-labelledby="support-after-title">
<h2 class="support-prompt__title" id="support-after-title">${pick(texts, after.heading, 'support.afterBody.heading')}</h2>
<p>${pick(texts, after.text, 'support.afterBody.text')}</p>
${
  withForm
    ? html`${renderCompactDonationForm(texts, offers, context, donateLabel)}
<p class="support-prompt__actions"><a class="support-button" href="${supportHref(context, 'after-body', 'membership')}">${pick(texts, after.memberLabel, 'support.member')}</a></p>`
    : actions(texts, context, 'after-body', after)
}
${after.cardMarks ? renderCardMarks(texts.t('support.cards')) : ''}
</section>`;
}

/** The banner below the masthead (in the page flow: it never covers what has focus). */
export function renderBanner(
  settings: PromptSettings,
  offers: Offers,
  context: PromptContext,
): SafeHtml | undefined {
  const banner = settings.banner;
  if (!banner.enabled) return undefined;
  const texts = textsFor(offers, context.language);
  return html`<aside class="support-banner" data-support-prompt="banner" aria-label="${texts.t('support.banner.label')}">
<div class="wrap support-banner__inner">
<p class="support-banner__text">${pick(texts, banner.text, 'support.banner.text')}</p>
${actions(texts, context, 'banner', banner)}
<button type="button" class="support-banner__dismiss" data-support-dismiss hidden>${texts.t('support.banner.dismiss')}</button>
</div>
</aside>`;
}
