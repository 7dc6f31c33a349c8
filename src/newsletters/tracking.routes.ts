import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppServices } from '../platform/app-services.js';
import { nowIso } from '../platform/db/database.js';
import { localeFor, translator } from '../site/i18n/translate.js';
import { renderMessagePage } from './newsletter-pages.js';
import { loadSigningSecret, readClickToken, readOpenToken } from './newsletter-tokens.js';
import {
  findDeliverySubscriber,
  findIssueLink,
  findOpenSubscriber,
  insertClick,
  insertOpen,
} from './tracking.repository.js';

// The signed redirect behind tracked newsletter links and the opens pixel. A redirect only
// ever goes to the URL stored for the token's (issue, link id): nothing in the request can
// choose where it leads, so this is no open redirect. Neither answer is ever cached (each hit
// is a reader's click), and both are rate limited per IP because they check a signature.

// A transparent 1×1 GIF.
const pixel = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

export function registerTrackingRoutes(app: FastifyInstance, services: AppServices): void {
  const { db } = services.database;
  // Mail scanners open every link of a message at once; readers click a few.
  const perIp = services.limits.define({
    name: 'newsletter-links.ip',
    limit: 600,
    windowMs: 10 * 60_000,
  });

  const noStore = (reply: FastifyReply) =>
    reply
      .header('cache-control', 'no-store, private')
      .header('referrer-policy', 'no-referrer')
      .header('x-robots-tag', 'noindex');

  async function notFound(reply: FastifyReply) {
    const settings = await services.settings.get();
    const t = translator(localeFor(settings.language));
    return noStore(reply)
      .status(404)
      .header('content-type', 'text/html; charset=utf-8')
      .send(
        renderMessagePage(
          { settings, baseUrl: services.config.baseUrl },
          t('newsletters.link.invalidTitle'),
          t('newsletters.link.invalid'),
        ),
      );
  }

  app.get('/newsletters/c/:token', async (request, reply) => {
    const limited = await perIp.hit(request.ip);
    if (!limited.allowed) {
      const t = translator(localeFor((await services.settings.get()).language));
      return noStore(reply)
        .status(429)
        .header('retry-after', String(limited.retryAfterSeconds))
        .header('content-type', 'text/plain; charset=utf-8')
        .send(t('newsletters.tooManyRequests'));
    }
    const token = readClickToken(
      await loadSigningSecret(db),
      String((request.params as { token: string }).token),
    );
    if (!token) return notFound(reply);
    const url = await findIssueLink(db, token.issueId, token.linkId);
    if (!url) return notFound(reply);
    const subscriberId = await findDeliverySubscriber(db, token.issueId, token.deliveryId);
    // Test sends (delivery 0) and deleted deliveries still redirect, but count nothing.
    if (subscriberId !== undefined)
      await insertClick(db, {
        issueId: token.issueId,
        subscriberId,
        url,
        now: nowIso(services.now()),
      });
    return noStore(reply).redirect(url, 302);
  });

  app.get('/newsletters/o/:token', async (request, reply) => {
    const send = () => noStore(reply).header('content-type', 'image/gif').status(200).send(pixel);
    if (!(await perIp.hit(request.ip)).allowed) return send();
    const raw = String((request.params as { token: string }).token).replace(/\.gif$/, '');
    const token = readOpenToken(await loadSigningSecret(db), raw);
    if (!token) return send();
    const subscriberId = await findOpenSubscriber(db, token.issueId, token.deliveryId);
    if (subscriberId !== undefined)
      await insertOpen(db, {
        issueId: token.issueId,
        subscriberId,
        now: nowIso(services.now()),
      });
    return send();
  });
}
