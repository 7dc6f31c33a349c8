import { html } from '../platform/http/html.js';
import type { SiteSettings } from '../platform/settings/site-settings.js';
import { localeFor, translator } from './i18n/translate.js';
import { renderLayout } from './layout.js';

const messageKeys = {
  404: { title: 'error.404.title', text: 'error.404.text' },
  410: { title: 'error.410.title', text: 'error.410.text' },
  500: { title: 'error.500.title', text: 'error.500.text' },
} as const;

/** A real page in the site's layout, in the site's language, with a way home. */
export function renderErrorPage(
  settings: SiteSettings,
  baseUrl: string,
  status: number,
  path: string,
): string {
  const locale = localeFor(settings.language);
  const t = translator(locale);
  const keys = status === 404 || status === 410 ? messageKeys[status] : messageKeys[500];
  const title = t(keys.title);
  const text = t(keys.text);
  return renderLayout({
    settings,
    baseUrl,
    title,
    description: text,
    canonicalPath: path,
    lang: settings.language,
    locale,
    noindex: true,
    body: html`<section class="error-page"><h1>${title}</h1><p>${text}</p><p><a href="/">${t('error.home')}</a></p></section>`,
  });
}
