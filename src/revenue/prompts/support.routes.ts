import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { promptPlacements } from '../checkout/checkout-input.js';
import type { RevenueServices } from '../payment-provider.js';
import { sendCacheablePage } from '../../platform/cache/send-page.js';
import { gateScript } from './prompt-gate.js';
import { registerSupportPromptSlots } from './prompt-slots.js';
import { supportScript, wallScript } from './prompt-script.js';
import { registerSupportSettingsRoutes } from './support-settings.routes.js';
import { startSupportState, supportState } from './support-state.js';
import { type SupportAttribution, renderSupportPage } from './support.page.js';

// `wall`: the access wall of a members-only story (site/access-wall.ts); the soft walls
// (wall-render.ts) are `registration-wall` and `donation-wall`.
const prompts = new Set<string>(promptPlacements);

/** Attribution from the prompt link's query; anything malformed is ignored, never echoed. */
export function readAttribution(query: unknown): SupportAttribution {
  const q = (typeof query === 'object' && query !== null ? query : {}) as Record<string, unknown>;
  const prompt = typeof q.prompt === 'string' && prompts.has(q.prompt) ? q.prompt : 'support-page';
  const articleId =
    typeof q.article_id === 'string' && /^[1-9]\d{0,12}$/.test(q.article_id)
      ? Number(q.article_id)
      : undefined;
  const page =
    typeof q.page === 'string' && /^\/(?!\/)[^\s\\]{0,200}$/.test(q.page) ? q.page : undefined;
  return { prompt, articleId, page };
}

/**
 * The support prompts (slots, their settings kept in memory, the browser script), the
 * /support/ page, and the admin API for offers and prompt settings.
 */
export async function registerSupportPromptRoutes(
  app: FastifyInstance,
  services: RevenueServices,
): Promise<void> {
  const { db } = services.database;
  const keeper = startSupportState({
    db,
    logger: services.logger,
    onChange: () => services.pageCache.purgeAll(),
  });
  await keeper.refresh();
  app.addHook('onClose', async () => keeper.stop());
  registerSupportPromptSlots();

  app.get('/support/', async (request: FastifyRequest, reply: FastifyReply) => {
    // Read before the data: a page rendered from data older than a purge is not stored.
    const generation = services.pageCache.generation();
    const settings = await services.settings.get();
    const { offers } = supportState();
    const query = request.query as Record<string, unknown>;
    const body = renderSupportPage({
      settings,
      baseUrl: services.config.baseUrl,
      offers,
      attribution: readAttribution(query),
      canceled: query.canceled === '1',
    });
    return sendCacheablePage(services.pageCache, request, reply, {
      status: 200,
      contentType: 'text/html; charset=utf-8',
      body,
      surrogateKeys: ['support'],
      generation,
    });
  });

  for (const script of [supportScript(), gateScript(), wallScript()]) {
    app.get(script.path, async (request, reply) => {
      void reply
        .header('content-type', 'text/javascript; charset=utf-8')
        .header('cache-control', 'public, max-age=31536000, immutable')
        .header('etag', script.etag);
      if (request.headers['if-none-match'] === script.etag) return reply.status(304).send();
      return reply.send(script.body);
    });
  }

  await registerSupportSettingsRoutes(app, services, () => keeper.refresh());
}
