import { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { BlobStore } from './blob-store.js';

// Sends one content-addressed blob over HTTP, the same way from every store: a year-long
// immutable cache, the name as ETag (the bytes never change under a name), 304 on a match,
// Range (one range; several → the whole file, RFC 9110) with If-Range, and HEAD without a
// body. With MEDIA_PUBLIC_URL the request is redirected to the public bucket or CDN instead.

/** The byte range a `Range` header asks for, 'unsatisfiable', or undefined (whole file). */
export function parseRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | 'unsatisfiable' | undefined {
  if (!header) return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return undefined;
  const [, from = '', to = ''] = match;
  if (from === '' && to === '') return undefined;
  let start: number;
  let end: number;
  if (from === '') {
    const suffix = Number(to);
    if (suffix === 0) return 'unsatisfiable';
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(from);
    end = to === '' ? size - 1 : Math.min(Number(to), size - 1);
  }
  if (start >= size || start > end) return 'unsatisfiable';
  return { start, end };
}

export interface BlobDelivery {
  storage: BlobStore;
  /** MEDIA_PUBLIC_URL: files are redirected there when set. */
  publicUrl: string | undefined;
}

export async function sendBlob(
  request: FastifyRequest,
  reply: FastifyReply,
  delivery: BlobDelivery,
  blob: {
    key: string;
    contentType: string;
    etag: string;
    /** For a blob only some may fetch (say `private, no-store`): instead of a year, public. */
    cacheControl?: string;
  },
): Promise<unknown> {
  if (delivery.publicUrl)
    return reply
      .header('cache-control', 'public, max-age=31536000, immutable')
      .redirect(`${delivery.publicUrl}/${blob.key}`, 301);
  const info = await delivery.storage.stat(blob.key);
  if (!info) return reply.callNotFound();
  const size = info.size;
  void reply
    .header('content-type', blob.contentType)
    .header('accept-ranges', 'bytes')
    .header('etag', blob.etag)
    .header('cache-control', blob.cacheControl ?? 'public, max-age=31536000, immutable')
    .header('x-content-type-options', 'nosniff');
  if (request.headers['if-none-match'] === blob.etag) return reply.status(304).send();
  const ifRange = request.headers['if-range'];
  const range =
    ifRange && ifRange !== blob.etag ? undefined : parseRange(request.headers.range, size);
  if (range === 'unsatisfiable')
    return reply.status(416).header('content-range', `bytes */${size}`).send();
  const { start, end } = range ?? { start: 0, end: size - 1 };
  void reply.header('content-length', String(end - start + 1));
  if (range) void reply.status(206).header('content-range', `bytes ${start}-${end}/${size}`);
  if (size === 0) return reply.send();
  // HEAD: an empty stream keeps the Content-Length set above (an empty body would reset it
  // to 0), and the store is not read.
  if (request.method === 'HEAD') return reply.send(Readable.from([]));
  const stream = await delivery.storage.read(blob.key, { start, end });
  if (!stream) return reply.callNotFound();
  return reply.send(stream);
}
