import { PostgresAdapter, sql } from 'kysely';
import type { Executor } from '../db/database.js';
import { nowIso } from '../db/database.js';
import type { JobDefinition } from './job-definition.js';

/** The PostgreSQL channel that wakes idle workers when a job is enqueued. */
export const jobsChannel = 'masthead_jobs';

export interface EnqueueOptions {
  runAt?: Date;
  /** While a job with this key is queued or running, enqueuing again adds nothing. */
  idempotencyKey?: string;
  maxAttempts?: number;
}

/**
 * Adds a job in the caller's transaction: it exists if and only if the change commits.
 * Returns the job id, or undefined when an unfinished job with the same key exists.
 * The payload is validated here, so a bad payload fails the caller, not a worker later.
 */
export async function enqueueJob<Payload>(
  executor: Executor,
  definition: JobDefinition<Payload, never> | JobDefinition<Payload, unknown>,
  payload: Payload,
  options: EnqueueOptions = {},
): Promise<number | undefined> {
  const data = definition.payload.parse(payload);
  const now = new Date();
  const runAt = options.runAt ?? now;
  const row = await executor
    .insertInto('jobs')
    .values({
      name: definition.name,
      payload: JSON.stringify({ v: definition.version, data }),
      status: 'queued',
      run_at: nowIso(runAt),
      attempts: 0,
      max_attempts: options.maxAttempts ?? definition.maxAttempts,
      idempotency_key: options.idempotencyKey ?? null,
      created_at: nowIso(now),
      updated_at: nowIso(now),
    })
    // The partial unique index allows one unfinished job per key; a duplicate is a no-op.
    // The predicate is written out literally: SQLite matches it against the index's own text.
    .onConflict((oc) =>
      oc
        .column('idempotency_key')
        .where(sql<boolean>`idempotency_key is not null and status in ('queued', 'running')`)
        .doNothing(),
    )
    .returning('id')
    .executeTakeFirst();
  // NOTIFY inside a transaction is delivered at commit (and dropped on rollback); identical
  // notifications in one transaction are folded into one, so a bulk enqueue wakes workers once.
  if (row && runAt <= now && isPostgres(executor)) {
    await sql`select pg_notify(${jobsChannel}, ${definition.name})`.execute(executor);
  }
  return row?.id;
}

function isPostgres(executor: Executor): boolean {
  return executor.getExecutor().adapter instanceof PostgresAdapter;
}
