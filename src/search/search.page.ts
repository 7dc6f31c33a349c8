import { html, type SafeHtml, unsafeRaw } from '../platform/http/html.js';
import type { SiteSettings } from '../platform/settings/site-settings.js';
import { renderTime } from '../site/components.js';
import { type Locale, localeFor, type Translate, translator } from '../site/i18n/translate.js';
import { renderLayout } from '../site/layout.js';
import type { SearchHit, SearchInput, SearchOutcome } from './search.service.js';

export interface SearchPageInput {
  settings: SiteSettings;
  baseUrl: string;
  params: SearchInput;
  /** Undefined when the filters were invalid (then `errors` says why). */
  outcome: SearchOutcome | undefined;
  errors: Record<string, string[]> | undefined;
}

const fieldLabels = {
  q: 'search.button',
  tag: 'search.topic',
  author: 'search.author',
  from: 'search.from',
  to: 'search.to',
  page: 'search.page',
} as const;

function fieldLabel(t: Translate, field: string): string {
  return field in fieldLabels ? t(fieldLabels[field as keyof typeof fieldLabels]) : field;
}

/** The URL of a results page with the same query and filters. */
function pageHref(params: SearchInput, page: number): string {
  const query = new URLSearchParams();
  query.set('q', params.q);
  for (const key of ['tag', 'author', 'from', 'to'] as const) {
    const value = params[key];
    if (value) query.set(key, value);
  }
  if (page > 1) query.set('page', String(page));
  return `/search?${query.toString()}`;
}

function renderHit(hit: SearchHit, timeZone: string, locale: Locale): SafeHtml {
  const tag = hit.tags[0];
  return html`<li class="card">${tag ? html`<a class="kicker" href="/tag/${tag.slug}/">${tag.name}</a>` : ''}<h2 class="card__title"><a href="/${hit.slug}/">${unsafeRaw(hit.titleHtml)}</a></h2>${
    // snippetHtml and titleHtml are escaped text with <mark> added by highlightSnippet.
    hit.snippetHtml
      ? html`<p class="card__excerpt search-snippet">${unsafeRaw(hit.snippetHtml)}</p>`
      : ''
  }<p class="meta">${hit.authors.map((a) => a.name).join(', ')}${hit.authors.length > 0 ? ' · ' : ''}${renderTime(hit.published_at, timeZone, locale)}</p></li>`;
}

function renderForm(params: SearchInput, t: Translate): SafeHtml {
  const hidden = (['tag', 'author'] as const).flatMap((key) => {
    const value = params[key];
    return value ? [html`<input type="hidden" name="${key}" value="${value}">`] : [];
  });
  return html`<form class="search-form" action="/search" method="get">
<div class="search-form__query">
<label for="search-q">${t('search.searchFor')}</label>
<input id="search-q" type="search" name="q" value="${params.q}" maxlength="500" autocomplete="off">
<button type="submit">${t('search.button')}</button>
</div>
<fieldset class="search-form__dates">
<legend>${t('search.dates')}</legend>
<label for="search-from">${t('search.from')}</label>
<input id="search-from" type="date" name="from" value="${params.from ?? ''}">
<label for="search-to">${t('search.to')}</label>
<input id="search-to" type="date" name="to" value="${params.to ?? ''}">
</fieldset>
${hidden}
</form>`;
}

function renderActiveFilters(params: SearchInput, t: Translate): SafeHtml | '' {
  const active = (['tag', 'author'] as const).filter((key) => params[key]);
  if (active.length === 0) return '';
  return html`<ul class="search-filters">${active.map((key) => {
    const without = { ...params, [key]: undefined };
    return html`<li>${t(key === 'tag' ? 'search.topic' : 'search.author')}: <strong>${params[key]}</strong> <a href="${pageHref(without, 1)}">${t('search.removeFilter')}</a></li>`;
  })}</ul>`;
}

function renderPagination(
  params: SearchInput,
  outcome: SearchOutcome,
  t: Translate,
): SafeHtml | '' {
  if (outcome.pageCount <= 1) return '';
  const { page, pageCount } = outcome;
  return html`<nav class="pagination" aria-label="${t('search.resultPages')}">${page > 1 ? html`<a href="${pageHref(params, page - 1)}" rel="prev">${t('search.previous')}</a>` : html`<span></span>`}<span>${t('search.pageOf', { page: Math.min(page, pageCount), pageCount })}</span>${
    page < pageCount
      ? html`<a href="${pageHref(params, page + 1)}" rel="next">${t('search.next')}</a>`
      : html`<span></span>`
  }</nav>`;
}

function renderResults(input: SearchPageInput, locale: Locale): SafeHtml {
  const { params, outcome, errors, settings } = input;
  const t = translator(locale);
  if (errors) {
    return html`<div class="search-errors" role="alert"><p>${t('search.correct')}</p><ul>${Object.entries(
      errors,
    ).map(
      ([field, messages]) => html`<li>${fieldLabel(t, field)}: ${messages.join('; ')}</li>`,
    )}</ul></div>`;
  }
  if (!outcome || !outcome.searched) {
    return html`<p class="search-count">${params.q.trim() ? t('search.symbolsOnly') : t('search.prompt')}</p>`;
  }
  const count =
    outcome.total === 0
      ? t('search.noResults', { query: params.q })
      : t('search.results', { count: outcome.total, query: params.q });
  return html`<p class="search-count" role="status">${count}</p>
${
  outcome.hits.length > 0
    ? html`<ol class="story-list search-results">${outcome.hits.map((hit) => renderHit(hit, settings.timeZone, locale))}</ol>`
    : outcome.total > 0
      ? html`<p>${t('search.pastLast')} <a href="${pageHref(params, 1)}">${t('search.firstPage')}</a>.</p>`
      : ''
}
${renderPagination(params, outcome, t)}`;
}

/** `/search`: the form (works without JavaScript), the result count, results, pages. */
export function renderSearchPage(input: SearchPageInput): string {
  const { settings, params } = input;
  const q = params.q.trim();
  const locale = localeFor(settings.language);
  const t = translator(locale);
  const main = html`<h1 class="section-title">${t('search.title')}</h1>
${renderForm(params, t)}
${renderActiveFilters(params, t)}
${renderResults(input, locale)}`;
  return renderLayout({
    settings,
    baseUrl: input.baseUrl,
    title: q ? t('search.pageTitle', { query: q.slice(0, 80) }) : t('search.title'),
    description: t('search.description', { site: settings.name }),
    canonicalPath: '/search',
    lang: settings.language,
    locale,
    body: main,
    currentPath: '/search',
    noindex: true,
  });
}
