import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { etagBaseOf } from '../cache/page-cache.js';
import { matchesEtag } from '../cache/serve-cached.js';

// ETags on every publicly cacheable answer Fastify renders (issue 13): the content API, search,
// public 404s. Pages from the page cache already carry theirs (computed once per stored
// representation, page-cache.ts); this covers the rest, so a CDN or browser that revalidates
// gets a 304 instead of the bytes again. Only responses that say `public` and have no validator
// of their own; the tag is made from the exact bytes sent, as a page's is (etagBaseOf).

function publicCacheable(reply: FastifyReply): boolean {
  const cacheControl = reply.getHeader('cache-control');
  return typeof cacheControl === 'string' && /(^|[\s,])public([\s,]|$)/.test(cacheControl);
}

async function addEtag(request: FastifyRequest, reply: FastifyReply, payload: unknown) {
  if (request.method !== 'GET' && request.method !== 'HEAD') return payload;
  if (reply.statusCode !== 200 && reply.statusCode !== 404) return payload;
  if (reply.hasHeader('etag') || !publicCacheable(reply)) return payload;
  if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload; // a stream
  const etag = `"${etagBaseOf(payload)}"`;
  void reply.header('etag', etag);
  const ifNoneMatch = request.headers['if-none-match'];
  if (reply.statusCode === 200 && ifNoneMatch !== undefined && matchesEtag(ifNoneMatch, etag)) {
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
