import type { FastifyInstance } from 'fastify';
import type { AppServices } from '../../platform/app-services.js';
import { notFound } from '../../platform/errors.js';
import { requireActor } from '../../platform/http/staff-access.js';
import { parseId, parseInput } from '../../platform/http/validate.js';
import { articleDepsFor, commitContentChange, type ContentRouteOptions } from '../article-deps.js';
import { deskMembers, leaveDesk, touchDesk } from './live-desk-presence.js';
import {
  coverageStateSchema,
  deskPresenceSchema,
  liveUpdateCreateSchema,
  liveUpdateEditSchema,
} from './live.input.js';
import {
  findCoverage,
  findUpdate,
  listDrafts,
  listFeed,
  listRevisions,
  type LiveUpdateWithAuthors,
  withAuthors,
} from './live.repository.js';
import * as live from './live.service.js';

// The live desk's API (admin app: admin-ui/src/screens/live/). Behind staff authentication
// (`staffScope` in admin/); every change purges the live page and its JSON at once.

const pageSize = 30;

export function presentLiveUpdate(update: LiveUpdateWithAuthors) {
  return {
    id: update.id,
    article_id: update.article_id,
    version: update.version,
    status: update.status,
    headline: update.headline,
    doc: JSON.parse(update.doc) as unknown,
    plain_text: update.plain_text,
    key_event: update.key_event === 1,
    pinned: update.pinned === 1,
    push: update.push === 1,
    correction: update.correction,
    authors: update.authors,
    created_by: update.created_by,
    created_by_name: update.created_by_name,
    published_at: update.published_at,
    created_at: update.created_at,
    updated_at: update.updated_at,
  };
}

function presentCoverage(row: Awaited<ReturnType<typeof findCoverage>>) {
  if (!row) return null;
  return { state: live.coverageState(row), started_at: row.started_at, ended_at: row.ended_at };
}

export function registerLiveRoutes(
  app: FastifyInstance,
  services: AppServices,
  options: ContentRouteOptions,
): void {
  const { db } = services.database;
  const liveDeps = async () => {
    const deps = await articleDepsFor(services, options);
    return {
      now: deps.now,
      timeZone: deps.timeZone,
      internalHosts: deps.internalHosts,
      events: deps.events,
    };
  };

  app.get('/api/admin/articles/:id/live', async (request) => {
    const actor = requireActor(request);
    const articleId = parseId((request.params as { id: string }).id, 'Article');
    const query = request.query as { before?: string };
    const article = await db
      .selectFrom('articles')
      .select('id')
      .where('id', '=', articleId)
      .executeTakeFirst();
    if (!article) throw notFound('Article');
    const before =
      query.before === undefined
        ? undefined
        : await findUpdate(db, parseId(query.before, 'Update'));
    const rows = await listFeed(db, articleId, {
      before,
      limit: pageSize + 1,
      statuses: ['published', 'scheduled'],
    });
    const page = rows.slice(0, pageSize);
    const [coverage, updates, drafts, present] = await Promise.all([
      findCoverage(db, articleId),
      withAuthors(db, page),
      actor.userId === null
        ? Promise.resolve([])
        : listDrafts(db, articleId, actor.userId).then((r) => withAuthors(db, r)),
      deskMembers(db, articleId, services.now()),
    ]);
    return {
      coverage: presentCoverage(coverage),
      updates: updates.map(presentLiveUpdate),
      next_before: rows.length > pageSize ? (page.at(-1)?.id ?? null) : null,
      drafts: drafts.map(presentLiveUpdate),
      present,
    };
  });

  app.put('/api/admin/articles/:id/live', async (request) => {
    const actor = requireActor(request);
    const articleId = parseId((request.params as { id: string }).id, 'Article');
    const body = parseInput(coverageStateSchema, request.body);
    const deps = await liveDeps();
    const change = await commitContentChange(services, (tx) =>
      live.setCoverageState(tx, deps, articleId, body.state, actor),
    );
    return { coverage: presentCoverage(change.value) };
  });

  app.post('/api/admin/articles/:id/live/updates', async (request, reply) => {
    const actor = requireActor(request);
    const articleId = parseId((request.params as { id: string }).id, 'Article');
    const input = parseInput(liveUpdateCreateSchema, request.body);
    const deps = await liveDeps();
    const change = await commitContentChange(services, (tx) =>
      live.createUpdate(tx, deps, articleId, input, actor),
    );
    return reply.status(201).send({ update: presentLiveUpdate(change.value) });
  });

  app.patch('/api/admin/live/updates/:id', async (request) => {
    const actor = requireActor(request);
    const updateId = parseId((request.params as { id: string }).id, 'Update');
    const input = parseInput(liveUpdateEditSchema, request.body);
    const deps = await liveDeps();
    const change = await commitContentChange(services, (tx) =>
      live.editUpdate(tx, deps, updateId, input, actor),
    );
    return { update: presentLiveUpdate(change.value) };
  });

  app.delete('/api/admin/live/updates/:id', async (request, reply) => {
    const actor = requireActor(request);
    const updateId = parseId((request.params as { id: string }).id, 'Update');
    const deps = await liveDeps();
    await commitContentChange(services, (tx) => live.deleteUpdate(tx, deps, updateId, actor));
    return reply.status(204).send();
  });

  app.get('/api/admin/live/updates/:id/revisions', async (request) => {
    requireActor(request);
    const updateId = parseId((request.params as { id: string }).id, 'Update');
    if (!(await findUpdate(db, updateId))) throw notFound('Live update');
    const revisions = await listRevisions(db, updateId);
    return {
      revisions: revisions.map((r) => ({
        version: r.version,
        created_at: r.created_at,
        created_by_name: r.created_by_name,
        snapshot: JSON.parse(r.snapshot) as unknown,
      })),
    };
  });

  app.post('/api/admin/articles/:id/live/presence', async (request) => {
    const actor = requireActor(request);
    const articleId = parseId((request.params as { id: string }).id, 'Article');
    const body = parseInput(deskPresenceSchema, request.body ?? {});
    if (!(await findCoverage(db, articleId))) throw notFound('Live coverage');
    if (actor.userId !== null)
      await touchDesk(db, articleId, actor.userId, body.typing, services.now());
    return { present: await deskMembers(db, articleId, services.now()) };
  });

  app.delete('/api/admin/articles/:id/live/presence', async (request, reply) => {
    const actor = requireActor(request);
    const articleId = parseId((request.params as { id: string }).id, 'Article');
    if (actor.userId !== null) await leaveDesk(db, articleId, actor.userId);
    return reply.status(204).send();
  });
}
