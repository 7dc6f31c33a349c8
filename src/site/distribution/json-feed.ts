import type { Feed } from './feed-model.js';

/** The feed as JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/). */
export function renderJsonFeed(feed: Feed): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: feed.title,
    home_page_url: feed.homeUrl,
    feed_url: feed.urls.json,
    description: feed.description,
    language: feed.language,
    ...(feed.logo ? { icon: feed.logo } : {}),
    ...(feed.hub ? { hubs: [{ type: 'WebSub', url: feed.hub }] } : {}),
    items: feed.items.map((item) => ({
      id: item.id,
      url: item.url,
      title: item.title,
      // An item needs content_html or content_text; the excerpt stands in when bodies are off.
      ...(item.contentHtml !== undefined
        ? { content_html: item.contentHtml }
        : { content_text: item.summary || item.title }),
      ...(item.summary ? { summary: item.summary } : {}),
      ...(item.image ? { image: item.image.url } : {}),
      date_published: item.published,
      date_modified: item.updated,
      authors: item.authors.map((author) => ({ name: author.name, url: author.url })),
      tags: item.tags,
      ...(item.image
        ? {
            attachments: [
              {
                url: item.image.url,
                mime_type: item.image.type,
                title: item.image.alt || undefined,
              },
            ],
          }
        : {}),
    })),
  });
}
