import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

// ETags on every publicly cacheable answer Fastify renders (issue 13): the content API, search,
// feeds' neighbours, 404 pages. Pages from the page cache already carry theirs (computed once
// per stored representation, page-cache.ts); this covers the rest, so a CDN or browser that
// revalidates gets a 304 instead of the bytes again. Only responses that say `public` and
// have no validator of their own; the tag is the sha1 of the exact bytes sent.

const weakPrefix = 'W/';

/** If-None-Match against one ETag, with the weak comparison (RFC 9110 §13.1.2). */
export function ifNoneMatchMatches(ifNoneMatch: string, etag: string): boolean {
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch.split(',').some((candidate) => {
    const tag = candidate.trim();
    return (tag.startsWith(weakPrefix) ? tag.slice(2) : tag) === etag;
  });
}

function publicCacheable(reply: FastifyReply): boolean {
  const cacheControl = reply.getHeader('cache-control');
  return typeof cacheControl === 'string' && /(^|[\s,])public([\s,]|$)/.test(cacheControl);
}

async function addEtag(request: FastifyRequest, reply: FastifyReply, payload: unknown) {
  if (request.method !== 'GET' && request.method !== 'HEAD') return payload;
  if (reply.statusCode !== 200 && reply.statusCode !== 404) return payload;
  if (reply.hasHeader('etag') || !publicCacheable(reply)) return payload;
  if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload; // a stream
  const etag = `"${createHash('sha1').update(payload).digest('base64url').slice(0, 22)}"`;
  void reply.header('etag', etag);
  const ifNoneMatch = request.headers['if-none-match'];
  if (
    reply.statusCode === 200 &&
    ifNoneMatch !== undefined &&
    ifNoneMatchMatches(ifNoneMatch, etag)
  ) {
    void reply.code(304);
    reply.removeHeader('content-length');
    return '';
  }
  return payload;
}

/** Registers the hook on the app (every route, whatever plugin added it). */
export function registerEtags(app: FastifyInstance): void {
  app.addHook('onSend', addEtag);
}
