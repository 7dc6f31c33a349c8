import type { FastifyReply } from 'fastify';

/** Sends an /account page: personal or one-off, so never stored by any cache or indexed. */
export function sendMemberPage(reply: FastifyReply, status: number, body: string) {
  return (
    reply
      .status(status)
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-store, private')
      // Not no-referrer: with it Chromium sends `Origin: null` on the pages' own form POSTs, and
      // the Origin check refuses them. same-origin still keeps the confirm URL's token from
      // leaking to any other site.
      .header('referrer-policy', 'same-origin')
      .header('x-robots-tag', 'noindex')
      .send(body)
  );
}

/** A fixed-window limiter's answer as a 429 page with Retry-After. */
export function retryAfterMinutes(reply: FastifyReply, seconds: number): number {
  void reply.header('retry-after', String(seconds));
  return Math.max(1, Math.ceil(seconds / 60));
}
