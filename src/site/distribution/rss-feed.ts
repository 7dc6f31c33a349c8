import type { Feed, FeedItem } from './feed-model.js';
import { escapeXml, xmlElement } from './xml.js';

/** RFC 822 dates, as RSS 2.0 requires ("Thu, 06 Oct 2022 12:33:00 GMT"). */
function rfc822(iso: string): string {
  return new Date(iso).toUTCString();
}

function rssItem(item: FeedItem): string {
  const parts = [
    '<item>',
    xmlElement('title', item.title),
    xmlElement('link', item.url),
    `<guid isPermaLink="false">${escapeXml(item.id)}</guid>`,
    xmlElement('pubDate', rfc822(item.published)),
    // RSS's own <author> must be an e-mail address; Dublin Core carries a name.
    ...item.authors.map((author) => xmlElement('dc:creator', author.name)),
    ...item.tags.map((tag) => xmlElement('category', tag)),
    `<description>${escapeXml(item.summary)}</description>`,
    item.contentHtml !== undefined ? xmlElement('content:encoded', item.contentHtml) : '',
  ];
  if (item.image) {
    const url = escapeXml(item.image.url);
    const type = escapeXml(item.image.type);
    // The byte length is unknown here; 0 is the accepted convention for "unknown".
    parts.push(`<enclosure url="${url}" length="0" type="${type}"/>`);
    parts.push(
      `<media:content url="${url}" medium="image" type="${type}">${
        item.image.alt
          ? `<media:description type="plain">${escapeXml(item.image.alt)}</media:description>`
          : ''
      }</media:content>`,
    );
  }
  parts.push('</item>');
  return parts.join('');
}

/** The feed as RSS 2.0 with the content, Dublin Core, Atom (self/hub) and Media RSS modules. */
export function renderRssFeed(feed: Feed): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/">',
    '<channel>',
    xmlElement('title', feed.title),
    xmlElement('link', feed.homeUrl),
    `<description>${escapeXml(feed.description)}</description>`,
    xmlElement('language', feed.language),
    xmlElement('lastBuildDate', rfc822(feed.updated)),
    xmlElement('generator', 'Masthead'),
    `<atom:link rel="self" type="application/rss+xml" href="${escapeXml(feed.urls.rss)}"/>`,
    feed.hub ? `<atom:link rel="hub" href="${escapeXml(feed.hub)}"/>` : '',
    feed.logo
      ? `<image>${xmlElement('url', feed.logo)}${xmlElement('title', feed.title)}${xmlElement('link', feed.homeUrl)}</image>`
      : '',
    ...feed.items.map(rssItem),
    '</channel>',
    '</rss>\n',
  ].join('');
}
