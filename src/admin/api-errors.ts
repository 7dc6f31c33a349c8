import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../platform/errors.js';

/** Turns any thrown error into a JSON answer a person can act on; never leaks internals. */
export function apiErrorHandler(
  error: FastifyError | AppError | Error,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  if (error instanceof AppError) {
    void reply.status(error.status).send({
      error: error.code,
      message: error.message,
      ...(error.fields ? { fields: error.fields } : {}),
    });
    return;
  }
  const fastifyError = error as FastifyError;
  if (fastifyError.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    const limitMb = (request.routeOptions.bodyLimit ?? 0) / (1024 * 1024);
    void reply.status(413).send({
      error: 'payload_too_large',
      message: `The request body is larger than the limit of ${limitMb >= 1 ? `${Math.round(limitMb * 10) / 10} MB` : `${Math.round(limitMb * 1024)} KB`}.`,
    });
    return;
  }
  if (fastifyError.statusCode === 429) {
    void reply.status(429).send({ error: 'rate_limited', message: fastifyError.message });
    return;
  }
  if (
    fastifyError.statusCode !== undefined &&
    fastifyError.statusCode >= 400 &&
    fastifyError.statusCode < 500
  ) {
    const message =
      fastifyError.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
        ? 'Unsupported content type: send JSON (application/json).'
        : fastifyError.code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
          ? 'The request body is empty; send a JSON object.'
          : /JSON/i.test(fastifyError.message)
            ? 'The request body is not valid JSON.'
            : fastifyError.message;
    void reply.status(fastifyError.statusCode).send({ error: 'bad_request', message });
    return;
  }
  request.log.error({ err: error, url: request.url }, 'unhandled error');
  void reply.status(500).send({
    error: 'internal_error',
    message: 'Something went wrong on our side. The error was logged; please try again.',
  });
}
