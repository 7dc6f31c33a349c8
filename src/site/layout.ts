import { html, type SafeHtml } from '../platform/http/html.js';
import type { SiteSettings } from '../platform/settings/site-settings.js';
import { sanitizeUrl } from '../content/document/safe-url.js';
import { siteAssets } from './assets.js';
import { renderFeedDiscovery } from './distribution/feed-discovery.js';
import { trimDescription } from './distribution/sharing-tags.js';
import { type Locale, localeFor, translator } from './i18n/translate.js';
import { renderSlot } from './slots.js';

const safeHref = (url: string): string => sanitizeUrl(url, 'link') ?? '#';

export interface LayoutInput {
  settings: SiteSettings;
  baseUrl: string;
  title: string;
  description: string;
  /** Path of the page's canonical URL, e.g. "/some-article/". */
  canonicalPath: string;
  lang: string;
  /** The interface language; by default the site's (settings.language). */
  locale?: Locale;
  body: SafeHtml;
  currentPath?: string;
  noindex?: boolean;
  head?: SafeHtml;
}

/** The document shell: head, skip link, masthead with navigation, main, footer. */
export function renderLayout(input: LayoutInput): string {
  const { settings, baseUrl } = input;
  const { css, editPost } = siteAssets();
  const pageTitle =
    input.title === settings.name ? settings.name : `${input.title} — ${settings.name}`;
  const nav = settings.navigation;
  const t = translator(input.locale ?? localeFor(settings.language));
  return `<!DOCTYPE html>${html`<html lang="${input.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${pageTitle}</title>
<meta name="description" content="${trimDescription(input.description)}">
<link rel="canonical" href="${baseUrl}${input.canonicalPath}">
${renderFeedDiscovery(settings.name)}
${input.noindex ? html`<meta name="robots" content="noindex">` : ''}
<meta name="theme-color" content="${settings.accentColor}">
<link rel="stylesheet" href="${css.path}">
<style>:root{--accent:${settings.accentColor}}</style>
<script src="${editPost.path}" defer></script>
${input.head ?? ''}
</head>
<body>
<a class="skip-link" href="#main">${t('layout.skipLink')}</a>
<header class="masthead">
<div class="wrap">
<div class="masthead__top">
<a class="brand" href="/">${settings.name}</a>
<p class="tagline">${settings.description}</p>
<form class="site-search" role="search" action="/search" method="get" aria-label="${t('layout.searchRegion')}"><label class="visually-hidden" for="site-search-q">${t('layout.searchLabel')}</label><input id="site-search-q" type="search" name="q" placeholder="${t('layout.searchLabel')}" autocomplete="off"><button type="submit">${t('layout.searchButton')}</button></form>
<a class="account-link" href="/account/">${t('members.nav.account')}</a>
</div>
${
  nav.length > 0
    ? html`<nav class="nav" aria-label="${t('layout.sectionsNav')}"><ul>${nav.map(
        (link) =>
          html`<li><a href="${safeHref(link.url)}"${input.currentPath === link.url ? html` aria-current="page"` : ''}>${link.label}</a></li>`,
      )}</ul></nav>`
    : ''
}
</div>
</header>
${renderSlot('support-banner', { page: 'other', language: input.lang, path: input.canonicalPath })}
<main id="main" tabindex="-1">
<div class="wrap">
${input.body}
</div>
</main>
<footer class="site-footer">
<div class="wrap">
${renderSlot('push-alerts', { page: 'other', language: input.lang, path: input.canonicalPath })}
${
  settings.socialLinks.length > 0
    ? html`<nav aria-label="${t('layout.followUs')}"><ul>${settings.socialLinks.map((link) => html`<li><a href="${safeHref(link.url)}" rel="noopener">${link.label}</a></li>`)}</ul></nav>`
    : ''
}
${settings.footerText ? html`<p>${settings.footerText}</p>` : ''}
${settings.postalAddress ? html`<p>${settings.postalAddress}</p>` : ''}
<p>${t('layout.copyright', { year: String(new Date().getFullYear()), name: settings.name })}</p>
</div>
</footer>
${renderSlot('analytics', { page: 'other', language: input.lang, path: input.canonicalPath })}
${renderSlot('comment-counts', { page: 'other', language: input.lang, path: input.canonicalPath })}
</body>
</html>`}`;
}
