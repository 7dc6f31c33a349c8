import { html, type SafeHtml } from '../../platform/http/html.js';
import { feedPaths } from './feed-model.js';

/**
 * `<link rel="alternate">` for a scope's three feeds, so browsers and feed readers find them
 * from any page. `basePath` is '' for the site's feeds, `/tag/slug` or `/author/slug` otherwise.
 */
export function renderFeedDiscovery(title: string, basePath = ''): SafeHtml {
  const paths = feedPaths(basePath);
  return html`<link rel="alternate" type="application/rss+xml" title="${title} (RSS)" href="${paths.rss}">
<link rel="alternate" type="application/atom+xml" title="${title} (Atom)" href="${paths.atom}">
<link rel="alternate" type="application/feed+json" title="${title} (JSON Feed)" href="${paths.json}">`;
}
