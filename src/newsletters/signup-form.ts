import { html, type SafeHtml } from '../platform/http/html.js';
import { type Locale, translate, translator } from '../site/i18n/translate.js';
import type { PublicNewsletter } from './newsletter-directory.js';

// The signup form: plain HTML that works without JavaScript (POST, 303 to a result page), and
// that `newsletter-signup.js` enhances (inline answers). Ids are derived from `idPrefix`, so
// several forms on one page never share an id.

/** The exact consent wording shown next to the button in `locale`; stored with every signup. */
export function consentTextFor(locale: Locale): string {
  return translate(locale, 'newsletters.form.consent');
}

export interface SignupFormInput {
  idPrefix: string;
  /** The page's language: the form's words, and the language its answers come back in. */
  locale: Locale;
  /** Where the form is (recorded with the consent): a slot name or a path. */
  location: string;
  newsletters: readonly PublicNewsletter[];
  /** Restrict to these slugs (e.g. one newsletter's own form). */
  only?: string[];
  title?: string;
  /** Re-rendering after an error (no-JS path). */
  values?: { email?: string; name?: string; newsletters?: string[] };
  error?: { field: 'email' | 'newsletters'; message: string };
  scriptPath?: string;
}

/** The form's markup, every value escaped. Undefined when there is nothing to subscribe to. */
export function renderSignupForm(input: SignupFormInput): SafeHtml | undefined {
  const choices = input.only
    ? input.newsletters.filter((n) => input.only?.includes(n.slug))
    : input.newsletters;
  if (choices.length === 0) return undefined;
  const t = translator(input.locale);
  const id = (suffix: string) => `${input.idPrefix}-${suffix}`;
  const emailError = input.error?.field === 'email' ? input.error.message : '';
  const listError = input.error?.field === 'newsletters' ? input.error.message : '';
  const chosen = input.values?.newsletters;
  const single = choices.length === 1 ? choices[0] : undefined;
  return html`<form class="nl-signup" id="${id('form')}" method="post" action="/newsletters/subscribe" data-nl-signup novalidate data-sending="${t('newsletters.form.sending')}" data-thanks="${t('newsletters.form.thanks')}" data-failed="${t('newsletters.form.failed')}" data-offline="${t('newsletters.form.offline')}">
<h2 class="nl-signup__title" id="${id('title')}">${input.title ?? (single ? single.name : t('newsletters.title'))}</h2>
${single?.description ? html`<p class="nl-signup__lead">${single.description}</p>` : html`<p class="nl-signup__lead">${t('newsletters.form.lead')}</p>`}
<p class="nl-signup__legend" id="${id('legend')}">${t('newsletters.form.legend')}</p>
<input type="hidden" name="location" value="${input.location}">
<input type="hidden" name="language" value="${input.locale}">
${
  single
    ? html`<input type="hidden" name="newsletters" value="${single.slug}">`
    : html`<fieldset class="nl-signup__lists"${listError ? html` aria-describedby="${id('newsletters-error')}"` : ''}><legend>${t('newsletters.form.choose')} <span aria-hidden="true">*</span></legend>${choices.map(
        (n) =>
          html`<label class="nl-signup__choice"><input type="checkbox" name="newsletters" value="${n.slug}"${(chosen ? chosen.includes(n.slug) : n.signupDefault) ? html` checked` : ''}> ${n.name}</label>`,
      )}<p class="nl-signup__error" id="${id('newsletters-error')}" role="alert"${listError ? '' : html` hidden`}>${listError}</p></fieldset>`
}
<div class="nl-signup__field">
<label for="${id('email')}">${t('newsletters.form.email')} <span aria-hidden="true">*</span></label>
<input id="${id('email')}" name="email" type="email" autocomplete="email" required aria-required="true" value="${input.values?.email ?? ''}" aria-describedby="${id('email-error')} ${id('legend')}"${emailError ? html` aria-invalid="true"` : ''}>
<p class="nl-signup__error" id="${id('email-error')}" role="alert"${emailError ? '' : html` hidden`}>${emailError}</p>
</div>
<div class="nl-signup__field">
<label for="${id('name')}">${t('newsletters.form.name')}</label>
<input id="${id('name')}" name="name" type="text" autocomplete="name" maxlength="100" value="${input.values?.name ?? ''}">
</div>
<div class="nl-signup__trap" aria-hidden="true"><label for="${id('website')}">${t('newsletters.form.trap')}</label><input id="${id('website')}" name="website" type="text" tabindex="-1" autocomplete="off"></div>
<p class="nl-signup__consent">${consentTextFor(input.locale)}</p>
<button type="submit">${t('newsletters.form.submit')}</button>
<p class="nl-signup__status" role="status" aria-live="polite"></p>
</form>${input.scriptPath ? html`<script src="${input.scriptPath}" defer></script>` : ''}`;
}
