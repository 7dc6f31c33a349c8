import type { z } from 'zod';
import { notFound, validationError } from '../errors.js';

/** Turns zod issues into `{field: [messages]}` for a 422 answer. */
export function fieldErrors(error: z.ZodError): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? issue.path.join('.') : '_';
    const message =
      issue.code === 'unrecognized_keys'
        ? `unknown field(s): ${issue.keys.join(', ')}`
        : issue.message;
    (fields[key] ??= []).push(message);
  }
  return fields;
}

/** Parses untrusted input with a schema or throws 422 with per-field messages. */
export function parseInput<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value ?? {});
  if (!parsed.success) throw validationError(fieldErrors(parsed.error));
  return parsed.data;
}

/** A positive integer id from a URL parameter, or 404 (a non-number never names a record). */
export function parseId(value: unknown, what: string): number {
  const id =
    typeof value === 'string' && /^[1-9]\d{0,15}$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(id)) throw notFound(what);
  return id;
}
