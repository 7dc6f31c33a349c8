import { html, type SafeHtml } from '../platform/http/html.js';
import type { SiteSettings } from '../platform/settings/site-settings.js';
import { renderLayout } from '../site/layout.js';
import type { PublicNewsletter } from './newsletter-directory.js';
import { renderSignupForm, type SignupFormInput } from './signup-form.js';

// The public newsletter pages: /newsletters/, the signup result, confirm, preferences and
// unsubscribe. Pages reached through a personal link are never cached or indexed.

interface PageBase {
  settings: SiteSettings;
  baseUrl: string;
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
  const form = renderSignupForm({
    idPrefix: 'nl-page',
    location: '/newsletters/',
    newsletters: base.newsletters,
    title: 'Subscribe',
    scriptPath: base.scriptPath,
    ...base.form,
  });
  return page(
    base,
    '/newsletters/',
    'Newsletters',
    html`<h1 class="section-title">Newsletters</h1>
${
  base.newsletters.length === 0
    ? html`<p>There are no newsletters to subscribe to yet.</p>`
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
    html`<h1 class="section-title">${title}</h1><p>${message}</p><p><a href="/">Back to the front page</a></p>`,
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
  return page(
    base,
    '/newsletters/preferences',
    'Your newsletters',
    html`<h1 class="section-title">Your newsletters</h1>
<p>Subscriptions for <strong>${base.email}</strong>.</p>
${base.saved ? html`<p role="status">Your choices were saved.</p>` : ''}
<form method="post" action="/newsletters/preferences">
<input type="hidden" name="token" value="${base.token}">
<fieldset><legend>Send me</legend>
${base.choices.map(
  (c, i) =>
    html`<p><input type="checkbox" id="pref-${i}" name="newsletters" value="${c.slug}"${c.active ? html` checked` : ''}> <label for="pref-${i}">${c.name}</label>${c.description ? html`<br><small>${c.description}</small>` : ''}</p>`,
)}
</fieldset>
<button type="submit" name="action" value="save">Save my choices</button>
<button type="submit" name="action" value="unsubscribe_all">Unsubscribe from all</button>
</form>`,
  );
}
