import type { ArticleRow } from '../../content/content.table.js';
import type { SiteSettings } from '../../platform/settings/site-settings.js';
import { absolutizeHtml, type Feed } from '../distribution/feed-model.js';
import { localeFor, translate } from '../i18n/translate.js';
import { type LiveFeed, updateTitle } from './live-feed.js';

/** A coverage's latest updates as the neutral feed model (RSS, Atom and JSON Feed). */
export function buildLiveUpdatesFeed(input: {
  settings: SiteSettings;
  baseUrl: string;
  article: ArticleRow;
  feed: LiveFeed;
}): Feed {
  const { settings, baseUrl, article, feed } = input;
  const pageUrl = `${baseUrl}/${article.slug}/`;
  const base = `${baseUrl}/${article.slug}/updates`;
  const locale = localeFor(article.language);
  return {
    title: translate(locale, 'live.feedTitle', { title: article.title }),
    description: article.excerpt || settings.description,
    language: article.language,
    homeUrl: pageUrl,
    urls: { rss: `${base}/rss/`, atom: `${base}/atom.xml`, json: `${base}/feed.json` },
    hub: undefined,
    logo: undefined,
    updated: feed.latestAt,
    items: feed.updates.map((item) => ({
      id: `${pageUrl}#update-${item.id}`,
      url: `${pageUrl}#update-${item.id}`,
      title: updateTitle({ headline: item.headline, plain_text: item.text }),
      summary: item.text.slice(0, 300),
      contentHtml: absolutizeHtml(item.html, baseUrl),
      published: item.publishedAt,
      updated: item.updatedAt,
      authors: item.authors.map((a) => ({ name: a.name, url: `${baseUrl}/author/${a.slug}/` })),
      tags: item.keyEvent ? [translate(locale, 'live.keyEvent')] : [],
      image: undefined,
    })),
  };
}
