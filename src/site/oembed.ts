import { html, type SafeHtml } from '../platform/http/html.js';
import type { SiteSettings } from '../platform/settings/site-settings.js';
import type { ArticleLookup } from './site.queries.js';

type FoundArticle = Extract<ArticleLookup, { kind: 'found' }>;

/** The `<link>` that tells consumers where this page's oEmbed answer is (oEmbed spec §4). */
export function renderOembedDiscovery(baseUrl: string, slug: string, title: string): SafeHtml {
  const href = `${baseUrl}/oembed?url=${encodeURIComponent(`${baseUrl}/${slug}/`)}&format=json`;
  return html`<link rel="alternate" type="application/json+oembed" href="${href}" title="${title}">`;
}

/**
 * The oEmbed 1.0 answer for one of our articles: a `rich` card (a quotation of the headline
 * linking back) that any site can embed without running our scripts.
 */
export function buildOembedResponse(
  settings: SiteSettings,
  baseUrl: string,
  found: FoundArticle,
  maxWidth: number | undefined,
) {
  const { article, authors } = found;
  const url = `${baseUrl}/${article.slug}/`;
  const width = Math.max(200, Math.min(maxWidth ?? 600, 600));
  const byline = authors.map((a) => a.name).join(', ');
  const card = html`<blockquote class="masthead-embed" cite="${url}"><p><a href="${url}">${article.title}</a></p>${
    article.excerpt ? html`<p>${article.excerpt}</p>` : ''
  }<footer>${byline ? html`${byline}, ` : ''}<cite>${settings.name}</cite></footer></blockquote>`;
  return {
    version: '1.0',
    type: 'rich',
    title: article.title,
    ...(authors[0]
      ? { author_name: byline, author_url: `${baseUrl}/author/${authors[0].slug}/` }
      : {}),
    provider_name: settings.name,
    provider_url: `${baseUrl}/`,
    cache_age: 3600,
    html: card.value,
    width,
    height: 200,
    ...(article.featured_image_url?.startsWith('http')
      ? { thumbnail_url: article.featured_image_url }
      : {}),
  };
}
