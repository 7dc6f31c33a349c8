import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppServices } from '../platform/app-services.js';
import { audioDirectory } from './audio-files.js';

// Narration files are named by a hash of their bytes, so a URL never changes meaning: they
// are cached for a year, and the ETag is the name. Range requests let players seek and let
// podcast apps resume downloads.

const fileName = /^[0-9a-f]{32}\.mp3$/;

/** The byte range a `Range` header asks for, 'unsatisfiable', or undefined (whole file). */
export function parseRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | 'unsatisfiable' | undefined {
  if (!header) return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return undefined; // several ranges or another unit: send the whole file (RFC 9110)
  const [, from = '', to = ''] = match;
  if (from === '' && to === '') return undefined;
  let start: number;
  let end: number;
  if (from === '') {
    const suffix = Number(to);
    if (suffix === 0) return 'unsatisfiable';
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(from);
    end = to === '' ? size - 1 : Math.min(Number(to), size - 1);
  }
  if (start >= size || start > end) return 'unsatisfiable';
  return { start, end };
}

export function registerAudioFileRoutes(app: FastifyInstance, services: AppServices): void {
  const directory = audioDirectory(services.config.dataDir);

  async function sendAudio(request: FastifyRequest, reply: FastifyReply) {
    const { file } = request.params as { file: string };
    if (!fileName.test(file)) return reply.callNotFound();
    let size: number;
    try {
      const info = await stat(join(directory, file));
      if (!info.isFile()) return reply.callNotFound();
      size = info.size;
    } catch {
      return reply.callNotFound();
    }
    const etag = `"${file.slice(0, 32)}"`;
    void reply
      .header('content-type', 'audio/mpeg')
      .header('accept-ranges', 'bytes')
      .header('etag', etag)
      .header('cache-control', 'public, max-age=31536000, immutable');
    if (request.headers['if-none-match'] === etag) return reply.status(304).send();
    const ifRange = request.headers['if-range'];
    const range = ifRange && ifRange !== etag ? undefined : parseRange(request.headers.range, size);
    if (range === 'unsatisfiable')
      return reply.status(416).header('content-range', `bytes */${size}`).send();
    const { start, end } = range ?? { start: 0, end: size - 1 };
    void reply.header('content-length', String(end - start + 1));
    if (range) void reply.status(206).header('content-range', `bytes ${start}-${end}/${size}`);
    if (size === 0) return reply.send();
    // For HEAD, Fastify ends the response before the stream is read (and keeps the length).
    return reply.send(createReadStream(join(directory, file), { start, end }));
  }

  // Fastify answers HEAD through this GET route too; the handler then sends headers only.
  app.get('/audio/:file', sendAudio);
}
