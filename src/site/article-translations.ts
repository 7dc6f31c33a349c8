import type { ArticleRow } from '../content/content.table.js';
import type { Executor } from '../platform/db/database.js';
import { html, type SafeHtml } from '../platform/http/html.js';
import { hasCatalog, localeFor, type Locale, translate } from './i18n/translate.js';

// An article's translations on its page (ADR 0008): hreflang alternates in the head (both
// ways, since every member of a group renders the same list) and a switcher link.

export interface ArticleTranslation {
  id: number;
  slug: string;
  language: string;
}

export interface ArticleTranslations {
  /** The other published articles of the group. */
  published: ArticleTranslation[];
  /** Every other member, any status: their publishing changes this page, so it is keyed on them. */
  memberIds: number[];
}

/** The article's translations (none when it is in no group). */
export async function loadArticleTranslations(
  executor: Executor,
  article: Pick<ArticleRow, 'id' | 'translation_group'>,
): Promise<ArticleTranslations> {
  if (article.translation_group === null) return { published: [], memberIds: [] };
  const rows = await executor
    .selectFrom('articles')
    .select(['id', 'slug', 'language', 'status'])
    .where('translation_group', '=', article.translation_group)
    .where('id', '!=', article.id)
    .orderBy('id')
    .execute();
  return {
    published: rows
      .filter((row) => row.status === 'published')
      .map(({ id, slug, language }) => ({ id, slug, language })),
    memberIds: rows.map((row) => row.id),
  };
}

/**
 * `<link rel="alternate" hreflang>` for the article and each published translation, plus
 * `x-default`: the version in the site's language, else the group's oldest article.
 */
export function renderHreflangLinks(
  baseUrl: string,
  article: ArticleTranslation,
  translations: ArticleTranslation[],
  siteLanguage: string,
): SafeHtml | '' {
  if (translations.length === 0) return '';
  const all = [article, ...translations].sort((a, b) => a.id - b.id);
  const fallback =
    all.find((a) => a.language.toLowerCase() === siteLanguage.toLowerCase()) ?? all[0] ?? article;
  const link = (hreflang: string, slug: string) =>
    html`<link rel="alternate" hreflang="${hreflang}" href="${baseUrl}/${slug}/">`;
  return html`${all.map((a) => link(a.language, a.slug))}
${link('x-default', fallback.slug)}`;
}

/** The language's own name for itself: "Українською" / "In English", else Intl's name. */
function languageLinkText(language: string): string {
  if (hasCatalog(language)) return translate(localeFor(language), 'article.inThisLanguage');
  try {
    return new Intl.DisplayNames([language], { type: 'language' }).of(language) ?? language;
  } catch {
    return language;
  }
}

/** "Українською" / "In English" links to the translations, each in its own language. */
export function renderLanguageSwitcher(
  translations: ArticleTranslation[],
  locale: Locale,
): SafeHtml | '' {
  if (translations.length === 0) return '';
  return html`<nav class="article__translations" aria-label="${translate(locale, 'article.translations')}"><ul>${translations.map(
    (t) =>
      html`<li><a href="/${t.slug}/" hreflang="${t.language}" lang="${t.language}" rel="alternate">${languageLinkText(t.language)}</a></li>`,
  )}</ul></nav>`;
}
