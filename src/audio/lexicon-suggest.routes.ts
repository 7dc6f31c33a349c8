import type { FastifyInstance } from 'fastify';
import { requireRole } from '../platform/http/staff-access.js';
import type { AppServices } from '../platform/app-services.js';
import { AppError, notFound } from '../platform/errors.js';
import { parseId } from '../platform/http/validate.js';
import { listLexicon } from './lexicon.repository.js';
import { suggestRespellings } from './lexicon-suggest.js';

// GET /api/admin/audio/lexicon/suggestions[?article=ID]: names in English stories (one, or the
// latest hundred published) an English voice is likely to mispronounce, with a respelling to
// hear and, if it sounds right, add to the lexicon (admin Lexicon screen).

const recentStories = 100;

export function registerLexiconSuggestRoutes(scope: FastifyInstance, services: AppServices): void {
  const { db } = services.database;
  scope.get('/api/admin/audio/lexicon/suggestions', async (request) => {
    requireRole(request, 'editor');
    const raw = (request.query as { article?: string }).article;
    let query = db
      .selectFrom('articles')
      .select(['id', 'title', 'excerpt', 'plain_text', 'language'])
      .where('status', '=', 'published');
    if (raw !== undefined) {
      const article = await db
        .selectFrom('articles')
        .select(['id', 'language'])
        .where('id', '=', parseId(raw, 'Article'))
        .executeTakeFirst();
      if (!article) throw notFound('Article');
      if (!/^en\b/i.test(article.language))
        throw new AppError(
          422,
          'not_english',
          'Respellings are suggested for English stories (their names are read by English voices).',
        );
      query = query.where('id', '=', article.id);
    } else query = query.where('language', 'like', 'en%');
    const stories = await query.orderBy('published_at', 'desc').limit(recentStories).execute();
    const known = (await listLexicon(db, 'en')).map((entry) => entry.term);
    const texts = stories.map((s) => `${s.title}. ${s.excerpt ?? ''} ${s.plain_text}`);
    return { suggestions: suggestRespellings(texts, known), stories: stories.length };
  });
}
