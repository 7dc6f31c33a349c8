import type { Feed, FeedItem } from './feed-model.js';
import { escapeXml, xmlElement } from './xml.js';

function atomEntry(item: FeedItem): string {
  return [
    '<entry>',
    xmlElement('id', item.id),
    `<title type="text">${escapeXml(item.title)}</title>`,
    `<link rel="alternate" type="text/html" href="${escapeXml(item.url)}"/>`,
    xmlElement('published', item.published),
    xmlElement('updated', item.updated),
    ...item.authors.map(
      (author) =>
        `<author>${xmlElement('name', author.name)}${xmlElement('uri', author.url)}</author>`,
    ),
    ...item.tags.map((tag) => `<category term="${escapeXml(tag)}" label="${escapeXml(tag)}"/>`),
    item.summary ? `<summary type="text">${escapeXml(item.summary)}</summary>` : '',
    item.contentHtml !== undefined
      ? `<content type="html">${escapeXml(item.contentHtml)}</content>`
      : '',
    item.image
      ? `<link rel="enclosure" type="${escapeXml(item.image.type)}" href="${escapeXml(item.image.url)}"/><media:content url="${escapeXml(item.image.url)}" medium="image" type="${escapeXml(item.image.type)}"/>`
      : '',
    '</entry>',
  ].join('');
}

/** The feed as Atom 1.0 (RFC 4287). The feed-level author covers entries without a byline. */
export function renderAtomFeed(feed: Feed): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    `<feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/" xml:lang="${escapeXml(feed.language)}">`,
    xmlElement('id', feed.urls.atom),
    `<title type="text">${escapeXml(feed.title)}</title>`,
    feed.description ? `<subtitle type="text">${escapeXml(feed.description)}</subtitle>` : '',
    xmlElement('updated', feed.updated),
    `<link rel="self" type="application/atom+xml" href="${escapeXml(feed.urls.atom)}"/>`,
    `<link rel="alternate" type="text/html" href="${escapeXml(feed.homeUrl)}"/>`,
    feed.hub ? `<link rel="hub" href="${escapeXml(feed.hub)}"/>` : '',
    `<author>${xmlElement('name', feed.title)}${xmlElement('uri', feed.homeUrl)}</author>`,
    xmlElement('generator', 'Masthead'),
    feed.logo ? xmlElement('logo', feed.logo) : '',
    ...feed.items.map(atomEntry),
    '</feed>\n',
  ].join('');
}
