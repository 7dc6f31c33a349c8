import type { AuthorRow, TagRow } from '../content/content.table.js';
import { html, type SafeHtml } from '../platform/http/html.js';
import { toZonedIso } from '../platform/time-zone.js';
import { renderCardAddons } from './slots.js';
import { formatDateTime } from './format.js';
import { type Locale, translate } from './i18n/translate.js';
import type { StorySummary } from './site.queries.js';

/** "By A, B and C" / "Автори: A, B і C", each linked to their page; a desk reads as its name. */
export function renderByline(authors: AuthorRow[], locale: Locale = 'en'): SafeHtml | '' {
  if (authors.length === 0) return '';
  const links = authors.map((a) => html`<a href="/author/${a.slug}/">${a.name}</a>`);
  const and = ` ${translate(locale, 'article.bylineAnd')} `;
  const joined: Array<SafeHtml | string> = [];
  links.forEach((link, i) => {
    if (i > 0) joined.push(i === links.length - 1 ? and : ', ');
    joined.push(link);
  });
  return html`<p class="byline">${translate(locale, 'article.byline', { count: authors.length })} ${joined}</p>`;
}

/** A `<time>` with the ISO instant (zone offset included) and the newsroom-zone wording. */
export function renderTime(
  iso: string | null,
  timeZone: string,
  locale: Locale = 'en',
): SafeHtml | '' {
  if (!iso) return '';
  return html`<time datetime="${toZonedIso(new Date(iso), timeZone)}">${formatDateTime(iso, timeZone, locale)}</time>`;
}

export interface StoryListOptions {
  excerpt?: boolean;
  compact?: boolean;
  headingLevel?: 2 | 3;
  className?: string;
  /** The interface language (dates); the site's language. */
  locale?: Locale;
}

/** One story in a list: kicker (first tag), headline, optional excerpt, meta line. */
export function renderCard(
  story: StorySummary,
  timeZone: string,
  options: StoryListOptions = {},
): SafeHtml {
  const locale = options.locale ?? 'en';
  const tag = story.tags[0];
  const badge = story.live
    ? html`<span class="live-badge">${translate(locale, 'live.badge')}</span> `
    : '';
  const title = html`${badge}<a href="/${story.slug}/">${story.title}</a>`;
  const heading =
    options.headingLevel === 2
      ? html`<h2 class="card__title">${title}</h2>`
      : html`<h3 class="card__title">${title}</h3>`;
  return html`<li class="card${options.compact ? ' card--compact' : ''}">${tag ? html`<a class="kicker" href="/tag/${tag.slug}/">${tag.name}</a>` : ''}${heading}${
    options.excerpt && story.excerpt ? html`<p class="card__excerpt">${story.excerpt}</p>` : ''
  }${renderCardKeyEvents(story, timeZone, locale)}<p class="meta">${story.authors.map((a) => a.name).join(', ')}${story.authors.length > 0 ? ' · ' : ''}${renderTime(story.published_at, timeZone, locale)}</p>${renderCardAddons(story, locale)}</li>`;
}

/** A live coverage's latest key events under its card (links into the live page). */
export function renderCardKeyEvents(
  story: StorySummary,
  timeZone: string,
  locale: Locale,
): SafeHtml | '' {
  if (!story.live || story.live.keyEvents.length === 0) return '';
  return html`<ul class="card__key-events">${story.live.keyEvents.map(
    (e) =>
      html`<li><a href="/${story.slug}/#update-${e.id}">${renderTime(e.publishedAt, timeZone, locale)} ${e.headline}</a></li>`,
  )}</ul>`;
}

/** A list of story cards. */
export function renderStoryList(
  stories: StorySummary[],
  timeZone: string,
  options: StoryListOptions = {},
): SafeHtml {
  return html`<ul class="story-list${options.className ? ` ${options.className}` : ''}">${stories.map((s) => renderCard(s, timeZone, options))}</ul>`;
}

/** Tag pills. */
export function renderTags(tags: TagRow[], locale: Locale = 'en'): SafeHtml | '' {
  if (tags.length === 0) return '';
  return html`<nav aria-label="${translate(locale, 'article.topics')}"><ul class="tags">${tags.map((t) => html`<li><a href="/tag/${t.slug}/" rel="tag">${t.name}</a></li>`)}</ul></nav>`;
}

/** Newer/older links for a paged list at `basePath`. */
export function renderPagination(
  basePath: string,
  page: number,
  hasOlder: boolean,
  locale: Locale = 'en',
): SafeHtml | '' {
  if (page <= 1 && !hasOlder) return '';
  const href = (n: number) => (n === 1 ? basePath : `${basePath}?page=${n}`);
  return html`<nav class="pagination" aria-label="${translate(locale, 'pagination.label')}">${page > 1 ? html`<a href="${href(page - 1)}" rel="prev">${translate(locale, 'pagination.newer')}</a>` : html`<span></span>`}${
    hasOlder
      ? html`<a href="${href(page + 1)}" rel="next">${translate(locale, 'pagination.older')}</a>`
      : ''
  }</nav>`;
}
