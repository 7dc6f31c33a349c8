import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireRole, staffScope } from '../platform/http/staff-access.js';
import type { AppServices } from '../platform/app-services.js';
import { AppError, validationError } from '../platform/errors.js';
import { parseId, parseInput } from '../platform/http/validate.js';
import { sendBlob } from '../platform/storage/send-blob.js';
import { mediaKey, parseServedPath } from './media-files.js';
import { mediaListQuery, mediaTextSchema } from './media.input.js';
import { presentMedia } from './media.presenter.js';
import { listMedia } from './media.repository.js';
import * as mediaService from './media.service.js';
import { defaultMediaLimits, type MediaDeps, type Upload } from './media.service.js';

export interface MediaOptions {
  /** Largest upload in bytes (413 above it); 20 MB by default. */
  maxUploadBytes?: number;
  /** Largest image in pixels (422 above it); 40 megapixels by default. */
  maxPixels?: number;
}

/** The media library: admin API under `/api/admin/media` and the files under `/media/`. */
export async function registerMediaRoutes(
  app: FastifyInstance,
  services: AppServices,
  options: MediaOptions = {},
): Promise<void> {
  const deps: MediaDeps = {
    storage: services.storage,
    limits: { ...defaultMediaLimits, ...options },
    now: services.now,
  };
  registerMediaFileRoute(app, services);
  await staffScope(app, async (scope) => {
    // Registered here only, so no other route accepts multipart bodies.
    await scope.register(multipart, {
      limits: {
        fileSize: deps.limits.maxUploadBytes,
        files: 1,
        fields: 10,
        fieldSize: 10_000,
        parts: 12,
        headerPairs: 100,
      },
    });
    // Any other body type (e.g. a raw image/png) is refused with what to send instead.
    scope.addContentTypeParser('*', (_request, _payload, done) => done(notMultipart(), undefined));
    registerMediaAdminRoutes(scope, services, deps);
  });
}

const notMultipart = () =>
  new AppError(
    415,
    'unsupported_media_type',
    'Send the image as multipart/form-data with a field named "file".',
  );

async function readUpload(request: FastifyRequest, deps: MediaDeps): Promise<Upload> {
  if (!request.isMultipart()) throw notMultipart();
  const fields: Record<string, string> = {};
  let file: { bytes: Buffer; fileName: string; declaredType: string } | undefined;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file' || file) {
          await part.toBuffer();
          continue;
        }
        file = {
          bytes: await part.toBuffer(),
          fileName: part.filename,
          declaredType: part.mimetype,
        };
      } else if (
        typeof part.value === 'string' &&
        ['alt', 'caption', 'credit'].includes(part.fieldname)
      ) {
        fields[part.fieldname] = part.value;
      }
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw mediaService.uploadTooLarge(deps);
    if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT')
      throw validationError({ file: ['send one image per request'] });
    throw error;
  }
  if (!file)
    throw validationError({ file: ['choose an image file to upload (form field "file")'] });
  const text = parseInput(mediaTextSchema, fields);
  return {
    ...file,
    alt: text.alt ?? '',
    caption: text.caption ?? '',
    credit: text.credit ?? '',
  };
}

function registerMediaAdminRoutes(app: FastifyInstance, services: AppServices, deps: MediaDeps) {
  const { db } = services.database;

  app.post('/api/admin/media', async (request, reply) => {
    const actor = requireRole(request, 'contributor');
    const upload = await readUpload(request, deps);
    const row = await mediaService.uploadMedia(db, deps, upload, actor.userId);
    return reply.status(201).send({ media: presentMedia(row) });
  });

  app.get('/api/admin/media', async (request) => {
    requireRole(request, 'contributor');
    const query = parseInput(mediaListQuery, request.query);
    const { rows, total } = await listMedia(db, {
      search: query.q?.trim() || undefined,
      limit: query.limit,
      offset: (query.page - 1) * query.limit,
    });
    return { media: rows.map(presentMedia), total, page: query.page, limit: query.limit };
  });

  app.get('/api/admin/media/:id', async (request) => {
    requireRole(request, 'contributor');
    const id = parseId((request.params as { id: string }).id, 'Image');
    return { media: presentMedia(await mediaService.getMedia(db, id)) };
  });

  app.patch('/api/admin/media/:id', async (request) => {
    requireRole(request, 'contributor');
    const id = parseId((request.params as { id: string }).id, 'Image');
    const input = parseInput(mediaTextSchema, request.body);
    const { row, purgeKeys } = await db
      .transaction()
      .execute((tx) => mediaService.editMedia(tx, deps, id, input));
    await services.purger.purge(purgeKeys);
    return { media: presentMedia(row) };
  });

  app.delete('/api/admin/media/:id', async (request, reply) => {
    requireRole(request, 'editor');
    const id = parseId((request.params as { id: string }).id, 'Image');
    const { filesToRemove } = await db
      .transaction()
      .execute((tx) => mediaService.deleteMedia(tx, id));
    await mediaService.removeFiles(deps, filesToRemove);
    return reply.status(204).send();
  });
}

/**
 * `GET /media/<hash path>`: only server-made names are served (anything else is 404, so `..`
 * and encoded tricks never reach the store). Names are content hashes: cached forever.
 */
function registerMediaFileRoute(app: FastifyInstance, services: AppServices) {
  const delivery = { storage: services.storage, publicUrl: services.config.mediaPublicUrl };
  app.get('/media/*', async (request, reply) => {
    const requested = (request.params as { '*'?: string })['*'] ?? '';
    const served = parseServedPath(requested);
    if (!served) return reply.callNotFound();
    return sendBlob(request, reply, delivery, {
      key: mediaKey(served.path),
      contentType: served.contentType,
      etag: `"${served.path.split('/').pop() ?? ''}"`,
    });
  });
}
