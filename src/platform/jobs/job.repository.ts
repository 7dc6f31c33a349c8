import { sql } from 'kysely';
import type { Dialect, Executor } from '../db/database.js';
import { nowIso } from '../db/database.js';
import type { JobRow, JobStatus } from './job.table.js';

export interface ClaimOptions {
  workerId: string;
  /** Only jobs with these names; undefined: every name. */
  names?: string[];
  limit: number;
  leaseMs: number;
  now: Date;
}

/**
 * Atomically takes up to `limit` due jobs for this worker: queued jobs whose time has come, and
 * running jobs whose lease ran out (their worker died). PostgreSQL skips rows other workers are
 * claiming at the same moment; on SQLite the single UPDATE statement is atomic across processes
 * (writers are serialised by the database lock; WAL + busy_timeout make them wait, not fail).
 */
export async function claimJobs(
  executor: Executor,
  dialect: Dialect,
  options: ClaimOptions,
): Promise<JobRow[]> {
  if (options.names?.length === 0 || options.limit <= 0) return [];
  const now = nowIso(options.now);
  const until = nowIso(new Date(options.now.getTime() + options.leaseMs));
  const due = executor
    .selectFrom('jobs')
    .select('id')
    .$if(options.names !== undefined, (q) => q.where('name', 'in', options.names ?? []))
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'queued'), eb('run_at', '<=', now)]),
        eb.and([eb('status', '=', 'running'), eb('locked_until', '<', now)]),
      ]),
    )
    .orderBy('run_at')
    .orderBy('id')
    .limit(options.limit);
  const claimable = dialect === 'postgres' ? due.forUpdate().skipLocked() : due;
  return executor
    .updateTable('jobs')
    .set({
      status: 'running',
      locked_by: options.workerId,
      locked_until: until,
      attempts: sql<number>`attempts + 1`,
      updated_at: now,
    })
    .where('id', 'in', claimable)
    .returningAll()
    .execute();
}

/** Marks a job done, only if this worker still holds it. */
export async function completeJob(
  executor: Executor,
  id: number,
  workerId: string,
  now: Date,
): Promise<boolean> {
  const result = await executor
    .updateTable('jobs')
    .set({
      status: 'done',
      locked_by: null,
      locked_until: null,
      finished_at: nowIso(now),
      updated_at: nowIso(now),
    })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .where('locked_by', '=', workerId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Records a failure: back to queued at `retryAt`, or dead (error kept) when attempts are spent. */
export async function failJob(
  executor: Executor,
  job: Pick<JobRow, 'id' | 'attempts' | 'max_attempts'>,
  workerId: string,
  error: string,
  retryAt: Date | null,
  now: Date,
): Promise<JobStatus | undefined> {
  const status: JobStatus = retryAt && job.attempts < job.max_attempts ? 'queued' : 'dead';
  const result = await executor
    .updateTable('jobs')
    .set({
      status,
      last_error: error.slice(0, 4000),
      run_at: status === 'queued' && retryAt ? nowIso(retryAt) : sql<string>`run_at`,
      locked_by: null,
      locked_until: null,
      finished_at: status === 'dead' ? nowIso(now) : null,
      updated_at: nowIso(now),
    })
    .where('id', '=', job.id)
    .where('status', '=', 'running')
    .where('locked_by', '=', workerId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0 ? status : undefined;
}

/**
 * Gives a job back to the queue untouched (the worker is shutting down before it could finish):
 * due at once, and the attempt it was claimed with is not counted.
 */
export async function releaseJob(
  executor: Executor,
  id: number,
  workerId: string,
  now: Date,
): Promise<boolean> {
  const result = await executor
    .updateTable('jobs')
    .set({
      status: 'queued',
      attempts: sql<number>`attempts - 1`,
      run_at: nowIso(now),
      locked_by: null,
      locked_until: null,
      updated_at: nowIso(now),
    })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .where('locked_by', '=', workerId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Extends the lease of a long job; false when another worker has taken it over. */
export async function extendLease(
  executor: Executor,
  id: number,
  workerId: string,
  until: Date,
): Promise<boolean> {
  const result = await executor
    .updateTable('jobs')
    .set({ locked_until: nowIso(until) })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .where('locked_by', '=', workerId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Jobs for the admin, newest first. */
export function listJobs(
  executor: Executor,
  options: { status?: JobStatus; limit: number },
): Promise<JobRow[]> {
  return executor
    .selectFrom('jobs')
    .selectAll()
    .$if(options.status !== undefined, (q) => q.where('status', '=', options.status ?? 'queued'))
    .orderBy('id', 'desc')
    .limit(options.limit)
    .execute();
}

/**
 * Puts a dead job back in the queue with fresh attempts (its last error is kept until it runs).
 * False when it is not dead, or when an unfinished job already holds its idempotency key.
 */
export async function retryDeadJob(
  executor: Executor,
  id: number,
  now: Date = new Date(),
): Promise<boolean> {
  const result = await executor
    .updateTable('jobs')
    .set({
      status: 'queued',
      attempts: 0,
      run_at: nowIso(now),
      finished_at: null,
      updated_at: nowIso(now),
    })
    .where('id', '=', id)
    .where('status', '=', 'dead')
    .where((eb) =>
      eb.or([
        eb('idempotency_key', 'is', null),
        eb.not(
          eb.exists(
            eb
              .selectFrom('jobs as other')
              .select('other.id')
              .whereRef('other.idempotency_key', '=', 'jobs.idempotency_key')
              .where('other.status', 'in', ['queued', 'running']),
          ),
        ),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** How many jobs are in each state. */
export async function countJobsByStatus(executor: Executor): Promise<Record<JobStatus, number>> {
  const rows = await executor
    .selectFrom('jobs')
    .select(['status', (eb) => eb.fn.countAll<number>().as('count')])
    .groupBy('status')
    .execute();
  const counts: Record<JobStatus, number> = { queued: 0, running: 0, done: 0, dead: 0 };
  for (const row of rows) counts[row.status] = Number(row.count);
  return counts;
}

/** Deletes jobs that finished successfully before `before` (dead jobs are kept for the admin). */
export async function deleteDoneJobs(executor: Executor, before: Date): Promise<number> {
  const result = await executor
    .deleteFrom('jobs')
    .where('status', '=', 'done')
    .where('finished_at', '<', nowIso(before))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
