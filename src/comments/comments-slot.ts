import { html } from '../platform/http/html.js';
import { localeFor, translate } from '../site/i18n/translate.js';
import { registerCardAddon, registerSlotRenderer } from '../site/slots.js';
import { commentsAssets } from './comments-assets.js';
import { anyCommentsOpen, currentArticleMode } from './comment-settings.js';

let registered = false;

/**
 * Puts a link to the article's comments page at the end of the article, an empty count line
 * on every story card, and the count script at the end of the page (ADR 0028). The markup is
 * the same for every reader and does not change with each comment, so pages stay in the page
 * cache; counts arrive after load (cards show theirs only then: without JavaScript, none). It
 * depends only on whether comments are open (this process's copy of the settings; a change
 * purges the cache).
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
    return html`<section class="article-comments" data-comments aria-label="${t('comments.link')}"><p><a href="/comments/${slug}/" data-comments-count="${String(context.articleId)}">${t('comments.read')}</a></p></section>`;
  });
  registerCardAddon((story, locale) =>
    currentArticleMode(story.id) === 'off'
      ? undefined
      : html`<p class="meta card__comments" data-comments hidden><a href="/comments/${story.slug}/" data-comments-count="${String(story.id)}" data-comments-card>${translate(localeFor(locale), 'comments.link')}</a></p>`,
  );
  registerSlotRenderer('comment-counts', () =>
    anyCommentsOpen()
      ? html`<script src="${commentsAssets().script.path}" defer></script>`
      : undefined,
  );
}
