import { html } from '../platform/http/html.js';
import type { SiteSettings } from '../platform/settings/site-settings.js';
import {
  renderByline,
  renderCardKeyEvents,
  renderPagination,
  renderStoryList,
  renderTime,
} from './components.js';
import { renderHomeHead } from './distribution/sharing-tags.js';
import { localeFor, translator } from './i18n/translate.js';
import { renderLayout } from './layout.js';
import type { loadHome } from './site.queries.js';
import { renderSlot } from './slots.js';

type HomeData = Awaited<ReturnType<typeof loadHome>>;

/** The news feed: lead story, the latest stream, Editors' Picks, more news. */
export function renderHomePage(settings: SiteSettings, baseUrl: string, data: HomeData): string {
  const zone = settings.timeZone;
  const lead = data.lead;
  const locale = localeFor(settings.language);
  const t = translator(locale);
  const main = html`<h1 class="section-title">${data.page === 1 ? t('home.newsFeed') : t('home.newsFeedPage', { page: data.page })}</h1>
${data.briefing ? renderSlot('home-briefing', { page: 'home', language: settings.language, briefing: data.briefing, audioDisclosure: settings.audioDisclosure }) : ''}
<div class="home-grid">
<div>
${
  lead
    ? html`<article class="lead">${lead.tags[0] ? html`<a class="kicker" href="/tag/${lead.tags[0].slug}/">${lead.tags[0].name}</a>` : ''}<h2 class="lead__title">${lead.live ? html`<span class="live-badge">${t('live.badge')}</span> ` : ''}<a href="/${lead.slug}/">${lead.title}</a></h2>${
        lead.excerpt ? html`<p class="lead__excerpt">${lead.excerpt}</p>` : ''
      }${renderCardKeyEvents(lead, zone, locale)}${renderByline(lead.authors, locale)}<p class="meta">${renderTime(lead.published_at, zone, locale)}</p></article>`
    : ''
}
${data.feed.length > 0 ? renderStoryList(data.feed, zone, { excerpt: true, headingLevel: 2, locale }) : data.lead ? '' : html`<p>${t('home.empty')}</p>`}
${renderPagination('/', data.page, data.hasOlder, locale)}
</div>
<div>
${
  data.picks.length > 0
    ? html`<section class="aside-block" aria-labelledby="picks-title"><h2 class="section-title" id="picks-title">${t('home.editorsPicks')}</h2>${renderStoryList(data.picks, zone, { compact: true, className: 'picks', locale })}</section>`
    : ''
}
${renderSlot('home-newsletter-signup', { page: 'home', language: settings.language })}
${
  data.more.length > 0
    ? html`<section class="aside-block" aria-labelledby="more-title"><h2 class="section-title" id="more-title">${t('home.moreNews')}</h2>${renderStoryList(data.more, zone, { compact: true, locale })}</section>`
    : ''
}
</div>
</div>`;
  return renderLayout({
    settings,
    baseUrl,
    title: data.page === 1 ? settings.name : t('home.newsFeedPageTitle', { page: data.page }),
    description: settings.description,
    canonicalPath: data.page === 1 ? '/' : `/?page=${data.page}`,
    lang: settings.language,
    locale,
    body: main,
    currentPath: '/',
    ...(data.page === 1 ? { head: renderHomeHead(settings, baseUrl) } : {}),
  });
}
