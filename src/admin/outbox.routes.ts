import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppServices } from '../platform/app-services.js';
import { notFound } from '../platform/errors.js';
import { parseInput } from '../platform/http/validate.js';
import { listOutbox, readOutboxMessage } from '../platform/mail/outbox.js';
import { requireRole } from './authenticate.js';

const pageSchema = z.object({ page: z.coerce.number().int().min(1).max(100_000).default(1) });

/**
 * The outbox viewer: emails the outbox transport wrote to the blob store's `outbox/` (DATA_DIR/outbox/ locally, the bucket on S3, so every node shows the same outbox). With SMTP there is
 * usually nothing there (the list is empty, a message 404s). Ids are file names the server
 * made; `readOutboxMessage` refuses anything else before touching the disk.
 */
export function registerOutboxRoutes(scope: FastifyInstance, services: AppServices): void {
  scope.get('/api/admin/outbox', async (request) => {
    requireRole(request, 'admin');
    const { page } = parseInput(pageSchema, request.query);
    const { messages, total } = await listOutbox(services.storage, { page, pageSize: 25 });
    return { messages, total, page, page_size: 25, transport: services.mail.kind };
  });

  scope.get('/api/admin/outbox/:id', async (request) => {
    requireRole(request, 'admin');
    const { id } = request.params as { id: string };
    const message = await readOutboxMessage(services.storage, id);
    if (!message) throw notFound('Email');
    return message;
  });
}
