import { html, type SafeHtml } from '../../platform/http/html.js';
import type { SiteSettings } from '../../platform/settings/site-settings.js';
import { type Locale, localeFor, translator, type Translate } from '../../site/i18n/translate.js';
import { renderLayout } from '../../site/layout.js';
import { accountStyles } from './account-styles.js';
import type { SignupAttribution } from './member-signup.repository.js';

// The reader-account pages that carry no personal data: sign in, "check your inbox", the
// button behind an emailed link, and short messages. All are personal or one-off, so they
// are never cached or indexed (the routes send Cache-Control: no-store, private).

export interface MemberPageBase {
  settings: SiteSettings;
  baseUrl: string;
}

export function pageLocale(settings: SiteSettings): { locale: Locale; t: Translate } {
  const locale = localeFor(settings.language);
  return { locale, t: translator(locale) };
}

/** A page in the site layout under /account/. */
export function memberPage(
  base: MemberPageBase,
  path: string,
  title: string,
  body: SafeHtml,
): string {
  const { locale } = pageLocale(base.settings);
  return renderLayout({
    settings: base.settings,
    baseUrl: base.baseUrl,
    title,
    description: `${title} — ${base.settings.name}`,
    canonicalPath: path,
    lang: base.settings.language,
    locale,
    noindex: true,
    currentPath: '/account/',
    body: html`<div class="account">${body}</div>`,
    head: html`<link rel="stylesheet" href="${accountStyles().path}">`,
  });
}

/** The sign-in form (optionally with the address typed and an error). */
export function renderSignInPage(
  base: MemberPageBase,
  input: { email?: string; error?: string; next?: string; attribution?: SignupAttribution } = {},
): string {
  const { t } = pageLocale(base.settings);
  const title = t('members.signIn.title');
  const from = input.attribution;
  const describedBy = input.error ? 'sign-in-email-error' : undefined;
  return memberPage(
    base,
    '/account/sign-in',
    title,
    html`<h1 class="section-title">${title}</h1>
<p>${t('members.signIn.intro')}</p>
<form class="account-form" method="post" action="/account/sign-in" novalidate>
${
  input.error
    ? html`<div class="account-error" role="alert"><p>${t('members.signIn.errorSummary')}</p><p id="sign-in-email-error"><a href="#sign-in-email">${input.error}</a></p></div>`
    : ''
}
<label for="sign-in-email">${t('members.signIn.emailLabel')}</label>
<input id="sign-in-email" type="email" name="email" autocomplete="email" required value="${input.email ?? ''}"${describedBy ? html` aria-describedby="${describedBy}" aria-invalid="true"` : ''}>
${input.next ? html`<input type="hidden" name="next" value="${input.next}">` : ''}
${from ? html`<input type="hidden" name="prompt" value="${from.prompt}">${from.articleId !== null ? html`<input type="hidden" name="article_id" value="${from.articleId}">` : ''}${from.page ? html`<input type="hidden" name="page" value="${from.page}">` : ''}` : ''}
<button type="submit">${t('members.signIn.button')}</button>
</form>
<p class="account-note">${t('members.signIn.newAccount')}</p>`,
  );
}

/** The one answer to every accepted sign-in request, known address or not. */
export function renderSignInSentPage(base: MemberPageBase): string {
  const { t } = pageLocale(base.settings);
  const title = t('members.signIn.sentTitle');
  return memberPage(
    base,
    '/account/sign-in',
    title,
    html`<h1 class="section-title">${title}</h1>
<p role="status">${t('members.signIn.sent')}</p>
<p>${t('members.signIn.sentHint')}</p>
<p><a href="/account/sign-in">${t('members.signIn.again')}</a></p>`,
  );
}

/** The page behind the emailed link: a button that POSTs the token (scanners only GET). */
export function renderConfirmPage(base: MemberPageBase, token: string): string {
  const { t } = pageLocale(base.settings);
  const title = t('members.confirm.title', { site: base.settings.name });
  return memberPage(
    base,
    '/account/sign-in/confirm',
    title,
    html`<h1 class="section-title">${title}</h1>
<p>${t('members.confirm.text')}</p>
<form class="account-form" method="post" action="/account/sign-in/confirm"><input type="hidden" name="token" value="${token}"><button type="submit">${t('members.confirm.button')}</button></form>`,
  );
}

/** A short message with a way on (a new link, the account, the front page). */
export function renderMessagePage(
  base: MemberPageBase,
  message: { title: string; text: string; link?: { href: string; label: string } },
): string {
  return memberPage(
    base,
    '/account/',
    message.title,
    html`<h1 class="section-title">${message.title}</h1><p>${message.text}</p>${
      message.link ? html`<p><a href="${message.link.href}">${message.link.label}</a></p>` : ''
    }`,
  );
}

/** The bad-link answers, each with a way to ask for a new link. */
export function renderBadLinkPage(
  base: MemberPageBase,
  kind: 'used' | 'expired' | 'invalid',
): string {
  const { t } = pageLocale(base.settings);
  const keys = {
    used: ['members.confirm.usedTitle', 'members.confirm.used'],
    expired: ['members.confirm.expiredTitle', 'members.confirm.expired'],
    invalid: ['members.confirm.invalidTitle', 'members.confirm.invalid'],
  } as const;
  return renderMessagePage(base, {
    title: t(keys[kind][0]),
    text: t(keys[kind][1]),
    link: { href: '/account/sign-in', label: t('members.signIn.again') },
  });
}
