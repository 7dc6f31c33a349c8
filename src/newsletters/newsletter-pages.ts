import { html, type SafeHtml } from '../platform/http/html.js';
import type { SiteSettings } from '../platform/settings/site-settings.js';
import { localeFor, type Locale, translator } from '../site/i18n/translate.js';
import { renderLayout } from '../site/layout.js';
import type { PublicNewsletter } from './newsletter-directory.js';
import { renderSignupForm, type SignupFormInput } from './signup-form.js';

// The public newsletter pages: /newsletters/, the signup result, confirm, preferences and
// unsubscribe. Pages reached through a personal link are never cached or indexed. Every word
// comes from the catalogs, in the site's language.

interface PageBase {
  settings: SiteSettings;
  baseUrl: string;
}

/** The language newsletter pages are shown in: the site's. */
export function pageLocale(base: Pick<PageBase, 'settings'>): Locale {
  return localeFor(base.settings.language);
}

function page(base: PageBase, path: string, title: string, body: SafeHtml, noindex = true): string {
  return renderLayout({
    settings: base.settings,
    baseUrl: base.baseUrl,
    title,
    description: `${title} — ${base.settings.name}`,
    canonicalPath: path,
    lang: base.settings.language,
    body: html`<div class="nl-page">${body}</div>`,
    noindex,
    currentPath: '/newsletters/',
  });
}

/** /newsletters/: every public newsletter and one form to subscribe to any of them. */
export function renderNewslettersPage(
  base: PageBase & {
    newsletters: readonly PublicNewsletter[];
    scriptPath: string;
    form?: Partial<SignupFormInput>;
  },
): string {
  const locale = pageLocale(base);
  const t = translator(locale);
  const form = renderSignupForm({
    idPrefix: 'nl-page',
    location: '/newsletters/',
    newsletters: base.newsletters,
    title: t('newsletters.form.title'),
    scriptPath: base.scriptPath,
    ...base.form,
    locale,
  });
  return page(
    base,
    '/newsletters/',
    t('newsletters.title'),
    html`<h1 class="section-title">${t('newsletters.title')}</h1>
${
  base.newsletters.length === 0
    ? html`<p>${t('newsletters.none')}</p>`
    : html`<ul class="nl-list">${base.newsletters.map((n) => html`<li><h2>${n.name}</h2>${n.description ? html`<p>${n.description}</p>` : ''}</li>`)}</ul>${form ?? ''}`
}`,
    false,
  );
}

/** A short message page (signup accepted, confirmed, link expired…). */
export function renderMessagePage(base: PageBase, title: string, message: string): string {
  return page(
    base,
    '/newsletters/',
    title,
    html`<h1 class="section-title">${title}</h1><p>${message}</p><p><a href="/">${translator(pageLocale(base))('newsletters.backHome')}</a></p>`,
  );
}

/** A page whose only action is a POST button carrying the token (link scanners only GET). */
export function renderTokenActionPage(
  base: PageBase & {
    title: string;
    message: string;
    action: string;
    token: string;
    button: string;
    extra?: SafeHtml;
  },
): string {
  return page(
    base,
    '/newsletters/',
    base.title,
    html`<h1 class="section-title">${base.title}</h1><p>${base.message}</p>
<form method="post" action="${base.action}"><input type="hidden" name="token" value="${base.token}"><button type="submit">${base.button}</button></form>${base.extra ?? ''}`,
  );
}

/** The preferences page: one checkbox per newsletter, and "unsubscribe from all". */
export function renderPreferencesPage(
  base: PageBase & {
    token: string;
    email: string;
    choices: Array<{ slug: string; name: string; description: string; active: boolean }>;
    saved?: boolean;
  },
): string {
  const t = translator(pageLocale(base));
  return page(
    base,
    '/newsletters/preferences',
    t('newsletters.preferences.title'),
    html`<h1 class="section-title">${t('newsletters.preferences.title')}</h1>
<p>${t('newsletters.preferences.for', { email: base.email })}</p>
${base.saved ? html`<p role="status">${t('newsletters.preferences.saved')}</p>` : ''}
<form method="post" action="/newsletters/preferences">
<input type="hidden" name="token" value="${base.token}">
<fieldset><legend>${t('newsletters.preferences.legend')}</legend>
${base.choices.map(
  (c, i) =>
    html`<p><input type="checkbox" id="pref-${i}" name="newsletters" value="${c.slug}"${c.active ? html` checked` : ''}> <label for="pref-${i}">${c.name}</label>${c.description ? html`<br><small>${c.description}</small>` : ''}</p>`,
)}
</fieldset>
<button type="submit" name="action" value="save">${t('newsletters.preferences.save')}</button>
<button type="submit" name="action" value="unsubscribe_all">${t('newsletters.preferences.unsubscribeAll')}</button>
</form>`,
  );
}
