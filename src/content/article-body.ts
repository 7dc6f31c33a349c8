import type { Executor } from '../platform/db/database.js';
import { findArticleSummariesByIds } from './article.repository.js';
import type { DocumentJson } from './document/document-schema.js';
import { renderDocumentHtml } from './document/document-to-html.js';
import type { PictureSources } from './document/picture-html.js';
import { collectArticleIds } from './document/document-to-text.js';

/**
 * Renders an article body, resolving internal links and related-article cards to the linked
 * articles' current URLs (one query). Links to articles that are not published fall back to
 * their stored href; cards for them are left out.
 */
export async function renderArticleBody(
  executor: Executor,
  docJson: string,
  baseUrl: string,
  /** Media library images loaded for the page; image nodes with one render as `<picture>`. */
  pictures?: Map<number, { picture: PictureSources }>,
  options: { markNarrationParagraphs?: boolean } = {},
): Promise<string> {
  const doc = JSON.parse(docJson) as DocumentJson;
  const ids = collectArticleIds(doc);
  const targets = ids.length > 0 ? await findArticleSummariesByIds(executor, ids) : [];
  const published = new Map(targets.filter((t) => t.status === 'published').map((t) => [t.id, t]));
  return renderDocumentHtml(doc, {
    ...(options.markNarrationParagraphs ? { narrationParagraphs: { next: 0 } } : {}),
    picture: (mediaId) => pictures?.get(mediaId)?.picture,
    resolveArticle: (id) => {
      const target = published.get(id);
      return target
        ? { url: `${baseUrl}/${target.slug}/`, title: target.title, excerpt: target.excerpt }
        : undefined;
    },
  });
}
