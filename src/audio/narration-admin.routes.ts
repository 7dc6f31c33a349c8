import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { requireActor, requireRole } from '../platform/http/staff-access.js';
import type { AppServices } from '../platform/app-services.js';
import { notFound, validationError } from '../platform/errors.js';
import { parseId, parseInput } from '../platform/http/validate.js';
import { selectEncoder } from './encode/encoder.js';
import { selectEngine } from './engines/select-engine.js';
import { listenTotals, playsPerDay } from './listen.repository.js';
import { applyLexicon } from './lexicon.js';
import { lexiconFor, listLexicon } from './lexicon.repository.js';
import { addLexiconEntry, changeLexiconEntry, removeLexiconEntry } from './lexicon.service.js';
import { enqueueNarration } from './narrate.job.js';
import { findArticleForNarration, findNarration } from './narration.repository.js';
import { listNarrationVoices } from './narration-voices.repository.js';
import { normalizeForSpeech } from './normalize/normalize.js';
import { voiceEngineIds } from './voice-settings.js';
import { registerVoiceSettingsRoutes } from './voice-settings.routes.js';
import { registerBriefingSettingsRoutes } from './briefing-settings.routes.js';

const lexiconSchema = z
  .object({
    language: z
      .string()
      .trim()
      .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a language code such as en or uk'),
    engine: z.enum(voiceEngineIds).default(''),
    term: z.string().trim().min(1, 'is required').max(100, 'must be at most 100 characters'),
    replacement: z.string().trim().min(1, 'is required').max(300, 'must be at most 300 characters'),
    note: z.string().trim().max(500, 'must be at most 500 characters').default(''),
  })
  .strict();
const previewSchema = z
  .object({
    text: z.string().trim().min(1, 'is required').max(500, 'must be at most 500 characters'),
    language: z
      .string()
      .trim()
      .regex(/^[a-z]{2,3}$/, 'must be a language code such as en')
      .default('en'),
    /** Hear a voice before choosing it (see voice-settings.ts); '' = the default. */
    engine: z.enum(voiceEngineIds).default(''),
    voice: z
      .string()
      .regex(/^([A-Za-z0-9][A-Za-z0-9_+-]{0,63})?$/, 'must be a voice name such as en-us')
      .default(''),
  })
  .strict();

/** Narration status and regeneration, the pronunciation lexicon, listening statistics. */
export function registerNarrationAdminRoutes(scope: FastifyInstance, services: AppServices): void {
  const { db } = services.database;
  const { baseUrl } = services.config;
  registerVoiceSettingsRoutes(scope, services);
  registerBriefingSettingsRoutes(scope, services);

  scope.get('/api/admin/articles/:id/narration', async (request) => {
    requireActor(request);
    const id = parseId((request.params as { id: string }).id, 'Article');
    if (!(await findArticleForNarration(db, id))) throw notFound('Article');
    const row = await findNarration(db, id);
    return {
      narration: {
        status: row?.status ?? 'none',
        error: row?.error || null,
        url: row?.file ? `${baseUrl}/audio/${row.file}` : null,
        bytes: row?.bytes ?? 0,
        duration_seconds: row ? row.duration_ms / 1000 : 0,
        engine: row?.engine || null,
        voice: row?.voice || null,
        updated_at: row?.updated_at ?? null,
      },
    };
  });

  scope.post('/api/admin/articles/:id/narration/regenerate', async (request, reply) => {
    requireRole(request, 'editor');
    const id = parseId((request.params as { id: string }).id, 'Article');
    const article = await findArticleForNarration(db, id);
    if (!article) throw notFound('Article');
    if (article.status !== 'published')
      return reply.status(409).send({
        error: 'not_published',
        message: 'Only published articles are narrated; publish it first.',
      });
    await db.transaction().execute((tx) => enqueueNarration(tx, article, { force: true }));
    return reply.status(202).send({ narration: { status: 'queued' } });
  });

  scope.get('/api/admin/audio/lexicon', async (request) => {
    requireActor(request);
    const { language } = request.query as { language?: string };
    return { entries: await listLexicon(db, typeof language === 'string' ? language : undefined) };
  });

  scope.post('/api/admin/audio/lexicon', async (request, reply) => {
    requireRole(request, 'editor');
    const input = parseInput(lexiconSchema, request.body);
    const entry = await addLexiconEntry(db, input);
    return reply.status(201).send({ entry });
  });

  scope.patch('/api/admin/audio/lexicon/:id', async (request) => {
    requireRole(request, 'editor');
    const id = parseId((request.params as { id: string }).id, 'Lexicon entry');
    const patch = parseInput(lexiconSchema.partial(), request.body);
    return { entry: await changeLexiconEntry(db, id, patch) };
  });

  scope.delete('/api/admin/audio/lexicon/:id', async (request, reply) => {
    requireRole(request, 'editor');
    await removeLexiconEntry(db, parseId((request.params as { id: string }).id, 'Lexicon entry'));
    return reply.status(204).send();
  });

  // "Listen": how a phrase sounds with the current lexicon, as an MP3 (short text only).
  scope.post('/api/admin/audio/lexicon/preview', async (request, reply) => {
    requireRole(request, 'editor');
    const input = parseInput(previewSchema, request.body);
    const engine = await selectEngine(
      input.engine === '' ? services.config : { ...services.config, ttsEngine: input.engine },
      input.language,
      { voice: input.voice, registered: await listNarrationVoices(db) },
    ).catch((error: unknown) => {
      throw validationError({
        engine: [error instanceof Error ? error.message : 'this engine cannot be used'],
      });
    });
    const entries = await lexiconFor(db, input.language, engine.id);
    const spoken = applyLexicon(
      normalizeForSpeech(input.text, { language: input.language }),
      entries,
      input.language,
    );
    // A registered neural voice reads as a narration would: with the built-in voice if it fails.
    if (engine.id === 'sherpa-onnx') await engine.version();
    const pcm = await engine
      .synthesize(spoken, input.voice || engine.defaultVoice(input.language))
      .catch((error: unknown) => {
        if (engine.id !== 'sherpa-onnx') throw error;
        throw validationError({
          voice: [error instanceof Error ? error.message : 'this voice failed'],
        });
      });
    const encoder = await selectEncoder();
    const { mp3 } = await encoder.encode(pcm, 0);
    return reply
      .header('content-type', 'audio/mpeg')
      .header('cache-control', 'no-store')
      .header('x-spoken-text', encodeURIComponent(spoken))
      .send(Buffer.from(mp3));
  });

  scope.get('/api/admin/audio/stats', async (request) => {
    requireActor(request);
    const { days: rawDays } = request.query as { days?: string };
    const days = Math.min(365, Math.max(1, Number.parseInt(rawDays ?? '30', 10) || 30));
    const since = new Date(services.now().getTime() - (days - 1) * 86_400_000)
      .toISOString()
      .slice(0, 10);
    const [totals, daily] = await Promise.all([listenTotals(db, since), playsPerDay(db, since)]);
    const byArticle = new Map<
      number,
      { article_id: number; title: string; plays: number; completion: Record<string, number> }
    >();
    for (const row of totals) {
      const entry = byArticle.get(row.article_id) ?? {
        article_id: row.article_id,
        title: row.title,
        plays: 0,
        completion: { '25': 0, '50': 0, '75': 0, '100': 0 },
      };
      if (row.event === 'play') entry.plays = Number(row.total);
      else entry.completion[row.event] = Number(row.total);
      byArticle.set(row.article_id, entry);
    }
    return {
      since,
      days: daily.map((d) => ({ day: d.day, plays: Number(d.plays) })),
      articles: [...byArticle.values()].sort((a, b) => b.plays - a.plays),
    };
  });
}
