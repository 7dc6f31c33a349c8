import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { csvLine } from '../newsletters/subscriber-csv.js';
import type { AppServices } from '../platform/app-services.js';
import { AppError, notFound } from '../platform/errors.js';
import { requireRole, staffScope } from '../platform/http/staff-access.js';
import { parseId, parseInput } from '../platform/http/validate.js';
import { toZonedIso } from '../platform/time-zone.js';
import {
  analyticsSettingsSchema,
  readAnalyticsSettings,
  storeAnalyticsSettings,
} from './analytics-settings.js';
import {
  articleFigures,
  listensByArticle,
  type DayRange,
  daySeries,
  dimensionFigures,
  type Period,
  periodRange,
  periods,
  realtimeFigures,
  siteTotals,
  sourceFigures,
  taxonomyFigures,
} from './analytics-report.js';
import { attributionFigures } from './attribution-report.js';
import { type ArticleConversions, articleConversions } from './conversions-report.js';

// The analytics API for the dashboard and the newsroom's own tools (editors and admins):
// the same figures as the screens, as JSON, and the tables as CSV.

function readPeriod(request: FastifyRequest): Period {
  const value = (request.query as Record<string, unknown>).period ?? '7d';
  if (typeof value !== 'string' || !(periods as readonly string[]).includes(value))
    throw new AppError(422, 'validation_failed', `period must be one of ${periods.join(', ')}`, {
      period: [`must be one of ${periods.join(', ')}`],
    });
  return value as Period;
}

/** A table as a CSV download named after it and the period's days. */
function sendCsv(reply: FastifyReply, name: string, range: DayRange, body: string) {
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${name}-${range.from}-${range.to}.csv"`)
    .send(body);
}

const noConversions = { donations: 0, memberships: 0, amount: 0, currency: '', signups: 0 };

const settingsPatch = analyticsSettingsSchema.partial().strict();

export async function registerAnalyticsAdminRoutes(
  app: FastifyInstance,
  services: AppServices,
  onSettingsChange: () => Promise<void>,
): Promise<void> {
  const { db } = services.database;

  async function rangesFor(request: FastifyRequest) {
    const period = readPeriod(request);
    const { timeZone } = await services.settings.get();
    const today = toZonedIso(services.now(), timeZone).slice(0, 10);
    return { period, timeZone, ...periodRange(period, today) };
  }

  /** The stories that brought donors, members and subscribers, most first (with titles). */
  async function rankConversions(byArticle: Map<number, ArticleConversions>) {
    const ranked = [...byArticle.values()]
      .sort(
        (a, b) =>
          b.donations + b.memberships + b.signups - (a.donations + a.memberships + a.signups) ||
          b.amount - a.amount ||
          a.articleId - b.articleId,
      )
      .slice(0, 20);
    if (ranked.length === 0) return [];
    const titles = await db
      .selectFrom('articles')
      .select(['id', 'title', 'slug'])
      .where(
        'id',
        'in',
        ranked.map((r) => r.articleId),
      )
      .execute();
    const byId = new Map(titles.map((t) => [t.id, t]));
    return ranked
      .filter((r) => byId.has(r.articleId))
      .map((r) => ({
        ...r,
        title: byId.get(r.articleId)?.title ?? '',
        slug: byId.get(r.articleId)?.slug ?? '',
      }));
  }

  await staffScope(app, (scope) => {
    scope.get('/api/admin/analytics/overview', async (request) => {
      requireRole(request, 'editor');
      const { period, timeZone, current, previous } = await rangesFor(request);
      const [totals, previousTotals, series, articles, sources, devices, countries, authors, tags] =
        await Promise.all([
          siteTotals(db, current),
          siteTotals(db, previous),
          daySeries(db, current),
          articleFigures(db, current, { limit: 20 }),
          sourceFigures(db, current),
          dimensionFigures(db, current, 'device'),
          dimensionFigures(db, current, 'country'),
          taxonomyFigures(db, current, 'author', 10),
          taxonomyFigures(db, current, 'tag', 10),
        ]);
      const conversionsByArticle = await articleConversions(db, current, timeZone);
      const withConversions = articles.map((a) => ({
        ...a,
        ...noConversions,
        ...conversionsByArticle.get(a.articleId),
      }));
      const conversions = await rankConversions(conversionsByArticle);
      const attribution = await attributionFigures(db, current, timeZone);
      return {
        period,
        timeZone,
        conversions,
        attribution,
        range: current,
        previousRange: previous,
        totals,
        previousTotals,
        series,
        articles: withConversions,
        sources,
        devices,
        countries,
        authors,
        tags,
      };
    });

    scope.get('/api/admin/analytics/realtime', async (request) => {
      requireRole(request, 'editor');
      return realtimeFigures(db, services.now());
    });

    scope.get('/api/admin/analytics/articles/:id', async (request) => {
      requireRole(request, 'editor');
      const id = parseId((request.params as { id: string }).id, 'Article');
      const { period, timeZone, current, previous } = await rangesFor(request);
      const article = await db
        .selectFrom('articles')
        .select(['id', 'title'])
        .where('id', '=', id)
        .executeTakeFirst();
      if (!article) throw notFound('Article');
      const [now, before, converted, listened, listenedBefore] = await Promise.all([
        articleFigures(db, current, { articleId: id }),
        articleFigures(db, previous, { articleId: id }),
        articleConversions(db, current, timeZone),
        listensByArticle(db, current, [id]),
        listensByArticle(db, previous, [id]),
      ]);
      const empty = {
        articleId: id,
        title: article.title,
        views: 0,
        visitors: 0,
        averageEngagedSeconds: 0,
        readThrough: 0,
        plays: 0,
        formSubmits: 0,
        promptClicks: 0,
      };
      return {
        period,
        range: current,
        // Listened to (say, from a podcast app) with no page view in the period: still counted.
        figures: now[0] ?? { ...empty, plays: listened.get(id) ?? 0 },
        previous: before[0] ?? { ...empty, plays: listenedBefore.get(id) ?? 0 },
        conversions: { ...noConversions, ...converted.get(id) },
      };
    });

    scope.get('/api/admin/analytics/articles.csv', async (request, reply) => {
      requireRole(request, 'editor');
      const { current } = await rangesFor(request);
      const rows = await articleFigures(db, current, { limit: 10_000 });
      let out = csvLine([
        'article_id',
        'title',
        'slug',
        'views',
        'visitors',
        'average_engaged_seconds',
        'read_through',
        'plays',
        'form_submits',
        'prompt_clicks',
      ]);
      for (const r of rows)
        out += csvLine([
          r.articleId,
          r.title,
          r.slug,
          r.views,
          r.visitors,
          r.averageEngagedSeconds,
          r.readThrough.toFixed(3),
          r.plays,
          r.formSubmits,
          r.promptClicks,
        ]);
      return sendCsv(reply, 'articles', current, out);
    });

    scope.get('/api/admin/analytics/sources.csv', async (request, reply) => {
      requireRole(request, 'editor');
      const { current } = await rangesFor(request);
      const rows = await sourceFigures(db, current, 10_000);
      let out = csvLine(['medium', 'source', 'views', 'visitors']);
      for (const r of rows) out += csvLine([r.medium, r.source, r.views, r.visitors]);
      return sendCsv(reply, 'sources', current, out);
    });

    scope.get('/api/admin/analytics/conversions.csv', async (request, reply) => {
      requireRole(request, 'editor');
      const { current, timeZone } = await rangesFor(request);
      const { firstTouch, lastTouch } = await attributionFigures(db, current, timeZone);
      let out = csvLine([
        'touch',
        'medium',
        'source',
        'campaign',
        'donations',
        'memberships',
        'amount',
        'currency',
        'signups',
      ]);
      for (const [touch, rows] of [
        ['first', firstTouch],
        ['last', lastTouch],
      ] as const)
        for (const r of rows)
          out += csvLine([
            touch,
            r.medium,
            r.source,
            r.campaign,
            r.donations,
            r.memberships,
            r.amount,
            r.currency,
            r.signups,
          ]);
      return sendCsv(reply, 'conversions', current, out);
    });

    scope.get('/api/admin/analytics/settings', async (request) => {
      requireRole(request, 'admin');
      return readAnalyticsSettings(db);
    });

    scope.put('/api/admin/analytics/settings', async (request) => {
      requireRole(request, 'admin');
      const patch = parseInput(settingsPatch, request.body);
      const next = analyticsSettingsSchema.parse({
        ...(await readAnalyticsSettings(db)),
        ...patch,
      });
      await storeAnalyticsSettings(db, next);
      await onSettingsChange();
      return next;
    });
  });
}
