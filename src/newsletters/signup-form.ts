import { html, type SafeHtml } from '../platform/http/html.js';
import type { PublicNewsletter } from './newsletter-directory.js';

// The signup form: plain HTML that works without JavaScript (POST, 303 to a result page), and
// that `newsletter-signup.js` enhances (inline answers). Ids are derived from `idPrefix`, so
// several forms on one page never share an id.

/** The exact consent wording shown next to the button; stored with every signup. */
export const consentText =
  'By subscribing you agree to receive the selected newsletters by email. We send a confirmation email first; every email has a one-click unsubscribe link. We never share your address.';

export interface SignupFormInput {
  idPrefix: string;
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
  const id = (suffix: string) => `${input.idPrefix}-${suffix}`;
  const emailError = input.error?.field === 'email' ? input.error.message : '';
  const listError = input.error?.field === 'newsletters' ? input.error.message : '';
  const chosen = input.values?.newsletters;
  const single = choices.length === 1 ? choices[0] : undefined;
  return html`<form class="nl-signup" id="${id('form')}" method="post" action="/newsletters/subscribe" data-nl-signup novalidate>
<h2 class="nl-signup__title" id="${id('title')}">${input.title ?? (single ? single.name : 'Newsletters')}</h2>
${single?.description ? html`<p class="nl-signup__lead">${single.description}</p>` : html`<p class="nl-signup__lead">News from the newsroom, in your inbox.</p>`}
<p class="nl-signup__legend" id="${id('legend')}">Fields marked with an asterisk (*) are required.</p>
<input type="hidden" name="location" value="${input.location}">
${
  single
    ? html`<input type="hidden" name="newsletters" value="${single.slug}">`
    : html`<fieldset class="nl-signup__lists"${listError ? html` aria-describedby="${id('newsletters-error')}"` : ''}><legend>Choose newsletters <span aria-hidden="true">*</span></legend>${choices.map(
        (n) =>
          html`<label class="nl-signup__choice"><input type="checkbox" name="newsletters" value="${n.slug}"${(chosen ? chosen.includes(n.slug) : n.signupDefault) ? html` checked` : ''}> ${n.name}</label>`,
      )}<p class="nl-signup__error" id="${id('newsletters-error')}" role="alert"${listError ? '' : html` hidden`}>${listError}</p></fieldset>`
}
<div class="nl-signup__field">
<label for="${id('email')}">Email address <span aria-hidden="true">*</span></label>
<input id="${id('email')}" name="email" type="email" autocomplete="email" required aria-required="true" value="${input.values?.email ?? ''}" aria-describedby="${id('email-error')} ${id('legend')}"${emailError ? html` aria-invalid="true"` : ''}>
<p class="nl-signup__error" id="${id('email-error')}" role="alert"${emailError ? '' : html` hidden`}>${emailError}</p>
</div>
<div class="nl-signup__field">
<label for="${id('name')}">Your name (optional)</label>
<input id="${id('name')}" name="name" type="text" autocomplete="name" maxlength="100" value="${input.values?.name ?? ''}">
</div>
<div class="nl-signup__trap" aria-hidden="true"><label for="${id('website')}">Leave this field empty</label><input id="${id('website')}" name="website" type="text" tabindex="-1" autocomplete="off"></div>
<p class="nl-signup__consent">${consentText}</p>
<button type="submit">Subscribe</button>
<p class="nl-signup__status" role="status" aria-live="polite"></p>
</form>${input.scriptPath ? html`<script src="${input.scriptPath}" defer></script>` : ''}`;
}
