// Shared set-up for the worker tests: a silent logger, job rows and definitions, and helpers
// to read a job back and to wait for a condition.
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { type Executor, nowIso } from '../../db/database.js';
import { createLogger } from '../../logger.js';
import { defineJob } from '../job-definition.js';
import type { JobRow } from '../job.table.js';

export const logger = createLogger('silent');

/** A `jobs` row for direct inserts, a queued `test.ok` job unless overridden. */
export function buildJobRow(overrides: Partial<Omit<JobRow, 'id'>> = {}) {
  const stamp = nowIso();
  return {
    name: 'test.ok',
    payload: JSON.stringify({ v: 1, data: { n: 1 } }),
    status: 'queued' as const,
    run_at: stamp,
    attempts: 0,
    max_attempts: 5,
    created_at: stamp,
    updated_at: stamp,
    ...overrides,
  };
}

/** Reads a job row back by id. */
export async function findJob(executor: Executor, id: number): Promise<JobRow> {
  return executor.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/** Polls `check` every 20 ms until it holds; throws after `timeoutMs`. */
export async function waitUntil(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await sleep(20);
  }
}

/** `test.ok`: records each payload's `n` in `ran`, so a test can see which jobs ran. */
export function defineRecordingJob(ran: number[]) {
  return defineJob({
    name: 'test.ok',
    version: 1,
    payload: z.object({ n: z.number() }),
    handler: async (payload: { n: number }) => {
      ran.push(payload.n);
    },
  });
}

/** `test.fail`: always throws, with three attempts. */
export function defineFailingJob() {
  return defineJob({
    name: 'test.fail',
    version: 1,
    payload: z.object({}),
    maxAttempts: 3,
    handler: async () => {
      throw new Error('the printer is on fire');
    },
  });
}
