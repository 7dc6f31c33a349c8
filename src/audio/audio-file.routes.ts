import type { FastifyInstance } from 'fastify';
import type { AppServices } from '../platform/app-services.js';
import { sendBlob } from '../platform/storage/send-blob.js';
import { audioKey } from './audio-files.js';

// Narration files are named by a hash of their bytes, so a URL never changes meaning: they
// are cached for a year, and the ETag is the name. Range requests let players seek and let
// podcast apps resume downloads. The bytes come from the blob store (local or S3), or the
// request is redirected to MEDIA_PUBLIC_URL.

const fileName = /^[0-9a-f]{32}\.mp3$/;

export function registerAudioFileRoutes(app: FastifyInstance, services: AppServices): void {
  const delivery = { storage: services.storage, publicUrl: services.config.mediaPublicUrl };
  // Fastify answers HEAD through this GET route too; the handler then sends headers only.
  app.get('/audio/:file', async (request, reply) => {
    const { file } = request.params as { file: string };
    if (!fileName.test(file)) return reply.callNotFound();
    return sendBlob(request, reply, delivery, {
      key: audioKey(file),
      contentType: 'audio/mpeg',
      etag: `"${file.slice(0, 32)}"`,
    });
  });
}
