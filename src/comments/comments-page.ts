import { html, type SafeHtml } from '../platform/http/html.js';
import type { SiteSettings } from '../platform/settings/site-settings.js';
import { accountStyles } from '../revenue/members/account-styles.js';
import type { MessageKey } from '../site/i18n/messages.en.js';
import {
  hasCatalog,
  intlLocale,
  type Locale,
  localeFor,
  translator,
  type Translate,
} from '../site/i18n/translate.js';
import { renderLayout } from '../site/layout.js';
import { parseStoredBody, renderCommentBody } from './comment-body.js';
import type { CommentableArticle, CommentRow } from './comment.repository.js';
import { editWindowMs } from './comment.service.js';
import { commentsAssets } from './comments-assets.js';

// GET /comments/<slug>/: the article's comments for one reader (never cached). Every reader's
// text goes through renderCommentBody, which escapes it; nothing stored is raw HTML. It works
// without JavaScript: replies and edits open in <details>, every action is a form POST with
// the session's CSRF token.

export type Viewer =
  | { state: 'allowed'; memberId: number; csrf: string; name: string }
  | { state: 'closed' | 'sign-in' | 'paying-only' | 'banned'; memberId?: number; csrf?: string };

export interface CommentsView {
  settings: SiteSettings;
  baseUrl: string;
  article: CommentableArticle;
  comments: CommentRow[];
  viewer: Viewer;
  now: Date;
  notice?: MessageKey | undefined;
  error?: { message: string; body?: string; parentId?: number } | undefined;
}

/** The page's language: the article's when we have a catalog for it, else the site's. */
export function viewLocale(settings: SiteSettings, article: { language: string }): Locale {
  return hasCatalog(article.language) ? localeFor(article.language) : localeFor(settings.language);
}

function hiddenCsrf(csrf: string | undefined): SafeHtml {
  return html`<input type="hidden" name="csrf" value="${csrf ?? ''}">`;
}

function bodyForm(
  t: Translate,
  view: CommentsView,
  options: { id: string; action: string; button: string; body?: string; parentId?: number },
): SafeHtml {
  const viewer = view.viewer;
  const askName = options.parentId === undefined && !options.action.endsWith('/edit');
  return html`<form class="account-form" method="post" action="${options.action}">
${hiddenCsrf(viewer.csrf)}
${options.parentId !== undefined ? html`<input type="hidden" name="parent" value="${String(options.parentId)}">` : ''}
<label for="${options.id}">${t('comments.form.body')}</label>
<textarea id="${options.id}" name="body" required maxlength="20000" aria-describedby="${options.id}-hint">${options.body ?? ''}</textarea>
<p class="account-note" id="${options.id}-hint">${t('comments.form.hint')}</p>
${
  askName && viewer.state === 'allowed'
    ? html`<label for="${options.id}-name">${t('comments.form.name')}</label><input id="${options.id}-name" type="text" name="name" maxlength="60" autocomplete="nickname" value="${viewer.name}">`
    : ''
}
<button type="submit">${options.button}</button>
</form>`;
}

function renderComment(
  t: Translate,
  view: CommentsView,
  row: CommentRow,
  formatTime: (iso: string) => string,
  replies: CommentRow[],
): SafeHtml {
  const base = `/comments/${view.article.slug}/${row.id}`;
  if (row.status === 'deleted' || row.status === 'hidden')
    return html`<li><article class="comment" id="comment-${String(row.id)}"><p class="comment__placeholder">${t(row.status === 'deleted' ? 'comments.deleted' : 'comments.hidden')}</p>${renderReplies(t, view, replies, formatTime)}</article></li>`;
  const viewer = view.viewer;
  const own = viewer.memberId !== undefined && viewer.memberId === row.member_id;
  const canAct = viewer.state === 'allowed';
  const editable = own && view.now.getTime() - new Date(row.created_at).getTime() <= editWindowMs;
  const actions: SafeHtml[] = [];
  if (canAct && row.parent_id === null && row.status === 'published')
    actions.push(
      html`<details${view.error?.parentId === row.id ? html` open` : ''}><summary>${t('comments.reply')}</summary>${bodyForm(
        t,
        view,
        {
          id: `reply-${row.id}`,
          action: `/comments/${view.article.slug}/`,
          button: t('comments.form.post'),
          parentId: row.id,
          ...(view.error?.parentId === row.id ? { body: view.error.body ?? '' } : {}),
        },
      )}</details>`,
    );
  if (editable && viewer.csrf)
    actions.push(
      html`<details><summary>${t('comments.edit')}</summary>${bodyForm(t, view, {
        id: `edit-${row.id}`,
        action: `${base}/edit`,
        button: t('comments.save'),
        body: commentTextForEditing(row),
      })}</details>`,
    );
  if (own && viewer.csrf)
    actions.push(
      html`<form method="post" action="${base}/delete">${hiddenCsrf(viewer.csrf)}<button type="submit">${t('comments.delete')}</button></form>`,
    );
  if (!own && viewer.csrf && row.status === 'published')
    actions.push(
      html`<form method="post" action="${base}/report">${hiddenCsrf(viewer.csrf)}<button type="submit">${t('comments.report')}</button></form>`,
    );
  const held = row.status === 'held';
  return html`<li><article class="comment${held ? ' comment--held' : ''}" id="comment-${String(row.id)}" aria-labelledby="comment-${String(row.id)}-author">
<p class="comment__meta"><span class="comment__author" id="comment-${String(row.id)}-author">${row.author_name}</span> <time datetime="${row.created_at}">${formatTime(row.created_at)}</time>${row.edited_at ? html` <span>(${t('comments.edited')})</span>` : ''}</p>
${held ? html`<p class="comment__placeholder">${t('comments.held')}</p>` : ''}
<div class="comment__body">${renderCommentBody(parseStoredBody(row.body))}</div>
${actions.length > 0 ? html`<div class="comment__actions">${actions}</div>` : ''}
${renderReplies(t, view, replies, formatTime)}
</article></li>`;
}

function renderReplies(
  t: Translate,
  view: CommentsView,
  replies: CommentRow[],
  formatTime: (iso: string) => string,
): SafeHtml | '' {
  if (replies.length === 0) return '';
  return html`<ol class="comment__replies" aria-label="${t('comments.replies')}">${replies.map((reply) => renderComment(t, view, reply, formatTime, []))}</ol>`;
}

/** The stored body back as the text a reader would type (for the edit box). */
function commentTextForEditing(row: CommentRow): string {
  return parseStoredBody(row.body)
    .map((block) => {
      const text = block.content
        .map((part) =>
          'br' in part
            ? '\n'
            : part.href && part.href !== part.text
              ? `${part.text} (${part.href})`
              : part.text,
        )
        .join('');
      return block.type === 'quote' ? text.replace(/^/gm, '> ') : text;
    })
    .join('\n\n');
}

function renderFormArea(t: Translate, view: CommentsView): SafeHtml {
  const { viewer, article } = view;
  const next = encodeURIComponent(`/comments/${article.slug}/`);
  switch (viewer.state) {
    case 'allowed':
      return html`<section aria-labelledby="comment-form-title"><h2 id="comment-form-title">${t('comments.form.title')}</h2>${bodyForm(
        t,
        view,
        {
          id: 'comment-body',
          action: `/comments/${article.slug}/`,
          button: t('comments.form.post'),
          ...(view.error && view.error.parentId === undefined
            ? { body: view.error.body ?? '' }
            : {}),
        },
      )}</section>`;
    case 'sign-in':
      return html`<p>${t('comments.signIn')} <a href="/account/sign-in?next=${next}">${t('comments.signInLink')}</a></p>`;
    case 'paying-only':
      return html`<p>${t('comments.payingOnly')} <a href="/support/">${t('comments.becomeMember')}</a></p>`;
    case 'banned':
      return html`<p>${t('comments.banned')}</p>`;
    case 'closed':
      return html`<p>${t('comments.closed')}</p>`;
    default: {
      const unreachable: never = viewer;
      return unreachable;
    }
  }
}

/** The whole comments page. */
export function renderCommentsPage(view: CommentsView): string {
  const locale = viewLocale(view.settings, view.article);
  const t = translator(locale);
  const format = new Intl.DateTimeFormat(intlLocale(locale), {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: view.settings.timeZone,
  });
  const formatTime = (iso: string) => format.format(new Date(iso));
  const top = view.comments.filter((row) => row.parent_id === null);
  const repliesOf = (id: number) => view.comments.filter((row) => row.parent_id === id);
  const title = t('comments.title', { title: view.article.title });
  const path = `/comments/${view.article.slug}/`;
  const { styles } = commentsAssets();
  const body = html`<div class="comments">
<h1 class="section-title">${title}</h1>
<p><a href="/${view.article.slug}/">${t('comments.backToArticle')}</a></p>
${view.notice ? html`<p class="comments-notice" role="status">${t(view.notice)}</p>` : ''}
${view.error ? html`<div class="account-error" role="alert"><p>${t('comments.form.error')}</p><p>${view.error.message}</p></div>` : ''}
${renderFormArea(t, view)}
${
  top.length > 0
    ? html`<ol class="comment-list">${top.map((row) => renderComment(t, view, row, formatTime, repliesOf(row.id)))}</ol>`
    : html`<p>${t('comments.none')}</p>`
}
</div>`;
  return renderLayout({
    settings: view.settings,
    baseUrl: view.baseUrl,
    title,
    description: title,
    canonicalPath: path,
    lang: view.article.language,
    locale,
    noindex: true,
    currentPath: path,
    body,
    head: html`<link rel="stylesheet" href="${accountStyles().path}"><link rel="stylesheet" href="${styles.path}">`,
  });
}
