import type { FastifyReply } from 'fastify';

/** Sends an /account page: personal or one-off, so never stored by any cache or indexed. */
export function sendMemberPage(reply: FastifyReply, status: number, body: string) {
  return reply
    .status(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store, private')
    .header('referrer-policy', 'no-referrer')
    .header('x-robots-tag', 'noindex')
    .send(body);
}

/** A fixed-window limiter's answer as a 429 page with Retry-After. */
export function retryAfterMinutes(reply: FastifyReply, seconds: number): number {
  void reply.header('retry-after', String(seconds));
  return Math.max(1, Math.ceil(seconds / 60));
}
