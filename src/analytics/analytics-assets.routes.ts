import type { FastifyInstance } from 'fastify';
import { analyticsAssets } from './analytics-assets.js';

/** Serves the beacon and its touch script at their content-hashed paths, for a year, in the best encoding the reader takes. */
export function registerAnalyticsAssetRoutes(app: FastifyInstance): void {
  app.get('/stats/:asset', async (request, reply) => {
    const path = `/stats/${(request.params as { asset: string }).asset}`;
    const script = analyticsAssets().find((asset) => asset.path === path);
    if (!script) return reply.callNotFound();
    const accept = request.headers['accept-encoding'] ?? '';
    const encoding = /\bbr\b/.test(accept) ? 'br' : /\bgzip\b/.test(accept) ? 'gzip' : undefined;
    void reply
      .header('content-type', 'text/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('etag', script.etag)
      .header('vary', 'Accept-Encoding');
    if (request.headers['if-none-match'] === script.etag) return reply.status(304).send();
    if (encoding) void reply.header('content-encoding', encoding);
    return reply.send(
      encoding === 'br' ? script.brotli : encoding === 'gzip' ? script.gzip : script.body,
    );
  });
}
