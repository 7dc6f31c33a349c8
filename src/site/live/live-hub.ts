import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { Logger } from '../../platform/logger.js';
import type { LiveFeed } from './live-feed.js';

// Server-Sent Events for live pages. Each web node keeps its own readers, by coverage. A node
// learns that a coverage changed from the page cache's purge of `live:<id>` (a local purge, or
// another node's over LISTEN/NOTIFY or the SQLite purge log), reloads the coverage's first page
// once, compares it with what it last sent and writes the difference to every reader: one
// serialized frame, the same bytes to all. Event ids are a digest of the page's state, the same
// on every node, so a reader who reconnects elsewhere is resynchronized only when it missed
// something.

export interface LiveHubOptions {
  logger: Logger;
  /** Loads a coverage's current first page (undefined when it is no longer live or public). */
  load(articleId: number): Promise<{ feed: LiveFeed; render: RenderedFeed } | undefined>;
  /** Most readers one node holds; beyond it new streams get 503 (readers fall back to polling). */
  maxStreams?: number;
  heartbeatMs?: number;
}

/** A feed's markup, as the page shows it. */
export interface RenderedFeed {
  /** Rendered updates by id, newest first. */
  updates: Array<{ id: number; version: number; publishedAt: string; html: string }>;
  keyEventsHtml: string;
  pinnedHtml: string;
  statusHtml: string;
  earlierHtml: string;
  /** True when older updates exist beyond this page. */
  more: boolean;
}

interface Channel {
  articleId: number;
  readers: Set<ServerResponse>;
  snapshot?: RenderedFeed & { digest: string; state: string };
  refreshing?: Promise<void>;
  dirty: boolean;
}

export interface LiveHub {
  /** Takes over the response as an event stream for a coverage; false when the node is full. */
  open(articleId: number, res: ServerResponse, lastEventId: string | undefined): Promise<boolean>;
  /** Tells the hub these surrogate keys were purged. */
  purged(keys: string[]): void;
  stats(): { streams: number; coverages: number };
  /** Ends every stream (server shutdown). */
  close(): void;
}

export function feedDigest(render: RenderedFeed, state: string): string {
  const hash = createHash('sha1');
  hash.update(state);
  for (const u of render.updates) hash.update(`|${u.id}:${u.version}`);
  hash.update(`|${render.keyEventsHtml}|${render.pinnedHtml}|${render.statusHtml}`);
  return hash.digest('base64url').slice(0, 16);
}

function frame(event: string, id: string | undefined, data: unknown): string {
  return `${id ? `id: ${id}\n` : ''}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** What changed between two renderings of a coverage's first page, as SSE frames. */
export function diffFrames(
  before: RenderedFeed & { state: string },
  after: RenderedFeed & { state: string },
  id: string,
): string {
  let out = '';
  const old = new Map(before.updates.map((u) => [u.id, u]));
  const now = new Map(after.updates.map((u) => [u.id, u]));
  // Oldest first, so a script inserting each at the top keeps the newest on top.
  for (const update of [...after.updates].reverse()) {
    const previous = old.get(update.id);
    if (!previous || previous.version !== update.version || previous.html !== update.html)
      out += frame(previous ? 'edit' : 'update', undefined, update);
  }
  const oldest = after.updates.at(-1)?.publishedAt ?? '';
  for (const update of before.updates) {
    // Gone from the page: deleted, unless it only slid past the end of a full page.
    if (!now.has(update.id) && (!after.more || update.publishedAt >= oldest))
      out += frame('delete', undefined, { id: update.id });
  }
  if (
    before.keyEventsHtml !== after.keyEventsHtml ||
    before.pinnedHtml !== after.pinnedHtml ||
    before.statusHtml !== after.statusHtml ||
    before.state !== after.state
  )
    out += frame('blocks', undefined, {
      keyEventsHtml: after.keyEventsHtml,
      pinnedHtml: after.pinnedHtml,
      statusHtml: after.statusHtml,
      state: after.state,
    });
  // The last frame carries the id: the state the reader now has.
  return out === '' ? '' : out + frame('state', id, { digest: id });
}

const crlf = Buffer.from('\r\n');

/**
 * Writes the same bytes to every reader with one socket write each. `res.write` frames them
 * as an HTTP chunk again for every reader, corks the socket and uncorks it a tick later (a
 * three-buffer writev); at 10,000 readers that and its garbage were about a third of a
 * fan-out's time (`npm run bench live`), so the chunk is framed once and written to the
 * sockets directly. A response that is not chunked (HTTP/1.0) goes through `res.write`.
 */
function writeToAll(readers: Iterable<ServerResponse>, bytes: Buffer): void {
  let chunk: Buffer | undefined;
  for (const res of readers) {
    const socket = res.socket;
    if (
      res.chunkedEncoding &&
      res.headersSent &&
      !res.writableEnded &&
      socket &&
      !socket.destroyed
    ) {
      chunk ??= Buffer.concat([Buffer.from(`${bytes.length.toString(16)}\r\n`), bytes, crlf]);
      socket.write(chunk);
    } else res.write(bytes);
  }
}

export function createLiveHub(options: LiveHubOptions): LiveHub {
  const channels = new Map<number, Channel>();
  const maxStreams = options.maxStreams ?? 20_000;
  let streams = 0;
  const heartbeat = setInterval(() => {
    const ping = Buffer.from(':\n\n');
    for (const channel of channels.values()) writeToAll(channel.readers, ping);
  }, options.heartbeatMs ?? 25_000);
  heartbeat.unref();

  function broadcast(channel: Channel, text: string): void {
    if (text === '') return;
    writeToAll(channel.readers, Buffer.from(text));
  }

  async function reload(channel: Channel): Promise<void> {
    const loaded = await options.load(channel.articleId);
    if (!loaded) {
      // No longer public (unpublished, deleted): tell readers, then stop streaming.
      broadcast(channel, frame('gone', undefined, {}));
      for (const res of channel.readers) res.end();
      channel.readers.clear();
      channels.delete(channel.articleId);
      return;
    }
    const digest = feedDigest(loaded.render, loaded.feed.state);
    const next = { ...loaded.render, digest, state: loaded.feed.state };
    if (channel.snapshot && channel.snapshot.digest !== digest)
      broadcast(channel, diffFrames(channel.snapshot, next, digest));
    channel.snapshot = next;
  }

  /** Reloads once at a time; purges arriving meanwhile cause one more reload after it. */
  function refresh(channel: Channel): Promise<void> {
    if (channel.refreshing) {
      channel.dirty = true;
      return channel.refreshing;
    }
    channel.refreshing = (async () => {
      try {
        do {
          channel.dirty = false;
          await reload(channel);
        } while (channel.dirty);
      } catch (error) {
        options.logger.warn({ err: error, articleId: channel.articleId }, 'live refresh failed');
      } finally {
        channel.refreshing = undefined;
      }
    })();
    return channel.refreshing;
  }

  return {
    async open(articleId, res, lastEventId) {
      if (streams >= maxStreams) return false;
      let channel = channels.get(articleId);
      if (!channel) {
        channel = { articleId, readers: new Set(), dirty: false };
        channels.set(articleId, channel);
      }
      streams += 1;
      channel.readers.add(res);
      const current = channel;
      res.on('close', () => {
        if (current.readers.delete(res)) streams -= 1;
        if (
          current.readers.size === 0 &&
          channels.get(articleId) === current &&
          !current.refreshing
        )
          channels.delete(articleId);
      });
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        'x-accel-buffering': 'no',
        connection: 'keep-alive',
      });
      // The headers go out now, ahead of any frame the fan-out writes to the socket itself.
      res.flushHeaders();
      if (!current.snapshot) await refresh(current);
      const digest = current.snapshot?.digest;
      // A reader who reconnects with an older state reloads the JSON once.
      const hello =
        lastEventId !== undefined && lastEventId !== digest
          ? frame('resync', digest, { digest })
          : `retry: 5000\n${digest ? `id: ${digest}\n` : ''}event: ready\ndata: {}\n\n`;
      if (!res.writableEnded) res.write(hello);
      return true;
    },

    purged(keys) {
      const all = keys.includes('all');
      for (const channel of channels.values())
        // `article:ID` too: unpublishing or deleting the article ends its streams.
        if (
          all ||
          keys.includes(`live:${channel.articleId}`) ||
          keys.includes(`article:${channel.articleId}`)
        )
          void refresh(channel);
    },

    stats() {
      return { streams, coverages: channels.size };
    },

    close() {
      clearInterval(heartbeat);
      for (const channel of channels.values()) for (const res of channel.readers) res.end();
      channels.clear();
      streams = 0;
    },
  };
}
