import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { findArticleIdByOldSlug } from '../content/article.repository.js';
import { field, fromOurSite, readForm, wantsJson } from '../newsletters/signup.routes.js';
import { AppError } from '../platform/errors.js';
import { html } from '../platform/http/html.js';
import type { RevenueServices } from '../revenue/payment-provider.js';
import { type CurrentMember, currentMember } from '../revenue/members/member-session.js';
import { csrfTokenFor, isValidCsrfToken } from '../revenue/members/member-tokens.js';
import { sendMemberPage } from '../revenue/members/member-http.js';
import type { MessageKey } from '../site/i18n/messages.en.js';
import { localeFor, translate, translator } from '../site/i18n/translate.js';
import { renderLayout } from '../site/layout.js';
import { CommentError, commentErrors } from './comment-errors.js';
import {
  type CommentableArticle,
  countPublishedComments,
  findArticleForComments,
  findCommentReader,
  listArticleComments,
  optOutByHash,
} from './comment.repository.js';
import {
  articleCommentRules,
  checkPostLimit,
  commentEntitlement,
  deleteComment,
  editComment,
  postComment,
  reportComment,
} from './comment.service.js';
import { currentArticleMode } from './comment-settings.js';
import { hashOptOutToken } from './comment-tokens.js';
import { commentsAssets } from './comments-assets.js';
import { renderCommentsPage, type Viewer, viewLocale } from './comments-page.js';
import { nowIso } from '../platform/db/database.js';

// Public comment routes (ADR 0028). The article page never changes with comments; what does:
// - GET /comments/counts.json?ids=1,2&lang=en: counts for the article-page script; the same
//   for everyone, so it is cacheable and sets no cookie;
// - GET /comments/<slug>/: the comments page for this reader (never cached); an old slug of a
//   story that moved answers 301 to its comments' new URL, as the story's own URL does;
// - POST /comments/<slug>/ (post or reply), …/<id>/edit, …/<id>/delete, …/<id>/report: each
//   needs the member session, a same-site Origin and the session's CSRF token (as /account/);
//   posts are limited per member in the shared rate-limit store, and every POST per IP.

const slugPattern = /^[a-z0-9][a-z0-9-]{0,199}$/;

export function registerCommentRoutes(app: FastifyInstance, services: RevenueServices): void {
  const { db } = services.database;
  const { baseUrl } = services.config;
  const siteOrigin = new URL(baseUrl).origin;
  const perMember = services.limits.define({
    name: 'comments.post',
    limit: 5,
    windowMs: 10 * 60_000,
  });
  const perIp = services.limits.define({ name: 'comments.ip', limit: 60, windowMs: 10 * 60_000 });
  const deps = { now: services.now, events: services.events };

  async function findArticle(slug: string): Promise<CommentableArticle | undefined> {
    if (!slugPattern.test(slug)) return undefined;
    const article = await findArticleForComments(db, { slug });
    return article?.status === 'published' ? article : undefined;
  }

  /** The published article that once had this slug, if any. */
  async function findMovedArticle(slug: string): Promise<CommentableArticle | undefined> {
    if (!slugPattern.test(slug)) return undefined;
    const id = await findArticleIdByOldSlug(db, slug);
    const article = id === undefined ? undefined : await findArticleForComments(db, { id });
    return article?.status === 'published' && article.slug !== slug ? article : undefined;
  }

  async function viewerFor(
    article: CommentableArticle,
    current: CurrentMember | undefined,
  ): Promise<Viewer> {
    const { mode } = await articleCommentRules(db, article.id);
    const memberId = current?.session.member_id;
    const state = await commentEntitlement(db, mode, memberId);
    const csrf = current ? csrfTokenFor(current.token) : undefined;
    if (state !== 'allowed') return { state, memberId, csrf };
    if (!current) return { state: 'sign-in' };
    const reader = await findCommentReader(db, current.session.member_id);
    const name = reader?.display_name ?? current.session.member.name;
    return { state, memberId: current.session.member_id, csrf: csrfTokenFor(current.token), name };
  }

  async function sendPage(
    reply: FastifyReply,
    status: number,
    article: CommentableArticle,
    current: CurrentMember | undefined,
    extra: { notice?: MessageKey; error?: { message: string; body?: string; parentId?: number } },
  ) {
    const [settings, viewer, comments] = await Promise.all([
      services.settings.get(),
      viewerFor(article, current),
      listArticleComments(db, article.id, current?.session.member_id),
    ]);
    const page = renderCommentsPage({
      settings,
      baseUrl,
      article,
      comments,
      viewer,
      now: services.now(),
      ...extra,
    });
    return sendMemberPage(reply, status, page);
  }

  /** The refusal as the page (with what the reader typed) or as JSON. */
  async function refuse(
    request: FastifyRequest,
    reply: FastifyReply,
    article: CommentableArticle,
    current: CurrentMember | undefined,
    error: unknown,
    typed: { body?: string; parentId?: number } = {},
  ) {
    if (!(error instanceof AppError)) throw error;
    const settings = await services.settings.get();
    const message =
      error instanceof CommentError
        ? translate(viewLocale(settings, article), error.messageKey)
        : error.message;
    if (wantsJson(request))
      return reply
        .status(error.status)
        .header('cache-control', 'no-store')
        .send({ error: error.code, message });
    return sendPage(reply, error.status, article, current, { error: { message, ...typed } });
  }

  /** The article, member and form of a comment POST that passed every check; else answers. */
  async function authorizePost(request: FastifyRequest, reply: FastifyReply) {
    const article = await findArticle((request.params as { slug: string }).slug);
    if (!article) {
      await reply.callNotFound();
      return undefined;
    }
    const current = await currentMember(services, request);
    const form = readForm(request.body);
    if (!current) {
      await refuse(request, reply, article, undefined, commentErrors.signInNeeded());
      return undefined;
    }
    if (
      !fromOurSite(request, siteOrigin) ||
      !isValidCsrfToken(current.token, field(form, 'csrf'))
    ) {
      const settings = await services.settings.get();
      const message = translate(viewLocale(settings, article), 'comments.error.forbidden');
      await refuse(request, reply, article, current, new AppError(403, 'forbidden', message));
      return undefined;
    }
    const ip = await perIp.hit(request.ip);
    if (!ip.allowed) {
      void reply.header('retry-after', String(ip.retryAfterSeconds));
      await refuse(request, reply, article, current, commentErrors.tooMany());
      return undefined;
    }
    return { article, current, form };
  }

  const done = (reply: FastifyReply, article: CommentableArticle, notice: string, id?: number) =>
    reply
      .header('cache-control', 'no-store, private')
      .redirect(`/comments/${article.slug}/?done=${notice}${id ? `#comment-${id}` : ''}`, 303);

  const notices: Record<string, MessageKey> = {
    posted: 'comments.posted',
    held: 'comments.postedHeld',
    saved: 'comments.saved',
    deleted: 'comments.removed',
    reported: 'comments.reported',
  };

  app.get('/comments/counts.json', async (request, reply) => {
    const query = request.query as { ids?: unknown; lang?: unknown };
    const ids = [
      ...new Set(
        String(query.ids ?? '')
          .split(',')
          .filter((id) => /^[1-9]\d{0,9}$/.test(id))
          .map(Number),
      ),
    ].slice(0, 50);
    const counts = await countPublishedComments(db, ids);
    const locale = localeFor(typeof query.lang === 'string' ? query.lang : undefined);
    const t = translator(locale);
    const articles: Record<string, { count: number; open: boolean; label: string }> = {};
    for (const id of ids) {
      const count = counts.get(id) ?? 0;
      articles[String(id)] = {
        count,
        open: currentArticleMode(id) !== 'off',
        label: t('comments.linkCount', { count }),
      };
    }
    return reply
      .header('cache-control', 'public, max-age=30, stale-while-revalidate=60')
      .header('access-control-allow-origin', '*')
      .send({ articles });
  });

  app.get('/comments/:slug/', async (request, reply) => {
    const { slug } = request.params as { slug: string };
    const article = await findArticle(slug);
    if (!article) {
      // An old slug of a story that moved: its comments moved with it, as the story's URL does.
      const moved = await findMovedArticle(slug);
      if (moved) return reply.redirect(`/comments/${moved.slug}/`, 301);
      return reply.callNotFound();
    }
    const current = await currentMember(services, request);
    const doneKey = (request.query as { done?: unknown }).done;
    const notice = typeof doneKey === 'string' ? notices[doneKey] : undefined;
    return sendPage(reply, 200, article, current, notice ? { notice } : {});
  });
  // One segment: the hashed script or stylesheet, else a comments page without its slash.
  app.get('/comments/:slug', async (request, reply) => {
    const { slug } = request.params as { slug: string };
    const { script, styles } = commentsAssets();
    const path = `/comments/${slug}`;
    const asset = path === script.path ? script : path === styles.path ? styles : undefined;
    if (asset) {
      void reply
        .header('content-type', asset.type)
        .header('cache-control', 'public, max-age=31536000, immutable')
        .header('etag', asset.etag);
      if (request.headers['if-none-match'] === asset.etag) return reply.status(304).send();
      return reply.send(asset.body);
    }
    if (!slugPattern.test(slug)) return reply.callNotFound();
    return reply.redirect(`/comments/${slug}/`, 301);
  });

  app.post('/comments/:slug/', async (request, reply) => {
    const ok = await authorizePost(request, reply);
    if (!ok) return reply;
    const { article, current, form } = ok;
    const body = field(form, 'body');
    const parentRaw = field(form, 'parent');
    const parentId = /^[1-9]\d{0,15}$/.test(parentRaw) ? Number(parentRaw) : undefined;
    const typed = { body, ...(parentId !== undefined ? { parentId } : {}) };
    try {
      await checkPostLimit(perMember, current.session.member_id);
      const row = await db.transaction().execute((trx) =>
        postComment(trx, deps, article, current.session.member, {
          body,
          ...(parentId !== undefined ? { parentId } : {}),
          ...(form.name !== undefined ? { name: field(form, 'name') } : {}),
        }),
      );
      if (wantsJson(request)) return reply.status(201).send({ id: row.id, status: row.status });
      return done(reply, article, row.status === 'held' ? 'held' : 'posted', row.id);
    } catch (error) {
      return refuse(request, reply, article, current, error, typed);
    }
  });

  const action = (
    name: 'edit' | 'delete' | 'report',
    run: (memberId: number, id: number, body: string) => Promise<unknown>,
    notice: string,
  ) =>
    app.post(`/comments/:slug/:id/${name}`, async (request, reply) => {
      const ok = await authorizePost(request, reply);
      if (!ok) return reply;
      const { article, current, form } = ok;
      const raw = (request.params as { id: string }).id;
      const id = /^[1-9]\d{0,15}$/.test(raw) ? Number(raw) : 0;
      try {
        if (id === 0) throw commentErrors.notFound();
        await run(current.session.member_id, id, field(form, 'body'));
        if (wantsJson(request)) return reply.send({ ok: true });
        return done(reply, article, notice, name === 'delete' ? undefined : id);
      } catch (error) {
        return refuse(request, reply, article, current, error);
      }
    });
  action(
    'edit',
    (memberId, id, body) =>
      db.transaction().execute((trx) => editComment(trx, deps, memberId, id, body)),
    'saved',
  );
  action(
    'delete',
    (memberId, id) => db.transaction().execute((trx) => deleteComment(trx, deps, memberId, id)),
    'deleted',
  );
  action(
    'report',
    (memberId, id) => db.transaction().execute((trx) => reportComment(trx, deps, memberId, id)),
    'reported',
  );

  // The opt-out link of reply emails: GET shows a button (mail scanners only GET), POST acts.
  const optOutPage = async (reply: FastifyReply, status: number, text: MessageKey, token = '') => {
    const settings = await services.settings.get();
    const locale = localeFor(settings.language);
    const t = translator(locale);
    const title = t('comments.optOut.title');
    const body =
      text === 'comments.optOut.invalid' || token === ''
        ? html`<h1 class="section-title">${title}</h1><p>${t(text)}</p>`
        : html`<h1 class="section-title">${title}</h1><p>${t('comments.optOut.ask')}</p><form method="post" action="/comments/opt-out"><input type="hidden" name="token" value="${token}"><button type="submit">${t('comments.optOut.button')}</button></form>`;
    return sendMemberPage(
      reply,
      status,
      renderLayout({
        settings,
        baseUrl,
        title,
        description: title,
        canonicalPath: '/comments/opt-out',
        lang: settings.language,
        locale,
        noindex: true,
        body: html`<div class="account">${body}</div>`,
      }),
    );
  };
  const tokenShape = /^[A-Za-z0-9_-]{43}$/;
  app.get('/comments/opt-out', async (request, reply) => {
    const token = String((request.query as { token?: unknown }).token ?? '');
    if (!tokenShape.test(token)) return optOutPage(reply, 404, 'comments.optOut.invalid');
    return optOutPage(reply, 200, 'comments.optOut.text', token);
  });
  // RFC 8058 one-click as well: the mail provider posts `List-Unsubscribe=One-Click` to the
  // header's URL, the token in its query. No cookie, no CSRF token: the token is the authority.
  app.post('/comments/opt-out', async (request, reply) => {
    const query = String((request.query as { token?: unknown }).token ?? '');
    const token = field(readForm(request.body), 'token') || query;
    const changed =
      tokenShape.test(token) &&
      (await optOutByHash(db, hashOptOutToken(token), nowIso(services.now())));
    return changed
      ? optOutPage(reply, 200, 'comments.optOut.text')
      : optOutPage(reply, 404, 'comments.optOut.invalid');
  });
}
