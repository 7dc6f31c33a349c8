import { html, type SafeHtml, unsafeRaw } from '../../platform/http/html.js';
import { renderTime } from '../components.js';
import { type Locale, translator } from '../i18n/translate.js';
import { renderSlot, type SlotContext } from '../slots.js';
import type { KeyEvent, LiveFeed, LiveItem } from './live-feed.js';
import { feedDigest, type RenderedFeed } from './live-hub.js';

// The live coverage's markup: the same functions render the page, the JSON the script polls
// and the SSE messages, so an update inserted by the script is byte for byte what a reload shows.

export interface LiveRenderContext {
  slug: string;
  locale: Locale;
  timeZone: string;
}

/** One update, as an `<article>` with its permalink (`#update-ID`) and standalone page link. */
export function renderLiveItem(
  item: LiveItem,
  context: LiveRenderContext,
  idPrefix = 'update',
): SafeHtml {
  const t = translator(context.locale);
  const byline =
    item.authors.length > 0
      ? html`<span class="live-update__byline">${item.authors.map((a, i) => html`${i > 0 ? ', ' : ''}<a href="/author/${a.slug}/">${a.name}</a>`)}</span>`
      : '';
  return html`<article class="live-update${item.keyEvent ? ' live-update--key' : ''}${item.pinned ? ' live-update--pinned' : ''}" id="${idPrefix}-${item.id}" data-update-id="${item.id}" data-version="${item.version}" data-published="${item.publishedAt}">
<header class="live-update__header"><a class="live-update__time" href="/${context.slug}/updates/${item.id}/">${renderTime(item.publishedAt, context.timeZone, context.locale)}</a>${item.keyEvent ? html` <span class="live-update__label">${t('live.keyEvent')}</span>` : ''}${item.pinned && idPrefix === 'pinned' ? html` <span class="live-update__label live-update__label--pinned">${t('live.pinned')}</span>` : ''}${item.headline ? html`<h3 class="live-update__headline">${item.headline}</h3>` : ''}</header>
<div class="live-update__body">${unsafeRaw(item.html)}</div>
${item.correction ? html`<p class="live-update__correction"><strong>${t('live.correction')}:</strong> ${item.correction}</p>` : ''}
<footer class="live-update__footer">${byline}<a class="live-update__link" href="/${context.slug}/#update-${item.id}">${t('live.permalink')}</a></footer>
</article>`;
}

export function renderKeyEvents(events: KeyEvent[], context: LiveRenderContext): SafeHtml | '' {
  if (events.length === 0) return '';
  const t = translator(context.locale);
  return html`<nav class="live__key-events" aria-labelledby="live-key-events-title"><h2 class="section-title" id="live-key-events-title">${t('live.keyEvents')}</h2><ol>${events.map(
    (e) =>
      html`<li><a href="/${context.slug}/#update-${e.id}">${renderTime(e.publishedAt, context.timeZone, context.locale)} <span>${e.headline}</span></a></li>`,
  )}</ol></nav>`;
}

export function renderPinned(items: LiveItem[], context: LiveRenderContext): SafeHtml | '' {
  if (items.length === 0) return '';
  return html`<div class="live__pinned">${items.map((item) => renderLiveItem(item, context, 'pinned'))}</div>`;
}

/** The live or ended line at the top of the coverage. */
export function renderLiveStatus(feed: LiveFeed, context: LiveRenderContext): SafeHtml {
  const t = translator(context.locale);
  return feed.state === 'live'
    ? html`<p class="live__status"><span class="live-badge">${t('live.badge')}</span></p>`
    : html`<p class="live__status live__status--ended">${t('live.ended')} ${feed.endedAt ? renderTime(feed.endedAt, context.timeZone, context.locale) : ''}</p>`;
}

/** The link to the next older page of updates (works without JavaScript). */
export function renderEarlierLink(feed: LiveFeed, context: LiveRenderContext): SafeHtml | '' {
  if (feed.nextBefore === null) return '';
  const t = translator(context.locale);
  return html`<p class="live__earlier"><a href="/${context.slug}/updates/?before=${feed.nextBefore}" data-before="${feed.nextBefore}">${t('live.loadEarlier')}</a></p>`;
}

/**
 * The coverage under the article's body: status, key events, pinned updates, the latest updates,
 * the "N new updates" bar and its screen-reader announcement (both filled by the live script).
 * Built from the same parts as live.json and the SSE messages; `data-live-digest` names the
 * state the page shows, so the script's stream starts from exactly there.
 */
export function renderLiveSection(
  feed: LiveFeed,
  context: LiveRenderContext,
  slotContext: SlotContext,
  scriptPath: string,
): SafeHtml {
  const t = translator(context.locale);
  const parts = renderFeedParts(feed, context);
  const updates =
    parts.updates.length === 0
      ? html`<p class="live__empty">${t('live.noUpdates')}</p>`
      : unsafeRaw(parts.updates.map((u) => u.html).join('\n'));
  return html`<section class="live" id="live" aria-labelledby="live-updates-title" data-live-json="/${context.slug}/live.json" data-live-stream="/${context.slug}/live/stream" data-live-state="${feed.state}" data-live-digest="${feedDigest(parts, feed.state)}">
${unsafeRaw(parts.statusHtml)}
<div class="live__key-events-block">${unsafeRaw(parts.keyEventsHtml)}</div>
${renderSlot('live-summary-audio', slotContext)}
${renderSlot('live-follow', slotContext)}
<div class="live__pinned-block">${unsafeRaw(parts.pinnedHtml)}</div>
<h2 class="section-title" id="live-updates-title">${t('live.updates')}</h2>
<div class="live__new-bar" hidden></div>
<div class="visually-hidden" aria-live="polite" aria-atomic="true" data-live-announce></div>
<div class="live__updates">${updates}</div>
${unsafeRaw(parts.earlierHtml)}
</section>
<script src="${scriptPath}" defer></script>`;
}

/** A feed's parts as markup strings: the JSON the script polls and the SSE hub's snapshot. */
export function renderFeedParts(feed: LiveFeed, context: LiveRenderContext): RenderedFeed {
  return {
    updates: feed.updates.map((item) => ({
      id: item.id,
      version: item.version,
      publishedAt: item.publishedAt,
      html: renderLiveItem(item, context).value,
    })),
    keyEventsHtml: String(renderKeyEvents(feed.keyEvents, context)),
    pinnedHtml: String(renderPinned(feed.pinned, context)),
    statusHtml: renderLiveStatus(feed, context).value,
    earlierHtml: String(renderEarlierLink(feed, context)),
    more: feed.nextBefore !== null,
  };
}
