import { html } from '../platform/http/html.js';
import { localeFor, translate } from '../site/i18n/translate.js';
import { registerSlotRenderer } from '../site/slots.js';
import { commentsAssets } from './comments-assets.js';
import { currentArticleMode } from './comment-settings.js';

let registered = false;

/**
 * Puts a link to the article's comments page and the count script at the end of the article
 * (ADR 0028). The markup is the same for every reader and does not change with each comment,
 * so the article page stays in the page cache; the count arrives after load. It depends only
 * on whether comments are open here (this process's copy of the settings; a change purges).
 */
export function registerCommentsSlot(): void {
  if (registered) return;
  registered = true;
  registerSlotRenderer('comments', (context) => {
    if (context.page !== 'article' || context.articleId === undefined || !context.path)
      return undefined;
    if (currentArticleMode(context.articleId) === 'off') return undefined;
    const t = (key: 'comments.link' | 'comments.read') =>
      translate(localeFor(context.language), key);
    const slug = context.path.replace(/^\/|\/$/g, '');
    return html`<section class="article-comments" data-comments aria-label="${t('comments.link')}"><p><a href="/comments/${slug}/" data-comments-count="${String(context.articleId)}">${t('comments.read')}</a></p><script src="${commentsAssets().script.path}" defer></script></section>`;
  });
}
