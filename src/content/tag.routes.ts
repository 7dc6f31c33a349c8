import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { requireActor, requireRole } from '../platform/http/staff-access.js';
import type { AppServices } from '../platform/app-services.js';
import { type Executor, nowIso } from '../platform/db/database.js';
import { notFound } from '../platform/errors.js';
import { parseId, parseInput } from '../platform/http/validate.js';
import { withTaxonomyAnnounced } from './content-events.js';
import { presentTag } from './article.presenter.js';
import { accessLevels, articleAccessInput, readAccessRule } from './access/access-level.js';
import { recomputeTagFollowers } from './access/article-access.js';
import { ensureSlugAvailable, optionalSlugSchema, slugify } from './slug.js';
import {
  deleteTag,
  findTagById,
  findTagBySlug,
  insertTag,
  listTags,
  updateTag,
} from './tag.repository.js';

const tagBody = z
  .object({
    name: z.string().trim().min(1, 'A name is required.').max(120),
    slug: optionalSlugSchema,
    description: z.string().trim().max(2000).default(''),
    /** The access level the tag's articles get when they follow their tags (null: none). */
    access_level: z.enum(accessLevels).nullable().optional(),
    access_tiers: articleAccessInput.access_tiers,
  })
  .strict();
const tagPatch = tagBody.partial().strict();

function tagAccessColumns(input: {
  access_level?: string | null | undefined;
  access_tiers?: string[] | undefined;
}) {
  const level = input.access_level ?? null;
  return {
    access_level: level,
    access_tiers: JSON.stringify(
      level === 'tiers' ? [...new Set(input.access_tiers ?? [])].sort() : [],
    ),
  };
}

/** Tags (sections): anyone on staff reads them; editors and admins change them. */
export function registerTagRoutes(app: FastifyInstance, services: AppServices): void {
  const { db } = services.database;

  app.get('/api/admin/tags', async (request) => {
    requireActor(request);
    return { tags: (await listTags(db)).map(presentTag) };
  });

  app.post('/api/admin/tags', async (request, reply) => {
    requireRole(request, 'editor');
    const input = parseInput(tagBody, request.body);
    const slug = input.slug || slugify(input.name) || 'tag';
    await ensureSlugAvailable((candidate) => findTagBySlug(db, candidate), slug, 'tag');
    const tag = await insertTag(db, {
      name: input.name,
      slug,
      description: input.description,
      ...tagAccessColumns(input),
      now: nowIso(),
    });
    return reply.status(201).send({ tag: presentTag(tag) });
  });

  app.patch('/api/admin/tags/:id', async (request) => {
    requireRole(request, 'editor');
    const id = parseId((request.params as { id: string }).id, 'Tag');
    const input = parseInput(tagPatch, request.body);
    if (input.slug)
      await ensureSlugAvailable((candidate) => findTagBySlug(db, candidate), input.slug, 'tag', id);
    const { slug, access_level, access_tiers, ...rest } = input;
    const accessChanges = access_level !== undefined || access_tiers !== undefined;
    const update = async (executor: Executor) => {
      // A `tiers` level sent without its tiers (the admin's Tags screen edits the level only)
      // keeps the tiers the tag has, instead of emptying them.
      const kept =
        access_level === 'tiers' && access_tiers === undefined
          ? readAccessRule(
              (await findTagById(executor, id)) ?? { access_level: null, access_tiers: '[]' },
            ).tiers
          : access_tiers;
      const tag = await updateTag(executor, id, {
        ...rest,
        ...(slug ? { slug } : {}),
        ...(accessChanges ? tagAccessColumns({ access_level, access_tiers: kept }) : {}),
        now: nowIso(),
      });
      // Articles following their tags take the new default (the purge below covers them).
      if (tag && accessChanges) await recomputeTagFollowers(executor, id);
      return tag;
    };
    // Announced with the tag's articles: a new name changes what they are found by (search).
    const tag = await db
      .transaction()
      .execute((tx) =>
        withTaxonomyAnnounced(
          tx,
          services.events,
          { kind: 'tag', id, change: 'changed', renamed: input.name !== undefined },
          () => update(tx),
        ),
      );
    if (!tag) throw notFound('Tag');
    await services.purger.purge([`tag:${id}`, 'home', 'feeds', 'all']);
    return { tag: presentTag(tag) };
  });

  app.delete('/api/admin/tags/:id', async (request, reply) => {
    requireRole(request, 'editor');
    const id = parseId((request.params as { id: string }).id, 'Tag');
    if (!(await findTagById(db, id))) throw notFound('Tag');
    await db
      .transaction()
      .execute((tx) =>
        withTaxonomyAnnounced(tx, services.events, { kind: 'tag', id, change: 'deleted' }, () =>
          deleteTag(tx, id),
        ),
      );
    await services.purger.purge([`tag:${id}`, 'all']);
    return reply.status(204).send();
  });
}
