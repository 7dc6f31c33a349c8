import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { grantsAccess } from '../content/access/access-level.js';
import { articleAccessRule } from '../content/access/article-access.js';
import { loadAccessKey, readEntitlement } from '../content/access/entitlement-cookie.js';
import { canEditArticle } from '../content/article.policy.js';
import type { AppServices } from '../platform/app-services.js';
import { AppError } from '../platform/errors.js';
import { hasRole } from '../platform/http/staff-access.js';
import { sendBlob } from '../platform/storage/send-blob.js';
import { localeFor, translate } from '../site/i18n/translate.js';
import { fullAudioKey } from './audio-files.js';
import { findFullNarrationForListening } from './narration.repository.js';

// A gated article's whole-body narration (ADR 0026 addendum): only its full variant links it,
// and this route serves it only to a reader whose signed entitlement cookie admits the article's
// rule, or to staff who may preview the article. Everyone else gets a 403 saying why. The bytes
// go through the public audio route's sendBlob (Range, If-Range, HEAD) but never redirect to
// MEDIA_PUBLIC_URL and are `private, no-store`, so no shared cache or CDN keeps a copy.

const fileName = /^[0-9a-f]{32}\.mp3$/;
const articleId = /^[1-9][0-9]{0,15}$/;

type Listening = NonNullable<Awaited<ReturnType<typeof findFullNarrationForListening>>>;

export function registerFullAudioRoutes(app: FastifyInstance, services: AppServices): void {
  const delivery = { storage: services.storage, publicUrl: undefined };

  /** True when the request carries a staff session or token that may preview the article. */
  async function staffMayListen(
    request: FastifyRequest,
    reply: FastifyReply,
    article: Listening,
  ): Promise<boolean> {
    if (request.headers.authorization === undefined && !request.cookies.masthead_session)
      return false;
    try {
      await app.authenticateStaff(request, reply);
    } catch (error) {
      if (error instanceof AppError) return false;
      throw error;
    }
    const actor = request.actor;
    return actor !== undefined && (hasRole(actor, 'editor') || canEditArticle(actor, article));
  }

  // Fastify answers HEAD through this GET route too; sendBlob then sends headers only.
  app.get('/audio/full/:article/:file', async (request, reply) => {
    const params = request.params as { article: string; file: string };
    if (!articleId.test(params.article) || !fileName.test(params.file)) return reply.callNotFound();
    const { db } = services.database;
    const article = await findFullNarrationForListening(db, Number(params.article));
    // Only the article's current whole-body file: a name never opens another story's audio.
    if (!article || article.full_file !== params.file) return reply.callNotFound();
    void reply.header('vary', 'Cookie');
    const entitlement = readEntitlement(await loadAccessKey(db), request.headers.cookie);
    const admitted =
      grantsAccess(entitlement, articleAccessRule(article)) ||
      (await staffMayListen(request, reply, article));
    if (!admitted)
      return reply
        .status(403)
        .header('content-type', 'text/plain; charset=utf-8')
        .header('cache-control', 'private, no-store')
        .send(
          translate(localeFor(article.language), 'audio.fullForbidden', {
            url: `${services.config.baseUrl}/${article.slug}/`,
          }),
        );
    return sendBlob(request, reply, delivery, {
      key: fullAudioKey(params.file),
      contentType: 'audio/mpeg',
      etag: `"full-${params.file.slice(0, 32)}"`,
      cacheControl: 'private, no-store',
    });
  });
}
