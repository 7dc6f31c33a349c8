import type { ArticleRow, AuthorRow, TagRow } from '../content/content.table.js';
import { renderPictureHtml } from '../content/document/picture-html.js';
import { sanitizeUrl } from '../content/document/safe-url.js';
import type { PagePicture } from '../media/media.service.js';
import { html, unsafeRaw } from '../platform/http/html.js';
import type { SiteSettings } from '../platform/settings/site-settings.js';
import { renderByline, renderStoryList, renderTags, renderTime } from './components.js';
import { readingTimeLabel } from './format.js';
import { featuredShareImage, renderArticleHead } from './distribution/sharing-tags.js';
import { absoluteUrl } from './distribution/xml.js';
import { hasCatalog, localeFor, translator } from './i18n/translate.js';
import { renderLayout } from './layout.js';
import {
  type ArticleTranslation,
  renderHreflangLinks,
  renderLanguageSwitcher,
} from './article-translations.js';
import { renderOembedDiscovery } from './oembed.js';
import type { StorySummary } from './site.queries.js';
import { type ArticleAudio, type LiveSummaryAudio, renderSlot, slotParagraph } from './slots.js';
import { siteAssets } from './assets.js';
import type { LiveFeed } from './live/live-feed.js';
import { liveJsonLd } from './live/live-json-ld.js';
import { renderLiveSection } from './live/live-render.js';

export interface ArticlePageInput {
  settings: SiteSettings;
  baseUrl: string;
  article: ArticleRow;
  authors: AuthorRow[];
  tags: TagRow[];
  related: StorySummary[];
  /** The rendered, escaped body (document renderer output). */
  bodyHtml: string;
  /** Media library images loaded for the page (the featured image renders as `<picture>`). */
  pictures?: Map<number, PagePicture>;
  /** Staff previews must never be indexed. */
  noindex?: boolean;
  /** The article's published translations (hreflang links and the language switcher). */
  translations?: ArticleTranslation[];
  /** The AI narration (the audio-player slot shows it). */
  narration?: ArticleAudio | undefined;
  /** When the article is a live coverage: its updates, shown under the body. */
  live?: LiveFeed | undefined;
  /** The spoken summary of a live coverage's key events (the live-summary-audio slot). */
  liveSummary?: LiveSummaryAudio | undefined;
  /** The preview of a gated article: the wall stands where the inline support prompt would. */
  gatedPreview?: boolean;
}

// The inline support prompt goes after paragraph N (3 unless the prompt settings say
// otherwise); the body is our own renderer's output, so a plain search for the Nth `</p>` at
// the top level is reliable enough.
function insertAfterParagraph(body: string, n: number, insert: string): string {
  let index = -1;
  for (let i = 0; i < n; i += 1) {
    index = body.indexOf('</p>', index + 1);
    if (index === -1) return body;
  }
  return body.slice(0, index + 4) + insert + body.slice(index + 4);
}

/** The standfirst, else the body's opening (a gated body's opening may lie past its preview). */
function openDescription(article: ArticleRow, fallback: string): string {
  return (
    article.excerpt || (article.access_level === 'public' ? article.plain_text : '') || fallback
  );
}

/** The article page: header (headline, standfirst, byline, time, reading time), body, tags, related. */
export function renderArticlePage(input: ArticlePageInput): string {
  const { article, settings } = input;
  // ADR 0008: the page around the article speaks the site's language; the article (header,
  // byline, reading time, tags, player) speaks its own when we have a catalog for it.
  const siteLocale = localeFor(settings.language);
  const translations = input.translations ?? [];
  const articleLocale = hasCatalog(article.language) ? localeFor(article.language) : siteLocale;
  const articleLang =
    article.language.toLowerCase() !== settings.language.toLowerCase()
      ? html` lang="${article.language}"`
      : '';
  const slotContext = {
    page: 'article' as const,
    articleId: article.id,
    language: article.language,
    path: `/${article.slug}/`,
    narration: input.narration,
    audioDisclosure: settings.audioDisclosure,
    ...(input.live?.state === 'live' ? { liveCoverage: true } : {}),
    ...(article.access_level === 'public' && !input.live ? { openArticle: true } : {}),
    ...(input.liveSummary ? { liveSummary: input.liveSummary } : {}),
  };
  const liveContext = { slug: article.slug, locale: articleLocale, timeZone: settings.timeZone };
  const body = input.gatedPreview
    ? input.bodyHtml
    : insertAfterParagraph(
        input.bodyHtml,
        slotParagraph('support-prompt-inline', 3),
        renderSlot('support-prompt-inline', slotContext).value,
      );
  const featuredImage = article.featured_image_url
    ? sanitizeUrl(article.featured_image_url, 'image')
    : null;
  const featuredPicture =
    article.featured_media_id !== null ? input.pictures?.get(article.featured_media_id) : undefined;
  const main = html`<article class="article" data-article-id="${article.id}"${articleLang}>
<header class="article__header">
${input.tags[0] ? html`<a class="kicker" href="/tag/${input.tags[0].slug}/">${input.tags[0].name}</a>` : ''}
<h1 class="article__title">${article.title}</h1>
${article.excerpt ? html`<p class="article__standfirst">${article.excerpt}</p>` : ''}
${renderByline(input.authors, articleLocale)}
<p class="article__meta">${renderTime(article.published_at, settings.timeZone, articleLocale)}<span>${readingTimeLabel(article.reading_minutes, articleLocale)}</span></p>
${renderLanguageSwitcher(translations, articleLocale)}
</header>
${
  featuredPicture
    ? html`<figure class="featured">${unsafeRaw(renderPictureHtml(featuredPicture.picture, { alt: article.featured_image_alt, priority: true }))}${
        article.featured_image_caption || featuredPicture.credit
          ? html`<figcaption>${article.featured_image_caption}${featuredPicture.credit ? html`${article.featured_image_caption ? ' ' : ''}<span class="credit">${featuredPicture.credit}</span>` : ''}</figcaption>`
          : ''
      }</figure>`
    : featuredImage
      ? html`<figure class="featured"><img src="${featuredImage}" alt="${article.featured_image_alt}" fetchpriority="high">${
          article.featured_image_caption
            ? html`<figcaption>${article.featured_image_caption}</figcaption>`
            : ''
        }</figure>`
      : ''
}
${renderSlot('audio-player', slotContext)}
<div class="article__body">${unsafeRaw(body)}</div>
${input.live ? renderLiveSection(input.live, liveContext, slotContext, siteAssets().live.path) : ''}
${renderSlot('support-prompt', slotContext)}
${renderTags(input.tags, articleLocale)}
${renderSlot('newsletter-signup', slotContext)}
${renderSlot('comments', slotContext)}
</article>
${
  input.related.length > 0
    ? html`<section class="related" aria-labelledby="related-title"><h2 class="section-title" id="related-title">${translator(siteLocale)('article.related')}</h2>${renderStoryList(input.related, settings.timeZone, { compact: true, locale: siteLocale })}</section>`
    : ''
}`;
  return renderLayout({
    settings,
    baseUrl: input.baseUrl,
    title: article.title,
    description: openDescription(article, settings.description),
    canonicalPath: `/${article.slug}/`,
    lang: settings.language,
    locale: siteLocale,
    body: main,
    noindex: input.noindex === true,
    head: html`${
      input.live
        ? html`<link rel="stylesheet" href="${siteAssets().liveCss.path}">
`
        : ''
    }${renderOembedDiscovery(input.baseUrl, article.slug, article.title)}
${renderHreflangLinks(input.baseUrl, article, translations, settings.language)}
${renderArticleHead({
  settings,
  baseUrl: input.baseUrl,
  article,
  authors: input.authors,
  tags: input.tags,
  description: openDescription(article, settings.description),
  image: featuredShareImage(
    article,
    input.baseUrl,
    featuredPicture
      ? {
          url: featuredPicture.picture.src,
          width: featuredPicture.picture.width,
          height: featuredPicture.picture.height,
        }
      : undefined,
  ),
  structuredImages: (featuredPicture?.crops ?? []).map((crop) => ({
    url: absoluteUrl(input.baseUrl, crop.url),
    alt: article.featured_image_alt,
    width: crop.width,
    height: crop.height,
  })),
  audio: input.narration
    ? {
        url: absoluteUrl(input.baseUrl, input.narration.src ?? `/audio/${input.narration.file}`),
        durationMs: input.narration.durationMs,
      }
    : undefined,
  live: input.live ? liveJsonLd(input.live, article.updated_at) : undefined,
})}`,
  });
}
