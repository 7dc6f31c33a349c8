import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { requireActor, requireRole } from '../platform/http/staff-access.js';
import type { AppServices } from '../platform/app-services.js';
import { nowIso } from '../platform/db/database.js';
import { notFound, validationError } from '../platform/errors.js';
import { parseId, parseInput } from '../platform/http/validate.js';
import {
  deleteCollection,
  findCollectionById,
  findCollectionBySlug,
  insertCollection,
  listCollectionArticleIds,
  listCollections,
  setCollectionItems,
  updateCollection,
} from './collection.repository.js';
import { announceCollectionChange } from './content-events.js';
import type { CollectionRow } from './content.table.js';
import { ensureSlugAvailable, optionalSlugSchema, slugify } from './slug.js';

const collectionBody = z
  .object({
    name: z.string().trim().min(1, 'A name is required.').max(120),
    slug: optionalSlugSchema,
    description: z.string().trim().max(2000).default(''),
    article_ids: z.array(z.number().int().positive()).max(200).default([]),
  })
  .strict();
const collectionPatch = collectionBody.partial().strict();

async function present(services: AppServices, collection: CollectionRow) {
  return {
    ...collection,
    article_ids: await listCollectionArticleIds(services.database.db, collection.id),
  };
}

/** Curated, ordered lists such as "Editors' Picks": editors and admins change them. */
export function registerCollectionRoutes(app: FastifyInstance, services: AppServices): void {
  const { db } = services.database;

  async function checkArticles(ids: number[]): Promise<void> {
    if (ids.length === 0) return;
    const found = await db.selectFrom('articles').select('id').where('id', 'in', ids).execute();
    const missing = ids.filter((id) => !found.some((row) => row.id === id));
    if (missing.length > 0)
      throw validationError({ article_ids: [`unknown article id(s): ${missing.join(', ')}`] });
  }

  app.get('/api/admin/collections', async (request) => {
    requireActor(request);
    const collections = await listCollections(db);
    return { collections: await Promise.all(collections.map((c) => present(services, c))) };
  });

  app.post('/api/admin/collections', async (request, reply) => {
    requireRole(request, 'editor');
    const input = parseInput(collectionBody, request.body);
    const slug = input.slug || slugify(input.name) || 'collection';
    await ensureSlugAvailable(
      (candidate) => findCollectionBySlug(db, candidate),
      slug,
      'collection',
    );
    await checkArticles(input.article_ids);
    const collection = await db.transaction().execute(async (tx) => {
      const row = await insertCollection(tx, {
        name: input.name,
        slug,
        description: input.description,
        now: nowIso(),
      });
      await setCollectionItems(tx, row.id, input.article_ids);
      await announceCollectionChange(tx, services.events, {
        id: row.id,
        slug: row.slug,
        previousSlug: row.slug,
        articleIds: input.article_ids,
        previousArticleIds: [],
        deleted: false,
      });
      return row;
    });
    await services.purger.purge(['home']);
    return reply.status(201).send({ collection: await present(services, collection) });
  });

  app.patch('/api/admin/collections/:id', async (request) => {
    requireRole(request, 'editor');
    const id = parseId((request.params as { id: string }).id, 'Collection');
    const input = parseInput(collectionPatch, request.body);
    if (input.slug)
      await ensureSlugAvailable(
        (candidate) => findCollectionBySlug(db, candidate),
        input.slug,
        'collection',
        id,
      );
    if (input.article_ids) await checkArticles(input.article_ids);
    const { article_ids: articleIds, slug, ...rest } = input;
    const collection = await db.transaction().execute(async (tx) => {
      const before = await findCollectionById(tx, id);
      const previousArticleIds = await listCollectionArticleIds(tx, id);
      const row = await updateCollection(tx, id, {
        ...rest,
        ...(slug ? { slug } : {}),
        now: nowIso(),
      });
      if (row && articleIds) await setCollectionItems(tx, id, articleIds);
      if (row)
        await announceCollectionChange(tx, services.events, {
          id,
          slug: row.slug,
          previousSlug: before?.slug ?? row.slug,
          articleIds: articleIds ?? previousArticleIds,
          previousArticleIds,
          deleted: false,
        });
      return row;
    });
    if (!collection) throw notFound('Collection');
    await services.purger.purge(['home']);
    return { collection: await present(services, collection) };
  });

  app.delete('/api/admin/collections/:id', async (request, reply) => {
    requireRole(request, 'editor');
    const id = parseId((request.params as { id: string }).id, 'Collection');
    const existing = await findCollectionById(db, id);
    if (!existing) throw notFound('Collection');
    await db.transaction().execute(async (tx) => {
      const previousArticleIds = await listCollectionArticleIds(tx, id);
      if (!(await deleteCollection(tx, id))) return;
      await announceCollectionChange(tx, services.events, {
        id,
        slug: existing.slug,
        previousSlug: existing.slug,
        articleIds: [],
        previousArticleIds,
        deleted: true,
      });
    });
    await services.purger.purge(['home']);
    return reply.status(204).send();
  });
}
