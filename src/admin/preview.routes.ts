import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { canEditArticle, hasRole } from '../content/article.policy.js';
import { findArticleById } from '../content/article.repository.js';
import type { AppServices } from '../platform/app-services.js';
import { AppError, forbidden, notFound } from '../platform/errors.js';
import { html } from '../platform/http/html.js';
import { parseId } from '../platform/http/validate.js';
import { buildArticlePage } from '../site/article-page-build.js';
import { loadArticleDetails } from '../site/site.queries.js';
import { requireActor } from './authenticate.js';

function sendHtml(reply: FastifyReply, status: number, body: string) {
  return reply
    .status(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'private, no-store')
    .header('x-robots-tag', 'noindex, nofollow')
    .send(body);
}

function messagePage(title: string, message: string, id: string) {
  const next = `/admin/articles/${encodeURIComponent(id)}/edit`;
  return `<!DOCTYPE html>${html`<html lang="en"><head><meta charset="utf-8"><meta name="robots" content="noindex"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head><body><main><h1>${title}</h1><p>${message}</p><p><a href="/admin/?next=${next}">Open the newsroom admin</a></p></main></body></html>`}`;
}

/** A bar above a gated article's preview: which variant this is, and a link to the other. */
function withVariantSwitch(body: string, id: number, variant: 'full' | 'preview'): string {
  const other = variant === 'full' ? 'preview' : 'full';
  const bar = html`<nav class="staff-variants" aria-label="Reader variants"><p>Staff preview: ${variant === 'full' ? 'what entitled readers see' : 'what everyone else sees (preview and wall)'}. <a href="/admin/preview/${id}?variant=${other}">Show ${other === 'full' ? 'the whole article' : 'the preview and wall'}</a></p></nav>`;
  const at = body.indexOf('<main');
  return at === -1 ? bar + body : body.slice(0, at) + bar + body.slice(at);
}

/**
 * GET /admin/preview/:id — the article rendered exactly as its public page (any status), for
 * signed-in staff who may see it. Never cached, never indexed.
 */
export function registerPreviewRoutes(
  app: FastifyInstance,
  services: AppServices,
  authenticate: (request: FastifyRequest, reply: FastifyReply) => Promise<void>,
): void {
  app.get('/admin/preview/:id', async (request, reply) => {
    const rawId = (request.params as { id: string }).id;
    try {
      await authenticate(request, reply);
      const actor = requireActor(request);
      const article = await findArticleById(services.database.db, parseId(rawId, 'Article'));
      if (!article) throw notFound('Article');
      if (!canEditArticle(actor, article) && !hasRole(actor, 'editor'))
        throw forbidden('You can only preview your own articles.');
      const found = await loadArticleDetails(services.database.db, article);
      // Staff see every variant of a gated article (ADR 0026): the whole body by default.
      const variant =
        (request.query as { variant?: unknown }).variant === 'preview' ? 'preview' : 'full';
      const page = await buildArticlePage(services, found, { noindex: true, variant });
      return sendHtml(
        reply,
        200,
        page.gate ? withVariantSwitch(page.body, article.id, variant) : page.body,
      );
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      const title = error.status === 401 ? 'Please sign in' : 'Preview unavailable';
      return sendHtml(reply, error.status, messagePage(title, error.message, rawId));
    }
  });
}
