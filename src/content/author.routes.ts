import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { requireActor, requireRole } from '../platform/http/staff-access.js';
import type { AppServices } from '../platform/app-services.js';
import { type Executor, nowIso } from '../platform/db/database.js';
import { notFound } from '../platform/errors.js';
import { parseId, parseInput } from '../platform/http/validate.js';
import { withTaxonomyAnnounced } from './content-events.js';
import { presentAuthor } from './article.presenter.js';
import {
  deleteAuthor,
  findAuthorById,
  findAuthorBySlug,
  insertAuthor,
  listAuthors,
  updateAuthor,
} from './author.repository.js';
import { ensureSlugAvailable, optionalSlugSchema, slugify } from './slug.js';

const authorBody = z
  .object({
    kind: z.enum(['person', 'desk']).default('person'),
    name: z.string().trim().min(1, 'A name is required.').max(120),
    slug: optionalSlugSchema,
    bio: z.string().trim().max(2000).default(''),
    image_url: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .nullable()
      .default(null),
  })
  .strict();
const authorPatch = authorBody.partial().strict();

/** Authors and desks: anyone on staff reads them; editors and admins change them. */
export function registerAuthorRoutes(app: FastifyInstance, services: AppServices): void {
  const { db } = services.database;

  app.get('/api/admin/authors', async (request) => {
    requireActor(request);
    return { authors: (await listAuthors(db)).map(presentAuthor) };
  });

  app.post('/api/admin/authors', async (request, reply) => {
    requireRole(request, 'editor');
    const input = parseInput(authorBody, request.body);
    const slug = input.slug || slugify(input.name) || 'author';
    await ensureSlugAvailable((candidate) => findAuthorBySlug(db, candidate), slug, 'author');
    const author = await insertAuthor(db, {
      kind: input.kind,
      name: input.name,
      slug,
      bio: input.bio,
      image_url: input.image_url,
      now: nowIso(),
    });
    return reply.status(201).send({ author: presentAuthor(author) });
  });

  app.patch('/api/admin/authors/:id', async (request) => {
    requireRole(request, 'editor');
    const id = parseId((request.params as { id: string }).id, 'Author');
    const input = parseInput(authorPatch, request.body);
    if (input.slug)
      await ensureSlugAvailable(
        (candidate) => findAuthorBySlug(db, candidate),
        input.slug,
        'author',
        id,
      );
    const { slug, ...rest } = input;
    const update = (executor: Executor) =>
      updateAuthor(executor, id, { ...rest, ...(slug ? { slug } : {}), now: nowIso() });
    // Announced with the author's articles: a new name changes what they are found by (search).
    const author = await db
      .transaction()
      .execute((tx) =>
        withTaxonomyAnnounced(
          tx,
          services.events,
          { kind: 'author', id, change: 'changed', renamed: input.name !== undefined },
          () => update(tx),
        ),
      );
    if (!author) throw notFound('Author');
    // Bylines (names, links) show on every page with the author's stories: purge them all,
    // as a tag's change does.
    await services.purger.purge([`author:${id}`, 'home', 'feeds', 'all']);
    return { author: presentAuthor(author) };
  });

  app.delete('/api/admin/authors/:id', async (request, reply) => {
    requireRole(request, 'editor');
    const id = parseId((request.params as { id: string }).id, 'Author');
    if (!(await findAuthorById(db, id))) throw notFound('Author');
    await db
      .transaction()
      .execute((tx) =>
        withTaxonomyAnnounced(tx, services.events, { kind: 'author', id, change: 'deleted' }, () =>
          deleteAuthor(tx, id),
        ),
      );
    await services.purger.purge([`author:${id}`, 'home', 'feeds', 'all']);
    return reply.status(204).send();
  });
}
