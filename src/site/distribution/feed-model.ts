import { renderArticleBody } from '../article-body.js';
import { sanitizeUrl } from '../../content/document/safe-url.js';
import type { Executor } from '../../platform/db/database.js';
import type { SiteSettings } from '../../platform/settings/site-settings.js';
import type { FeedArticle, FeedScope } from './feed.queries.js';
import { absoluteUrl, articleUrl, imageMediaType } from './xml.js';
import { localeFor, translate } from '../i18n/translate.js';

// One neutral model of a feed, written out as RSS 2.0, Atom 1.0 and JSON Feed 1.1, so the
// three formats can never disagree about what a feed contains.

export interface FeedPerson {
  name: string;
  url: string;
}

export interface FeedItem {
  /** `urn:uuid:…` from the article's uuid: never changes when the slug or title does. */
  id: string;
  url: string;
  title: string;
  summary: string;
  /** The rendered body with absolute URLs; undefined when the feed carries excerpts only. */
  contentHtml: string | undefined;
  published: string;
  updated: string;
  authors: FeedPerson[];
  tags: string[];
  image: { url: string; alt: string; type: string } | undefined;
}

export interface Feed {
  title: string;
  description: string;
  language: string;
  /** The HTML page the feed mirrors. */
  homeUrl: string;
  /** The feed URLs in each format (each one's `self`). */
  urls: { rss: string; atom: string; json: string };
  hub: string | undefined;
  logo: string | undefined;
  /** The newest change among the items (or now, for an empty feed). */
  updated: string;
  items: FeedItem[];
}

/** The site path a scope's pages and feeds live under: '' for the whole site. */
export function feedBasePath(scope: FeedScope): string {
  return scope.kind === 'site' ? '' : `/${scope.kind}/${scope.subject.slug}`;
}

/** The three feed paths of a scope. */
export function feedPaths(basePath: string) {
  return { rss: `${basePath}/rss/`, atom: `${basePath}/atom.xml`, json: `${basePath}/feed.json` };
}

/**
 * Our own renderer writes site links and images as `/path`; a feed is read away from the site,
 * so every `href`, `src` and `srcset` candidate that starts with one slash gets the base URL.
 */
export function absolutizeHtml(markup: string, baseUrl: string): string {
  return markup
    .replace(/\b(href|src)="\/(?!\/)/g, `$1="${baseUrl}/`)
    .replace(/\bsrcset="([^"]*)"/g, (_match, list: string) => {
      const candidates = list
        .split(',')
        .map((candidate) => candidate.trim().replace(/^\/(?!\/)/, `${baseUrl}/`));
      return `srcset="${candidates.join(', ')}"`;
    });
}

/** Builds the feed model for a scope from its newest articles. */
export async function buildFeed(
  executor: Executor,
  input: {
    settings: SiteSettings;
    baseUrl: string;
    scope: FeedScope;
    articles: FeedArticle[];
    now: Date;
  },
): Promise<Feed> {
  const { settings, baseUrl, scope } = input;
  const full = settings.feedContent === 'full';
  const items = await Promise.all(
    input.articles.map(async (article): Promise<FeedItem> => {
      const image = article.featured_image_url
        ? sanitizeUrl(article.featured_image_url, 'image')
        : null;
      const imageUrl = image ? absoluteUrl(baseUrl, image) : undefined;
      const body =
        full && article.doc !== undefined
          ? absolutizeHtml(await renderArticleBody(executor, article.doc, baseUrl), baseUrl)
          : undefined;
      return {
        id: `urn:uuid:${article.uuid}`,
        url: articleUrl(baseUrl, article.slug),
        title: article.title,
        summary: article.excerpt,
        contentHtml: body,
        published: article.published_at ?? article.updated_at,
        updated: article.updated_at,
        authors: article.authors.map((author) => ({
          name: author.name,
          url: `${baseUrl}/author/${author.slug}/`,
        })),
        tags: article.tags.map((tag) => tag.name),
        image: imageUrl
          ? { url: imageUrl, alt: article.featured_image_alt, type: imageMediaType(imageUrl) }
          : undefined,
      };
    }),
  );
  const basePath = feedBasePath(scope);
  const paths = feedPaths(basePath);
  const newest = items.reduce<string | undefined>(
    (latest, item) => (latest === undefined || item.updated > latest ? item.updated : latest),
    undefined,
  );
  const scopeTitle =
    scope.kind === 'site' ? settings.name : `${scope.subject.name} — ${settings.name}`;
  const scopeDescription =
    scope.kind === 'site'
      ? settings.description
      : (scope.kind === 'tag' ? scope.subject.description : scope.subject.bio) ||
        translate(localeFor(settings.language), 'feed.scopeDescription', {
          subject: scope.subject.name,
          site: settings.name,
        });
  const logo = settings.logoUrl ? sanitizeUrl(settings.logoUrl, 'image') : null;
  return {
    title: scopeTitle,
    description: scopeDescription,
    language: settings.language,
    homeUrl: `${baseUrl}${basePath}/`,
    urls: {
      rss: `${baseUrl}${paths.rss}`,
      atom: `${baseUrl}${paths.atom}`,
      json: `${baseUrl}${paths.json}`,
    },
    hub: settings.websubHub ?? undefined,
    logo: logo ? absoluteUrl(baseUrl, logo) : undefined,
    updated: newest ?? input.now.toISOString(),
    items,
  };
}
