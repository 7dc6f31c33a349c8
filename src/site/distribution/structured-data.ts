import type { ArticleRow, AuthorRow, TagRow } from '../../content/content.table.js';
import { type SafeHtml, unsafeRaw } from '../../platform/http/html.js';
import type { SiteSettings } from '../../platform/settings/site-settings.js';
import { toZonedIso } from '../../platform/time-zone.js';

// schema.org JSON-LD for search engines: NewsArticle and BreadcrumbList on articles,
// NewsMediaOrganization and WebSite (with the site search) on the home page.

/** An image as structured data and sharing tags want it: absolute URL, size when known. */
export interface ShareImage {
  url: string;
  alt: string;
  width?: number | undefined;
  height?: number | undefined;
}

const jsonLdEscapes: Record<string, string> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

/**
 * JSON for a `<script>` element: `<`, `>` and `&` become \u escapes, so no value can close the
 * script (`</script>`) or open a comment (`<!--`) whatever it holds; U+2028/2029 too, for old
 * parsers that read them as line ends. The result is still exactly the same JSON value.
 */
export function serializeJsonLd(data: unknown): string {
  return JSON.stringify(data).replace(/[<>&\u2028\u2029]/g, (c) => jsonLdEscapes[c] ?? c);
}

/** A `<script type="application/ld+json">` block. */
export function renderJsonLd(data: unknown): SafeHtml {
  return unsafeRaw(`<script type="application/ld+json">${serializeJsonLd(data)}</script>`);
}

/** The newsroom as a NewsMediaOrganization (publisher of every article). */
export function newsOrganization(settings: SiteSettings, baseUrl: string, logoUrl?: string) {
  return {
    '@type': 'NewsMediaOrganization',
    '@id': `${baseUrl}/#organization`,
    name: settings.name,
    url: `${baseUrl}/`,
    ...(logoUrl ? { logo: { '@type': 'ImageObject', url: logoUrl } } : {}),
    ...(settings.socialLinks.length > 0
      ? { sameAs: settings.socialLinks.map((link) => link.url) }
      : {}),
  };
}

/** The home page's Organization and WebSite (with a SearchAction for the site search). */
export function homeJsonLd(settings: SiteSettings, baseUrl: string, logoUrl?: string) {
  return [
    { '@context': 'https://schema.org', ...newsOrganization(settings, baseUrl, logoUrl) },
    {
      '@context': 'https://schema.org',
      '@type': 'WebSite',
      '@id': `${baseUrl}/#website`,
      name: settings.name,
      url: `${baseUrl}/`,
      inLanguage: settings.language,
      publisher: { '@id': `${baseUrl}/#organization` },
      potentialAction: {
        '@type': 'SearchAction',
        target: {
          '@type': 'EntryPoint',
          urlTemplate: `${baseUrl}/search?q={search_term_string}`,
        },
        'query-input': 'required name=search_term_string',
      },
    },
  ];
}

/** The class of a gated article's members-only section (site/access-wall.ts says the same). */
export const gatedSectionClass = 'article__gated';

export interface ArticleJsonLdInput {
  settings: SiteSettings;
  baseUrl: string;
  article: ArticleRow;
  authors: AuthorRow[];
  tags: TagRow[];
  description: string;
  /** Images of the featured picture: its 16:9, 4:3 and 1:1 crops when the library has them. */
  images: ShareImage[];
  logoUrl?: string | undefined;
  /** The article's narration, as an AudioObject. */
  audio?: { url: string; durationMs: number } | undefined;
  /** A live coverage: the page becomes a LiveBlogPosting with its latest updates. */
  live?: LiveJsonLdInput | undefined;
}

export interface LiveJsonLdInput {
  startedAt: string;
  endedAt: string | null;
  /** When anything on the page last changed (the newest update or edit). */
  modifiedAt: string;
  updates: Array<{
    id: number;
    headline: string;
    text: string;
    publishedAt: string;
    updatedAt: string;
    authors: Array<{ name: string; slug: string }>;
  }>;
}

/** The live part of a LiveBlogPosting (Google's live blog structured data). */
function liveBlogJsonLd(
  live: LiveJsonLdInput,
  url: string,
  baseUrl: string,
  zoned: (iso: string) => string,
) {
  return {
    coverageStartTime: zoned(live.startedAt),
    ...(live.endedAt ? { coverageEndTime: zoned(live.endedAt) } : {}),
    dateModified: zoned(live.modifiedAt),
    liveBlogUpdate: live.updates.map((update) => ({
      '@type': 'BlogPosting',
      '@id': `${url}#update-${update.id}`,
      url: `${url}#update-${update.id}`,
      headline: update.headline,
      datePublished: zoned(update.publishedAt),
      dateModified: zoned(update.updatedAt),
      articleBody: update.text,
      ...(update.authors.length > 0
        ? {
            author: update.authors.map((author) => ({
              '@type': 'Person',
              name: author.name,
              url: `${baseUrl}/author/${author.slug}/`,
            })),
          }
        : {}),
    })),
  };
}

/** An ISO 8601 duration (PT1H2M3S) for a length in milliseconds, to the nearest second. */
export function isoDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  return `PT${hours ? `${hours}H` : ''}${minutes ? `${minutes}M` : ''}${seconds || total === 0 ? `${seconds}S` : ''}`;
}

/** NewsArticle with the properties Google's article documentation recommends. */
export function newsArticleJsonLd(input: ArticleJsonLdInput) {
  const { article, baseUrl, settings } = input;
  const url = `${baseUrl}/${article.slug}/`;
  const zoned = (iso: string) => toZonedIso(new Date(iso), settings.timeZone);
  return {
    '@context': 'https://schema.org',
    '@type': input.live ? 'LiveBlogPosting' : 'NewsArticle',
    '@id': `${url}#article`,
    mainEntityOfPage: { '@type': 'WebPage', '@id': url },
    url,
    headline: article.title,
    description: input.description,
    ...(input.images.length > 0 ? { image: input.images.map((image) => image.url) } : {}),
    ...(article.published_at ? { datePublished: zoned(article.published_at) } : {}),
    dateModified: zoned(article.updated_at),
    author: input.authors.map((author) => ({
      '@type': author.kind === 'desk' ? 'Organization' : 'Person',
      name: author.name,
      url: `${baseUrl}/author/${author.slug}/`,
    })),
    publisher: newsOrganization(settings, baseUrl, input.logoUrl),
    ...(input.tags[0] ? { articleSection: input.tags[0].name } : {}),
    ...(input.tags.length > 0 ? { keywords: input.tags.map((tag) => tag.name) } : {}),
    inLanguage: article.language,
    wordCount: article.word_count,
    // Gated articles (ADR 0026): Google's paywalled-content markup, so the wall is not cloaking.
    ...(article.access_level === 'public'
      ? { isAccessibleForFree: true }
      : {
          isAccessibleForFree: false,
          hasPart: {
            '@type': 'WebPageElement',
            isAccessibleForFree: false,
            cssSelector: `.${gatedSectionClass}`,
          },
        }),
    ...(input.audio
      ? {
          audio: {
            '@type': 'AudioObject',
            name: article.title,
            contentUrl: input.audio.url,
            encodingFormat: 'audio/mpeg',
            duration: isoDuration(input.audio.durationMs),
            inLanguage: article.language,
          },
        }
      : {}),
    ...(input.live ? liveBlogJsonLd(input.live, url, baseUrl, zoned) : {}),
  };
}

/** Home → first tag → article. */
export function breadcrumbJsonLd(input: {
  settings: SiteSettings;
  baseUrl: string;
  article: ArticleRow;
  tags: TagRow[];
}) {
  const { baseUrl } = input;
  const trail = [
    { name: input.settings.name, url: `${baseUrl}/` },
    ...(input.tags[0]
      ? [{ name: input.tags[0].name, url: `${baseUrl}/tag/${input.tags[0].slug}/` }]
      : []),
    { name: input.article.title, url: `${baseUrl}/${input.article.slug}/` },
  ];
  return {
    '@context': 'https://schema.org',
    '@type': 'BreadcrumbList',
    itemListElement: trail.map((crumb, index) => ({
      '@type': 'ListItem',
      position: index + 1,
      name: crumb.name,
      item: crumb.url,
    })),
  };
}
