import type { AuthorRow, TagRow } from '../content/content.table.js';
import { html } from '../platform/http/html.js';
import type { SiteSettings } from '../platform/settings/site-settings.js';
import { renderPagination, renderStoryList } from './components.js';
import { renderFeedDiscovery } from './distribution/feed-discovery.js';
import { localeFor, translator } from './i18n/translate.js';
import { renderLayout } from './layout.js';
import type { StorySummary } from './site.queries.js';

export interface ListingInput {
  settings: SiteSettings;
  baseUrl: string;
  kind: 'tag' | 'author';
  subject: TagRow | AuthorRow;
  stories: StorySummary[];
  page: number;
  hasOlder: boolean;
}

/** A tag (section) or author page: title, description or bio, paged stories. */
export function renderListingPage(input: ListingInput): string {
  const { subject, settings } = input;
  const basePath = `/${input.kind}/${subject.slug}/`;
  const locale = localeFor(settings.language);
  const t = translator(locale);
  const description = 'description' in subject ? subject.description : subject.bio;
  const main = html`<header class="listing__header">
<h1 class="listing__title">${subject.name}</h1>
${description ? html`<p class="listing__description">${description}</p>` : ''}
</header>
${input.stories.length > 0 ? renderStoryList(input.stories, settings.timeZone, { excerpt: true, headingLevel: 2, locale }) : html`<p>${t('listing.empty')}</p>`}
${renderPagination(basePath, input.page, input.hasOlder, locale)}`;
  return renderLayout({
    settings,
    baseUrl: input.baseUrl,
    title:
      input.page > 1
        ? t('listing.pageTitle', { name: subject.name, page: input.page })
        : subject.name,
    description: description || `${subject.name} — ${settings.name}`,
    canonicalPath: input.page > 1 ? `${basePath}?page=${input.page}` : basePath,
    lang: settings.language,
    locale,
    body: main,
    currentPath: basePath,
    head: renderFeedDiscovery(`${subject.name} — ${settings.name}`, basePath.slice(0, -1)),
  });
}
