import type { z } from 'zod';
import type { Logger } from '../logger.js';

/** What a running handler gets besides its payload and the app's dependencies. */
export interface JobContext {
  jobId: number;
  attempt: number;
  logger: Logger;
  /** Aborted when the worker shuts down or the job's lease was lost. */
  signal: AbortSignal;
}

/** A named, versioned job with a zod payload and a handler (STYLE.md §8). */
export interface JobDefinition<Payload = unknown, Deps = unknown> {
  name: string;
  version: number;
  payload: z.ZodType<Payload>;
  maxAttempts: number;
  handler(payload: Payload, deps: Deps, context: JobContext): Promise<void>;
}

/** Declares a job; retries and backoff are set once, in the worker. */
export function defineJob<Payload, Deps>(definition: {
  name: string;
  version: number;
  payload: z.ZodType<Payload>;
  maxAttempts?: number;
  handler(payload: Payload, deps: Deps, context: JobContext): Promise<void>;
}): JobDefinition<Payload, Deps> {
  return { ...definition, maxAttempts: definition.maxAttempts ?? 5 };
}

/** Exponential backoff with jitter: ~2^attempt seconds, capped at an hour. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(3600_000, 1000 * 2 ** Math.max(0, attempt));
  return Math.round(base * (0.75 + random() * 0.5));
}
