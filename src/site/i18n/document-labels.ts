import type { DocumentLabels } from '../../content/document/document-to-html.js';
import { type Locale, translate } from './translate.js';

/** The words the article-body renderer writes, in `locale`. */
export function documentLabels(locale: Locale): DocumentLabels {
  return {
    relatedArticle: translate(locale, 'article.relatedCard'),
    viewOn: (provider) => translate(locale, 'article.embedViewOn', { provider }),
    frameTitle: (provider) => translate(locale, 'article.embedFrame', { provider }),
  };
}
