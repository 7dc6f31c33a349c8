import { html, type SafeHtml } from '../../platform/http/html.js';
import type { Offers } from '../offers.js';
import { pick, type PromptContext, supportHref, textsFor } from './prompt-render.js';
import type { PromptSettings } from './prompt-settings.js';
import { wallScript } from './prompt-script.js';

// The soft walls' markup (ADR 0026, "soft walls"): the same bytes for every reader of a public
// article, `hidden`, so a reader without JavaScript reads on and the page stays cacheable.
// support-walls.js decides in the browser, from what this browser read, whether one shows; it
// then moves it into the body after the wall's `afterParagraph` paragraphs (a setting, 2 by
// default) and hides the rest (the rest is still in the page: a soft wall). Links carry the
// wall's attribution.

/** The registration wall: register free (the members' sign-in link makes the account). */
export function renderRegistrationWall(
  settings: PromptSettings,
  offers: Offers,
  context: PromptContext,
): SafeHtml | undefined {
  const wall = settings.registrationWall;
  if (!wall.enabled) return undefined;
  const texts = textsFor(offers, context.language);
  const next = context.path ? `next=${encodeURIComponent(context.path)}` : '';
  const register = new URLSearchParams(next);
  register.set('prompt', 'registration-wall');
  if (context.articleId !== undefined) register.set('article_id', String(context.articleId));
  return html`<section class="support-prompt" data-support-prompt="registration-wall" data-after-articles="${wall.afterArticles}" data-max-views="${wall.maxViewsPerWeek}" data-after-paragraph="${wall.afterParagraph}" aria-labelledby="support-registration-wall-title" hidden>
<h2 class="support-prompt__title" id="support-registration-wall-title" tabindex="-1">${pick(texts, wall.heading, 'support.registrationWall.heading')}</h2>
<p>${pick(texts, wall.text, 'support.registrationWall.text')}</p>
<p class="support-prompt__actions"><a class="support-button support-button--primary" href="/account/sign-in?${register.toString()}">${pick(texts, wall.registerLabel, 'support.registrationWall.register')}</a> <a class="support-button" href="/account/sign-in${next ? `?${next}` : ''}">${pick(texts, wall.signInLabel, 'support.registrationWall.signIn')}</a></p>
</section>`;
}

/** The donation wall: give, join, or "Continue reading" (remembered for `dismissDays`). */
export function renderDonationWall(
  settings: PromptSettings,
  offers: Offers,
  context: PromptContext,
): SafeHtml | undefined {
  const wall = settings.donationWall;
  if (!wall.enabled) return undefined;
  const texts = textsFor(offers, context.language);
  return html`<section class="support-prompt" data-support-prompt="donation-wall" data-after-articles="${wall.afterArticles}" data-max-views="${wall.maxViewsPerWeek}" data-dismiss-days="${wall.dismissDays}" data-after-paragraph="${wall.afterParagraph}" aria-labelledby="support-donation-wall-title" hidden>
<h2 class="support-prompt__title" id="support-donation-wall-title" tabindex="-1">${pick(texts, wall.heading, 'support.donationWall.heading')}</h2>
<p>${pick(texts, wall.text, 'support.donationWall.text')}</p>
<p class="support-prompt__actions"><a class="support-button support-button--primary" href="${supportHref(context, 'donation-wall', 'donate')}">${pick(texts, wall.donateLabel, 'support.donationWall.donate')}</a> <a class="support-button" href="${supportHref(context, 'donation-wall', 'membership')}">${pick(texts, wall.memberLabel, 'support.member')}</a> <button type="button" class="support-button" data-wall-continue>${pick(texts, wall.continueLabel, 'support.donationWall.continue')}</button></p>
</section>`;
}

/** Both walls (when enabled) and their script, for the end of a public article. */
export function renderSoftWalls(
  settings: PromptSettings,
  offers: Offers,
  context: PromptContext,
): SafeHtml | undefined {
  const registration = renderRegistrationWall(settings, offers, context);
  const donation = renderDonationWall(settings, offers, context);
  if (!registration && !donation) return undefined;
  return html`${registration ?? ''}${donation ?? ''}<script src="${wallScript().path}" defer></script>`;
}
