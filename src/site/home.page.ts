import { html } from '../platform/http/html.js';
import type { SiteSettings } from '../platform/settings/site-settings.js';
import { renderByline, renderPagination, renderStoryList, renderTime } from './components.js';
import { renderHomeHead } from './distribution/sharing-tags.js';
import { renderLayout } from './layout.js';
import type { loadHome } from './site.queries.js';
import { renderSlot } from './slots.js';

type HomeData = Awaited<ReturnType<typeof loadHome>>;

/** The news feed: lead story, the latest stream, Editors' Picks, more news. */
export function renderHomePage(settings: SiteSettings, baseUrl: string, data: HomeData): string {
  const zone = settings.timeZone;
  const lead = data.lead;
  const main = html`<h1 class="section-title">${data.page === 1 ? 'News Feed' : `News Feed — page ${data.page}`}</h1>
<div class="home-grid">
<div>
${
  lead
    ? html`<article class="lead">${lead.tags[0] ? html`<a class="kicker" href="/tag/${lead.tags[0].slug}/">${lead.tags[0].name}</a>` : ''}<h2 class="lead__title"><a href="/${lead.slug}/">${lead.title}</a></h2>${
        lead.excerpt ? html`<p class="lead__excerpt">${lead.excerpt}</p>` : ''
      }${renderByline(lead.authors)}<p class="meta">${renderTime(lead.published_at, zone)}</p></article>`
    : ''
}
${data.feed.length > 0 ? renderStoryList(data.feed, zone, { excerpt: true, headingLevel: 2 }) : data.lead ? '' : html`<p>No stories have been published yet.</p>`}
${renderPagination('/', data.page, data.pageCount)}
</div>
<div>
${
  data.picks.length > 0
    ? html`<section class="aside-block" aria-labelledby="picks-title"><h2 class="section-title" id="picks-title">Editors' Picks</h2>${renderStoryList(data.picks, zone, { compact: true, className: 'picks' })}</section>`
    : ''
}
${renderSlot('home-newsletter-signup', { page: 'home', language: settings.language })}
${
  data.more.length > 0
    ? html`<section class="aside-block" aria-labelledby="more-title"><h2 class="section-title" id="more-title">More News</h2>${renderStoryList(data.more, zone, { compact: true })}</section>`
    : ''
}
</div>
</div>`;
  return renderLayout({
    settings,
    baseUrl,
    title: data.page === 1 ? settings.name : `News Feed, page ${data.page}`,
    description: settings.description,
    canonicalPath: data.page === 1 ? '/' : `/?page=${data.page}`,
    lang: settings.language,
    body: main,
    currentPath: '/',
    ...(data.page === 1 ? { head: renderHomeHead(settings, baseUrl) } : {}),
  });
}
