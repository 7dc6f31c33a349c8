import { renderArticleBody } from './article-body.js';
import type { AppServices } from '../platform/app-services.js';
import type { FragmentStore } from '../platform/cache/fragment-store.js';
import { renderArticlePage } from './article.page.js';
import { loadArticleTranslations } from './article-translations.js';
import { loadLiveFeed } from './live/live-feed.js';
import { loadLiveSummaryAudio } from './slots.js';
import type { ArticleLookup } from './site.queries.js';

export interface BuiltPage {
  body: string;
  surrogateKeys: string[];
}

/**
 * The body's HTML, kept as a fragment for this version of the article: its pictures, links and
 * embeds change only with a purge of the article (media edits, linked articles' moves and
 * oEmbed fetches purge the articles that show them).
 */
async function articleBodyHtml(
  services: Pick<AppServices, 'database'>,
  found: Extract<ArticleLookup, { kind: 'found' }>,
  fragments: FragmentStore | undefined,
): Promise<string> {
  const { article } = found;
  const narrated = found.narration !== undefined;
  const key = `body:${article.id}:${article.version}:${narrated ? 'narrated' : 'plain'}`;
  const kept = found.readAt === undefined ? undefined : fragments?.get<string>(key);
  if (kept !== undefined) return kept;
  const html = await renderArticleBody(services.database.db, article.doc, '', found.pictures, {
    // Paragraph markers let the audio player highlight and jump to what is being read.
    markNarrationParagraphs: narrated,
    language: article.language,
  });
  if (found.readAt !== undefined)
    fragments?.set(key, html, {
      surrogateKeys: [`article:${article.id}`],
      bytes: html.length * 2,
      generation: found.readAt,
    });
  return html;
}

/**
 * The article's live coverage, if it has one. That most articles have none is kept as a
 * fragment until `live:ID` is purged (starting a coverage does), so their pages skip the query.
 */
async function liveFeedOf(
  services: Pick<AppServices, 'database'>,
  found: Extract<ArticleLookup, { kind: 'found' }>,
  fragments: FragmentStore | undefined,
) {
  const key = `live-none:${found.article.id}`;
  if (found.readAt !== undefined && fragments?.get<boolean>(key) === true) return undefined;
  const feed = await loadLiveFeed(services.database.db, found.article);
  if (!feed && found.readAt !== undefined)
    fragments?.set(key, true, {
      surrogateKeys: [`live:${found.article.id}`],
      bytes: 64,
      generation: found.readAt,
    });
  return feed;
}

/**
 * Renders a loaded article into its public page. The public route and the staff preview both
 * call this, so a preview is byte for byte the page readers get (but for `noindex`).
 */
export async function buildArticlePage(
  services: Pick<AppServices, 'database' | 'settings' | 'config'>,
  found: Extract<ArticleLookup, { kind: 'found' }>,
  options: { noindex?: boolean; fragments?: FragmentStore } = {},
): Promise<BuiltPage> {
  const [settings, bodyHtml, translations, liveFeed] = await Promise.all([
    services.settings.get(),
    articleBodyHtml(services, found, options.fragments),
    loadArticleTranslations(services.database.db, found.article),
    liveFeedOf(services, found, options.fragments),
  ]);
  // The spoken summary of the key events (audio/ makes it; its job purges the page).
  const liveSummary = liveFeed
    ? await loadLiveSummaryAudio(services.database.db, found.article.id)
    : undefined;
  const body = renderArticlePage({
    live: liveFeed,
    liveSummary,
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
      ...(liveFeed ? [`live:${found.article.id}`] : []),
      ...found.related.map((s) => `article:${s.id}`),
      ...translations.memberIds.map((id) => `article:${id}`),
    ],
  };
}
