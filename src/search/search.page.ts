import { html, type SafeHtml, unsafeRaw } from '../platform/http/html.js';
import type { SiteSettings } from '../platform/settings/site-settings.js';
import { renderTime } from '../site/components.js';
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

const fieldLabels: Record<string, string> = {
  q: 'Search',
  tag: 'Topic',
  author: 'Author',
  from: 'From',
  to: 'To',
  page: 'Page',
};

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

function renderHit(hit: SearchHit, timeZone: string): SafeHtml {
  const tag = hit.tags[0];
  return html`<li class="card">${tag ? html`<a class="kicker" href="/tag/${tag.slug}/">${tag.name}</a>` : ''}<h2 class="card__title"><a href="/${hit.slug}/">${unsafeRaw(hit.titleHtml)}</a></h2>${
    // snippetHtml and titleHtml are escaped text with <mark> added by highlightSnippet.
    hit.snippetHtml
      ? html`<p class="card__excerpt search-snippet">${unsafeRaw(hit.snippetHtml)}</p>`
      : ''
  }<p class="meta">${hit.authors.map((a) => a.name).join(', ')}${hit.authors.length > 0 ? ' · ' : ''}${renderTime(hit.published_at, timeZone)}</p></li>`;
}

function renderForm(params: SearchInput): SafeHtml {
  const hidden = (['tag', 'author'] as const).flatMap((key) => {
    const value = params[key];
    return value ? [html`<input type="hidden" name="${key}" value="${value}">`] : [];
  });
  return html`<form class="search-form" action="/search" method="get">
<div class="search-form__query">
<label for="search-q">Search for</label>
<input id="search-q" type="search" name="q" value="${params.q}" maxlength="500" autocomplete="off">
<button type="submit">Search</button>
</div>
<fieldset class="search-form__dates">
<legend>Published between (optional)</legend>
<label for="search-from">From</label>
<input id="search-from" type="date" name="from" value="${params.from ?? ''}">
<label for="search-to">To</label>
<input id="search-to" type="date" name="to" value="${params.to ?? ''}">
</fieldset>
${hidden}
</form>`;
}

function renderActiveFilters(params: SearchInput): SafeHtml | '' {
  const active = (['tag', 'author'] as const).filter((key) => params[key]);
  if (active.length === 0) return '';
  return html`<ul class="search-filters">${active.map((key) => {
    const without = { ...params, [key]: undefined };
    return html`<li>${key === 'tag' ? 'Topic' : 'Author'}: <strong>${params[key]}</strong> <a href="${pageHref(without, 1)}">Remove this filter</a></li>`;
  })}</ul>`;
}

function renderPagination(params: SearchInput, outcome: SearchOutcome): SafeHtml | '' {
  if (outcome.pageCount <= 1) return '';
  const { page, pageCount } = outcome;
  return html`<nav class="pagination" aria-label="Result pages">${page > 1 ? html`<a href="${pageHref(params, page - 1)}" rel="prev">← Previous results</a>` : html`<span></span>`}<span>Page ${Math.min(page, pageCount)} of ${pageCount}</span>${
    page < pageCount
      ? html`<a href="${pageHref(params, page + 1)}" rel="next">More results →</a>`
      : html`<span></span>`
  }</nav>`;
}

function renderResults(input: SearchPageInput): SafeHtml {
  const { params, outcome, errors, settings } = input;
  if (errors) {
    return html`<div class="search-errors" role="alert"><p>Please correct the search:</p><ul>${Object.entries(
      errors,
    ).map(
      ([field, messages]) => html`<li>${fieldLabels[field] ?? field}: ${messages.join('; ')}</li>`,
    )}</ul></div>`;
  }
  if (!outcome || !outcome.searched) {
    return html`<p class="search-count">${params.q.trim() ? 'Type a word to search for — symbols alone find nothing.' : 'Type what you are looking for and press Search.'}</p>`;
  }
  const count =
    outcome.total === 0
      ? html`No results for “${params.q}”. Try fewer or different words.`
      : html`${outcome.total === 1 ? '1 result' : `${outcome.total.toLocaleString('en-US')} results`} for “${params.q}”`;
  return html`<p class="search-count" role="status">${count}</p>
${
  outcome.hits.length > 0
    ? html`<ol class="story-list search-results">${outcome.hits.map((hit) => renderHit(hit, settings.timeZone))}</ol>`
    : outcome.total > 0
      ? html`<p>This page is past the last result. <a href="${pageHref(params, 1)}">Back to the first page</a>.</p>`
      : ''
}
${renderPagination(params, outcome)}`;
}

/** `/search`: the form (works without JavaScript), the result count, results, pages. */
export function renderSearchPage(input: SearchPageInput): string {
  const { settings, params } = input;
  const q = params.q.trim();
  const main = html`<h1 class="section-title">Search</h1>
${renderForm(params)}
${renderActiveFilters(params)}
${renderResults(input)}`;
  return renderLayout({
    settings,
    baseUrl: input.baseUrl,
    title: q ? `Search: ${q.slice(0, 80)}` : 'Search',
    description: `Search the stories of ${settings.name}.`,
    canonicalPath: '/search',
    lang: settings.language,
    body: main,
    currentPath: '/search',
    noindex: true,
  });
}
