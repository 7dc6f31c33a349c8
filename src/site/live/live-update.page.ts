import type { ArticleRow } from '../../content/content.table.js';
import { html } from '../../platform/http/html.js';
import type { SiteSettings } from '../../platform/settings/site-settings.js';
import { toZonedIso } from '../../platform/time-zone.js';
import { openGraphLocale, trimDescription } from '../distribution/sharing-tags.js';
import { renderJsonLd } from '../distribution/structured-data.js';
import { translator } from '../i18n/translate.js';
import { renderLayout } from '../layout.js';
import { siteAssets } from '../assets.js';
import { type LiveItem, updateTitle } from './live-feed.js';
import { type LiveRenderContext, renderLiveItem } from './live-render.js';

// One live update on its own page (`/:slug/updates/:id/`): what a reader shares. Its own title,
// description and Open Graph tags; the canonical link is its own URL, the coverage is linked.

export function renderLiveUpdatePage(input: {
  settings: SiteSettings;
  baseUrl: string;
  article: ArticleRow;
  item: LiveItem;
  context: LiveRenderContext;
}): string {
  const { settings, baseUrl, article, item, context } = input;
  const t = translator(context.locale);
  const title = updateTitle({ headline: item.headline, plain_text: item.text });
  const path = `/${article.slug}/updates/${item.id}/`;
  const description = trimDescription(item.text || article.excerpt || title, 300);
  const zoned = (iso: string) => toZonedIso(new Date(iso), settings.timeZone);
  const pageTitle = `${title} · ${article.title}`;
  const head = html`<link rel="stylesheet" href="${siteAssets().liveCss.path}">
<meta property="og:type" content="article">
<meta property="og:site_name" content="${settings.name}">
<meta property="og:locale" content="${openGraphLocale(article.language)}">
<meta property="og:title" content="${pageTitle}">
<meta property="og:description" content="${description}">
<meta property="og:url" content="${baseUrl}${path}">
<meta property="article:published_time" content="${zoned(item.publishedAt)}">
<meta property="article:modified_time" content="${zoned(item.updatedAt)}">
<meta name="twitter:card" content="summary">
<meta name="twitter:title" content="${pageTitle}">
<meta name="twitter:description" content="${description}">
${renderJsonLd({
  '@context': 'https://schema.org',
  '@type': 'BlogPosting',
  '@id': `${baseUrl}/${article.slug}/#update-${item.id}`,
  url: `${baseUrl}${path}`,
  headline: title,
  articleBody: item.text,
  datePublished: zoned(item.publishedAt),
  dateModified: zoned(item.updatedAt),
  inLanguage: article.language,
  isPartOf: {
    '@type': 'LiveBlogPosting',
    '@id': `${baseUrl}/${article.slug}/#article`,
    headline: article.title,
  },
  ...(item.authors.length > 0
    ? {
        author: item.authors.map((a) => ({
          '@type': 'Person',
          name: a.name,
          url: `${baseUrl}/author/${a.slug}/`,
        })),
      }
    : {}),
})}`;
  const body = html`<article class="article live-single" data-article-id="${article.id}">
<header class="article__header"><p class="kicker"><a href="/${article.slug}/">${t('live.updateFrom', { title: article.title })}</a></p><h1 class="article__title">${title}</h1></header>
<div class="live">${renderLiveItem(item, context)}</div>
<p class="live__all"><a href="/${article.slug}/#update-${item.id}">${t('live.allUpdates')}</a></p>
</article>`;
  return renderLayout({
    settings,
    baseUrl,
    title: pageTitle,
    description,
    canonicalPath: path,
    lang: settings.language,
    locale: context.locale,
    body,
    head,
  });
}
