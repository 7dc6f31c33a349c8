import type { LiveJsonLdInput } from '../distribution/structured-data.js';
import { type LiveFeed, updateTitle } from './live-feed.js';

/** The LiveBlogPosting part of a live page's JSON-LD: the coverage times and its latest updates. */
export function liveJsonLd(feed: LiveFeed, articleUpdatedAt: string): LiveJsonLdInput {
  const times = [articleUpdatedAt, feed.latestAt, ...feed.updates.map((u) => u.updatedAt)];
  return {
    startedAt: feed.startedAt,
    endedAt: feed.endedAt,
    modifiedAt: times.sort().at(-1) ?? articleUpdatedAt,
    updates: feed.updates.map((u) => ({
      id: u.id,
      headline: updateTitle({ headline: u.headline, plain_text: u.text }),
      text: u.text,
      publishedAt: u.publishedAt,
      updatedAt: u.updatedAt,
      authors: u.authors,
    })),
  };
}
