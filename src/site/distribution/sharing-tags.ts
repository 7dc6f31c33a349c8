import type { ArticleRow, AuthorRow, TagRow } from '../../content/content.table.js';
import { sanitizeUrl } from '../../content/document/safe-url.js';
import { html, type SafeHtml } from '../../platform/http/html.js';
import type { SiteSettings } from '../../platform/settings/site-settings.js';
import { toZonedIso } from '../../platform/time-zone.js';
import {
  breadcrumbJsonLd,
  homeJsonLd,
  type LiveJsonLdInput,
  newsArticleJsonLd,
  renderJsonLd,
  type ShareImage,
} from './structured-data.js';
import { absoluteUrl } from './xml.js';

// What an article or the home page puts in its <head> for search engines and for sharing:
// Open Graph, Twitter card, JSON-LD. Every value goes through the escaping `html` tag.

/** A meta description: whitespace folded, cut at a word boundary near 160 characters. */
export function trimDescription(text: string, max = 160): string {
  const folded = text.replace(/\s+/g, ' ').trim();
  if (folded.length <= max) return folded;
  const cut = folded.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,.;:–—-]+$/, '')}…`;
}

const territories: Record<string, string> = { en: 'en_US', uk: 'uk_UA' };

/** Open Graph wants language_TERRITORY: "en-GB" → en_GB, "uk" → uk_UA. */
export function openGraphLocale(language: string): string {
  const [lang = 'en', region] = language.split('-');
  if (region && /^[A-Za-z]{2}$/.test(region))
    return `${lang.toLowerCase()}_${region.toUpperCase()}`;
  return territories[lang.toLowerCase()] ?? lang.toLowerCase();
}

function siteLogo(settings: SiteSettings, baseUrl: string): string | undefined {
  const logo = settings.logoUrl ? sanitizeUrl(settings.logoUrl, 'image') : null;
  return logo ? absoluteUrl(baseUrl, logo) : undefined;
}

/** The featured image as an absolute URL (with its size when the media library knows it). */
export function featuredShareImage(
  article: ArticleRow,
  baseUrl: string,
  known?: { url: string; width: number; height: number },
): ShareImage | undefined {
  const source = known?.url ?? article.featured_image_url;
  const safe = source ? sanitizeUrl(source, 'image') : null;
  if (!safe) return undefined;
  return {
    url: absoluteUrl(baseUrl, safe),
    alt: article.featured_image_alt,
    width: known?.width,
    height: known?.height,
  };
}

export interface ArticleHeadInput {
  settings: SiteSettings;
  baseUrl: string;
  article: ArticleRow;
  authors: AuthorRow[];
  tags: TagRow[];
  description: string;
  image: ShareImage | undefined;
  /** NewsArticle.image: the featured image's 16:9, 4:3 and 1:1 crops (else `image`). */
  structuredImages?: ShareImage[];
  /** The narration, for NewsArticle.audio (absolute URL). */
  audio?: { url: string; durationMs: number } | undefined;
  /** A live coverage (LiveBlogPosting instead of NewsArticle). */
  live?: LiveJsonLdInput | undefined;
}

/** Open Graph, Twitter card, NewsArticle and BreadcrumbList for an article page. */
export function renderArticleHead(input: ArticleHeadInput): SafeHtml {
  const { article, settings, baseUrl, image } = input;
  const url = `${baseUrl}/${article.slug}/`;
  const description = trimDescription(input.description, 300);
  const zoned = (iso: string) => toZonedIso(new Date(iso), settings.timeZone);
  return html`<meta property="og:type" content="article">
<meta property="og:site_name" content="${settings.name}">
<meta property="og:locale" content="${openGraphLocale(article.language)}">
<meta property="og:title" content="${article.title}">
<meta property="og:description" content="${description}">
<meta property="og:url" content="${url}">
${
  image
    ? html`<meta property="og:image" content="${image.url}">
${
  image.width && image.height
    ? html`<meta property="og:image:width" content="${image.width}">
<meta property="og:image:height" content="${image.height}">
`
    : ''
}${image.alt ? html`<meta property="og:image:alt" content="${image.alt}">` : ''}`
    : ''
}
${article.published_at ? html`<meta property="article:published_time" content="${zoned(article.published_at)}">` : ''}
<meta property="article:modified_time" content="${zoned(input.live && input.live.modifiedAt > article.updated_at ? input.live.modifiedAt : article.updated_at)}">
${input.authors.map((author) => html`<meta property="article:author" content="${baseUrl}/author/${author.slug}/">`)}
${input.tags[0] ? html`<meta property="article:section" content="${input.tags[0].name}">` : ''}
${input.tags.map((tag) => html`<meta property="article:tag" content="${tag.name}">`)}
<meta name="twitter:card" content="${image ? 'summary_large_image' : 'summary'}">
<meta name="twitter:title" content="${article.title}">
<meta name="twitter:description" content="${description}">
${image ? html`<meta name="twitter:image" content="${image.url}">` : ''}
${image?.alt ? html`<meta name="twitter:image:alt" content="${image.alt}">` : ''}
${renderJsonLd(
  newsArticleJsonLd({
    ...input,
    description,
    images: input.structuredImages?.length ? input.structuredImages : image ? [image] : [],
    logoUrl: siteLogo(settings, baseUrl),
  }),
)}
${renderJsonLd(breadcrumbJsonLd(input))}`;
}

/** Open Graph, Twitter card, Organization and WebSite for the home page. */
export function renderHomeHead(settings: SiteSettings, baseUrl: string): SafeHtml {
  const logo = siteLogo(settings, baseUrl);
  const [organization, website] = homeJsonLd(settings, baseUrl, logo);
  return html`<meta property="og:type" content="website">
<meta property="og:site_name" content="${settings.name}">
<meta property="og:locale" content="${openGraphLocale(settings.language)}">
<meta property="og:title" content="${settings.name}">
<meta property="og:description" content="${trimDescription(settings.description, 300)}">
<meta property="og:url" content="${baseUrl}/">
${
  // The logo stands for the newsroom, so its name is its text alternative.
  logo
    ? html`<meta property="og:image" content="${logo}">
<meta property="og:image:alt" content="${settings.name}">`
    : ''
}
<meta name="twitter:card" content="summary">
<meta name="twitter:title" content="${settings.name}">
<meta name="twitter:description" content="${trimDescription(settings.description, 300)}">
${
  logo
    ? html`<meta name="twitter:image" content="${logo}">
<meta name="twitter:image:alt" content="${settings.name}">`
    : ''
}
${renderJsonLd(organization)}
${renderJsonLd(website)}`;
}
