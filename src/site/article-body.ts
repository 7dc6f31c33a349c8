import type { Executor } from '../platform/db/database.js';
import { findArticleSummariesByIds } from '../content/article-listing.repository.js';
import type { DocumentJson } from '../content/document/document-schema.js';
import { renderDocumentHtml } from '../content/document/document-to-html.js';
import type { PictureSources } from '../content/document/picture-html.js';
import { collectArticleIds } from '../content/document/document-to-text.js';
import { collectEmbedUrls } from '../content/document/embed-providers.js';
import { loadEmbedPresentations } from './oembed-consumer.service.js';
import { documentLabels } from './i18n/document-labels.js';
import { localeFor } from './i18n/translate.js';

/**
 * Renders an article body, resolving internal links and related-article cards to the linked
 * articles' current URLs (one query). Links to articles that are not published fall back to
 * their stored href; cards for them are left out. Embeds render from the oEmbed cache (never
 * the network); the words the body adds are in `language` (the article's, by default English).
 */
export async function renderArticleBody(
  executor: Executor,
  docJson: string,
  baseUrl: string,
  /** Media library images loaded for the page; image nodes with one render as `<picture>`. */
  pictures?: Map<number, { picture: PictureSources }>,
  options: { markNarrationParagraphs?: boolean; language?: string; previewBreakHtml?: string } = {},
): Promise<string> {
  const doc = JSON.parse(docJson) as DocumentJson;
  const ids = collectArticleIds(doc);
  const embedUrls = collectEmbedUrls(doc);
  const [targets, embeds] = await Promise.all([
    ids.length > 0 ? findArticleSummariesByIds(executor, ids) : [],
    embedUrls.length > 0 ? loadEmbedPresentations(executor, embedUrls) : new Map(),
  ]);
  const published = new Map(targets.filter((t) => t.status === 'published').map((t) => [t.id, t]));
  return renderDocumentHtml(doc, {
    labels: documentLabels(localeFor(options.language)),
    embed: (url) => embeds.get(url),
    ...(options.markNarrationParagraphs ? { narrationParagraphs: { next: 0 } } : {}),
    ...(options.previewBreakHtml !== undefined
      ? { previewBreakHtml: options.previewBreakHtml }
      : {}),
    picture: (mediaId) => pictures?.get(mediaId)?.picture,
    resolveArticle: (id) => {
      const target = published.get(id);
      return target
        ? { url: `${baseUrl}/${target.slug}/`, title: target.title, excerpt: target.excerpt }
        : undefined;
    },
  });
}
