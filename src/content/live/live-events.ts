import type { EventPublisher } from '../../platform/events/domain-events.js';
import type { Executor } from '../../platform/db/database.js';

// What live coverage announces, on the coverage article's stream (`article:<id>`), in the
// change's transaction. The site's live fan-out learns of changes by the purge of `live:<id>`;
// these events are for domains that do more (push alerts, the key-events narration).

export interface LiveUpdatePublished {
  articleId: number;
  updateId: number;
  version: number;
  slug: string;
  language: string;
  headline: string;
  /** Plain text, at most 200 characters. */
  summary: string;
  keyEvent: boolean;
  pinned: boolean;
  push: boolean;
  publishedAt: string;
  /** The update's permalink path, e.g. `/slug/#update-12`. */
  url: string;
}

export interface LiveUpdateChanged {
  articleId: number;
  updateId: number;
  version: number;
  keyEvent: boolean;
  /** True when the key-event flag or a key event's text changed (the summary changes). */
  keyEventsChanged: boolean;
}

export interface LiveUpdateDeleted {
  articleId: number;
  updateId: number;
  wasKeyEvent: boolean;
}

export interface LiveCoverageChanged {
  articleId: number;
  state: 'live' | 'ended';
  startedAt: string;
  endedAt: string | null;
}

declare module '../../platform/events/domain-events.js' {
  interface DomainEventMap {
    'live.update-published': LiveUpdatePublished;
    'live.update-changed': LiveUpdateChanged;
    'live.update-deleted': LiveUpdateDeleted;
    'live.coverage-changed': LiveCoverageChanged;
  }
}

/** The stream a coverage's events go to: the article's own. */
export const liveStream = (articleId: number): string => `article:${articleId}`;

/** Announces an event about a coverage in the caller's transaction. */
export function announceLive(
  executor: Executor,
  events: EventPublisher,
  articleId: number,
  event: Parameters<EventPublisher['publish']>[2],
): Promise<void> {
  return events.publish(executor, liveStream(articleId), event);
}
