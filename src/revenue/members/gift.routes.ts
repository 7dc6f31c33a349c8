import type { FastifyInstance, FastifyReply } from 'fastify';
import { grantsAccess, isGated, readAccessRule } from '../../content/access/access-level.js';
import {
  createGiftLink,
  giftLinkDefaults,
  giftLinksCreatedToday,
  giftLinksPerDay,
} from '../../content/access/gift-links.js';
import { field, fromOurSite, readForm } from '../../newsletters/signup.routes.js';
import type { Executor } from '../../platform/db/database.js';
import { html } from '../../platform/http/html.js';
import type { RevenueServices } from '../payment-provider.js';
import { memberEntitlement } from './member-entitlement.js';
import { sendMemberPage } from './member-http.js';
import { memberPage, pageLocale, renderMessagePage } from './member-pages.js';
import { type CurrentMember, currentMember } from './member-session.js';
import { csrfTokenFor, isValidCsrfToken } from './member-tokens.js';

// Gift links (issue 17): a member who may read a gated story creates a link that opens it in
// full for anyone, for a few days and a number of opens (content/access/gift-links.ts). The
// article's page links here with its id; this page (uncached, the member's own) asks to
// confirm with the session's CSRF token, and the POST shows the link.

async function findGiftableArticle(db: Executor, rawId: unknown) {
  const id = typeof rawId === 'string' && /^[1-9]\d{0,9}$/.test(rawId) ? Number(rawId) : 0;
  if (id === 0) return undefined;
  return db
    .selectFrom('articles')
    .select(['id', 'title', 'slug', 'status', 'access_level', 'access_tiers'])
    .where('id', '=', id)
    .where('status', '=', 'published')
    .executeTakeFirst();
}

export function registerGiftRoutes(app: FastifyInstance, services: RevenueServices): void {
  const { db } = services.database;
  const { baseUrl } = services.config;
  const siteOrigin = new URL(baseUrl).origin;
  const base = async () => ({ settings: await services.settings.get(), baseUrl });

  async function message(reply: FastifyReply, status: number, title: string, text: string) {
    const b = await base();
    const { t } = pageLocale(b.settings);
    return sendMemberPage(
      reply,
      status,
      renderMessagePage(b, { title, text, link: { href: '/', label: t('access.gift.home') } }),
    );
  }

  /** The article the member may give, or an answer saying why not. */
  async function giftable(reply: FastifyReply, current: CurrentMember, rawId: unknown) {
    const { t } = pageLocale((await base()).settings);
    const article = await findGiftableArticle(db, rawId);
    if (!article) {
      await message(reply, 404, t('access.gift.missing.title'), t('access.gift.missing.text'));
      return undefined;
    }
    const rule = readAccessRule(article);
    if (!isGated(rule)) {
      await message(
        reply,
        422,
        t('access.gift.free.title'),
        t('access.gift.free.text', { url: `${baseUrl}/${article.slug}/` }),
      );
      return undefined;
    }
    const entitlement = await memberEntitlement(db, current.session.member_id);
    if (!grantsAccess(entitlement, rule)) {
      await message(reply, 403, t('access.gift.notYours.title'), t('access.gift.notYours.text'));
      return undefined;
    }
    return article;
  }

  app.get('/account/gift', async (request, reply) => {
    const rawId = (request.query as { article?: unknown }).article;
    const current = await currentMember(services, request);
    if (!current)
      return reply
        .header('cache-control', 'no-store, private')
        .redirect(
          `/account/sign-in?next=${encodeURIComponent(`/account/gift?article=${String(rawId ?? '')}`)}`,
          303,
        );
    const article = await giftable(reply, current, rawId);
    if (!article) return reply;
    const b = await base();
    const { t } = pageLocale(b.settings);
    const title = t('access.gift.title');
    return sendMemberPage(
      reply,
      200,
      memberPage(
        b,
        '/account/gift',
        title,
        html`<h1 class="section-title">${title}</h1>
<p>${t('access.gift.explain', { title: article.title, days: giftLinkDefaults.days, opens: giftLinkDefaults.maxOpens })}</p>
<form class="account-form" method="post" action="/account/gift"><input type="hidden" name="csrf" value="${csrfTokenFor(current.token)}"><input type="hidden" name="article" value="${String(article.id)}"><button type="submit">${t('access.gift.create')}</button></form>`,
      ),
    );
  });

  app.post('/account/gift', async (request, reply) => {
    const current = await currentMember(services, request);
    if (!current)
      return reply.header('cache-control', 'no-store, private').redirect('/account/sign-in', 303);
    const form = readForm(request.body);
    const { t } = pageLocale((await base()).settings);
    if (!fromOurSite(request, siteOrigin) || !isValidCsrfToken(current.token, field(form, 'csrf')))
      return message(reply, 403, t('members.forbidden.title'), t('members.forbidden.text'));
    const article = await giftable(reply, current, field(form, 'article'));
    if (!article) return reply;
    const now = services.now();
    if ((await giftLinksCreatedToday(db, current.session.member_id, now)) >= giftLinksPerDay)
      return message(
        reply,
        429,
        t('access.gift.limit.title'),
        t('access.gift.limit.text', { n: giftLinksPerDay }),
      );
    const link = await createGiftLink(db, {
      articleId: article.id,
      memberId: current.session.member_id,
      now,
    });
    const url = `${baseUrl}/${article.slug}/?gift=${link.token}`;
    const b = await base();
    const { locale } = pageLocale(b.settings);
    const until = new Intl.DateTimeFormat(locale, {
      dateStyle: 'long',
      timeZone: b.settings.timeZone,
    }).format(new Date(link.expiresAt));
    const title = t('access.gift.ready.title');
    return sendMemberPage(
      reply,
      200,
      memberPage(
        b,
        '/account/gift',
        title,
        html`<h1 class="section-title">${title}</h1>
<p>${t('access.gift.ready.text', { title: article.title, until, opens: link.maxOpens })}</p>
<p class="account-form"><label for="gift-link">${t('access.gift.ready.label')}</label><textarea id="gift-link" readonly rows="3" cols="60">${url}</textarea></p>
<p><a href="/${article.slug}/">${t('access.gift.back')}</a></p>`,
      ),
    );
  });
}
