import { html } from '../platform/http/html.js';
import type { SiteSettings } from '../platform/settings/site-settings.js';
import { renderLayout } from './layout.js';

const messages: Record<number, { title: string; text: string }> = {
  404: {
    title: 'Page not found',
    text: 'We could not find that page. It may have moved, or the address may be mistyped.',
  },
  410: {
    title: 'This article has been removed',
    text: 'The newsroom has taken this article off the site.',
  },
  500: {
    title: 'Something went wrong',
    text: 'We could not show this page just now. Please try again in a moment.',
  },
};

/** A real page in the site's layout with a way home. */
export function renderErrorPage(
  settings: SiteSettings,
  baseUrl: string,
  status: number,
  path: string,
): string {
  const message = messages[status] ?? messages[500] ?? { title: 'Error', text: '' };
  return renderLayout({
    settings,
    baseUrl,
    title: message.title,
    description: message.text,
    canonicalPath: path,
    lang: settings.language,
    noindex: true,
    body: html`<section class="error-page"><h1>${message.title}</h1><p>${message.text}</p><p><a href="/">Go to the front page</a></p></section>`,
  });
}
