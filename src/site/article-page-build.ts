import { renderArticleBody } from './article-body.js';
import type { AppServices } from '../platform/app-services.js';
import { renderArticlePage } from './article.page.js';
import { loadArticleTranslations } from './article-translations.js';
import type { ArticleLookup } from './site.queries.js';

export interface BuiltPage {
  body: string;
  surrogateKeys: string[];
}

/**
 * Renders a loaded article into its public page. The public route and the staff preview both
 * call this, so a preview is byte for byte the page readers get (but for `noindex`).
 */
export async function buildArticlePage(
  services: Pick<AppServices, 'database' | 'settings' | 'config'>,
  found: Extract<ArticleLookup, { kind: 'found' }>,
  options: { noindex?: boolean } = {},
): Promise<BuiltPage> {
  const [settings, bodyHtml, translations] = await Promise.all([
    services.settings.get(),
    renderArticleBody(services.database.db, found.article.doc, '', found.pictures, {
      // Paragraph markers let the audio player highlight and jump to what is being read.
      markNarrationParagraphs: found.narration !== undefined,
      language: found.article.language,
    }),
    loadArticleTranslations(services.database.db, found.article),
  ]);
  const body = renderArticlePage({
    settings,
    baseUrl: services.config.baseUrl,
    ...found,
    bodyHtml,
    translations: translations.published,
    noindex: options.noindex === true,
  });
  return {
    body,
    surrogateKeys: [
      `article:${found.article.id}`,
      ...found.related.map((s) => `article:${s.id}`),
      ...translations.memberIds.map((id) => `article:${id}`),
    ],
  };
}
