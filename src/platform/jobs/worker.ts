import { hostname } from 'node:os';
import { z } from 'zod';
import type { DatabaseHandle } from '../db/database.js';
import type { Logger } from '../logger.js';
import { backoffMs, type JobDefinition } from './job-definition.js';
import { jobsChannel } from './job-queue.js';
import {
  claimJobs,
  completeJob,
  deleteDoneJobs,
  extendLease,
  failJob,
  releaseJob,
} from './job.repository.js';
import type { JobRow } from './job.table.js';
import { listenForNotifications } from './notification-listener.js';

export interface WorkerOptions<Deps> {
  database: DatabaseHandle;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- definitions of any payload type
  definitions: Array<JobDefinition<any, Deps>>;
  /** Passed to every handler (STYLE.md §7: explicit dependencies, no container). */
  deps: Deps;
  logger: Logger;
  workerId?: string;
  /** Jobs run at the same time by this worker (default 4). */
  concurrency?: number;
  /** How often to look for due jobs (default 500 ms); PostgreSQL also wakes on enqueue. */
  pollIntervalMs?: number;
  /** How long a claim holds without a heartbeat (default 60 s); heartbeats every third of it. */
  leaseMs?: number;
  /** How long `stop()` waits for running jobs before cancelling them (default 10 s). */
  shutdownTimeoutMs?: number;
  /** Finished jobs older than this are deleted (default 7 days); dead jobs are kept. */
  keepDoneJobsMs?: number;
  now?: () => Date;
  /** false: do not poll; the caller drives `runOnce()` (tests). */
  autoStart?: boolean;
}

export interface Worker {
  readonly workerId: string;
  /** Resolves once the worker listens for enqueue notifications (at once on SQLite). */
  readonly ready: Promise<void>;
  /** Claims and runs one round of due jobs; resolves when they finish. Returns how many ran. */
  runOnce(): Promise<number>;
  /** Stops claiming, waits for running jobs (then cancels them), and closes the listener. */
  stop(): Promise<void>;
}

/** A failure that retrying cannot fix: the job goes straight to dead. */
class PermanentJobError extends Error {}

const shutdownReason = new Error('The worker is shutting down');
const leaseLostReason = new Error('The lease was lost to another worker');
const pruneIntervalMs = 3600_000;

/**
 * Runs due jobs: claims with a lease, heartbeats while a handler runs, completes, or retries
 * with backoff until the job is dead-lettered with its error. Polls (and on PostgreSQL also
 * wakes on `NOTIFY masthead_jobs`), so any number of workers in any number of processes share
 * the queue.
 *
 * The worker claims jobs of every name: one whose name no definition knows is dead-lettered at
 * once with a clear error rather than left queued forever. Every worker of a deployment must
 * therefore register every definition (`src/jobs.ts` does), and during a rolling deploy a new
 * job type should only be enqueued once every worker knows it (`retryDeadJob` recovers one).
 */
export function startWorker<Deps>(options: WorkerOptions<Deps>): Worker {
  const workerId =
    options.workerId ?? `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const pollIntervalMs = options.pollIntervalMs ?? 500;
  const leaseMs = options.leaseMs ?? 60_000;
  const shutdownTimeoutMs = options.shutdownTimeoutMs ?? 10_000;
  const keepDoneJobsMs = options.keepDoneJobsMs ?? 7 * 24 * 3600_000;
  const now = options.now ?? (() => new Date());
  const polling = options.autoStart !== false;
  const { database, logger } = options;

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- see `definitions`
  const byName = new Map<string, JobDefinition<any, Deps>>();
  for (const definition of options.definitions) {
    if (byName.has(definition.name)) throw new Error(`Job "${definition.name}" is defined twice`);
    byName.set(definition.name, definition);
  }

  const running = new Set<Promise<void>>();
  const stopController = new AbortController();
  let stopped = false;
  let stopping: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let claiming: Promise<void> | undefined;
  let wakeRequested = false;
  /** Every slot was busy at the last look: the next job to finish looks again. */
  let saturated = false;
  let nextPruneAt = 0;

  function decode(job: JobRow): { definition: JobDefinition<unknown, Deps>; payload: unknown } {
    if (job.attempts > job.max_attempts) {
      throw new PermanentJobError(
        `Gave up after ${job.max_attempts} attempts: the worker running it stopped without finishing (crashed or was killed)`,
      );
    }
    const definition = byName.get(job.name);
    if (!definition) {
      throw new PermanentJobError(
        `Unknown job "${job.name}": no definition with this name is registered in this worker (${[...byName.keys()].join(', ')})`,
      );
    }
    let stored: { v?: unknown; data?: unknown };
    try {
      stored = JSON.parse(job.payload) as { v?: unknown; data?: unknown };
    } catch {
      throw new PermanentJobError('The payload is not valid JSON');
    }
    if (stored.v !== definition.version) {
      throw new PermanentJobError(
        `Payload version ${String(stored.v)} does not match "${job.name}" version ${definition.version}`,
      );
    }
    const parsed = definition.payload.safeParse(stored.data);
    if (!parsed.success) {
      throw new PermanentJobError(
        `Invalid payload for "${job.name}" version ${definition.version}: ${z.prettifyError(parsed.error)}`,
      );
    }
    return { definition, payload: parsed.data };
  }

  async function runJob(job: JobRow): Promise<void> {
    const log = logger.child({ job: job.name, jobId: job.id, attempt: job.attempts });
    const jobController = new AbortController();
    const cancelOnStop = () => jobController.abort(shutdownReason);
    stopController.signal.addEventListener('abort', cancelOnStop);
    const heartbeat = setInterval(
      () => {
        extendLease(database.db, job.id, workerId, new Date(now().getTime() + leaseMs))
          .then((held) => {
            // Our lease lapsed and another worker took the job: it decides the job's fate now.
            if (!held) jobController.abort(leaseLostReason);
          })
          .catch((error: unknown) => log.warn({ err: error }, 'extending the job lease failed'));
      },
      Math.max(50, Math.floor(leaseMs / 3)),
    );
    // A cancelled handler that never returns must not keep its lease alive.
    jobController.signal.addEventListener('abort', () => clearInterval(heartbeat));
    try {
      const { definition, payload } = decode(job);
      await definition.handler(payload, options.deps, {
        jobId: job.id,
        attempt: job.attempts,
        logger: log,
        signal: jobController.signal,
      });
      if (!(await completeJob(database.db, job.id, workerId, now()))) {
        log.warn('job finished after its lease was taken over; the new owner decides its state');
      }
    } catch (error) {
      if (jobController.signal.reason === shutdownReason) {
        await releaseJob(database.db, job.id, workerId, now()).catch(() => undefined);
        log.info('job cancelled at shutdown and given back to the queue');
        return;
      }
      const permanent = error instanceof PermanentJobError;
      const message = permanent ? error.message : describeError(error);
      const retryAt = permanent ? null : new Date(now().getTime() + backoffMs(job.attempts));
      const status = await failJob(database.db, job, workerId, message, retryAt, now()).catch(
        (failError: unknown) => {
          log.error({ err: failError }, 'recording the job failure failed');
          return undefined;
        },
      );
      if (status === 'dead') log.error({ err: message }, 'job failed for good (dead)');
      else log.warn({ err: message, status, retryAt }, 'job failed');
    } finally {
      clearInterval(heartbeat);
      stopController.signal.removeEventListener('abort', cancelOnStop);
    }
  }

  function track(job: JobRow): Promise<void> {
    const run = runJob(job).finally(() => {
      running.delete(run);
      if (saturated) {
        saturated = false;
        wake();
      }
    });
    running.add(run);
    return run;
  }

  function schedule(delayMs: number): void {
    if (stopped || !polling) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(tick, delayMs);
  }

  function wake(): void {
    if (claiming) wakeRequested = true;
    else schedule(0);
  }

  function tick(): void {
    timer = undefined;
    if (stopped || claiming) return;
    const free = concurrency - running.size;
    if (free <= 0) {
      saturated = true;
      return;
    }
    claiming = claimJobs(database.db, database.dialect, {
      workerId,
      limit: free,
      leaseMs,
      now: now(),
    })
      .then((jobs) => {
        for (const job of jobs) void track(job);
        return jobs.length === free; // a full batch suggests more are due
      })
      .catch((error: unknown) => {
        logger.error({ err: error }, 'claiming jobs failed');
        return false;
      })
      .then((more) => {
        claiming = undefined;
        const again = more || wakeRequested;
        wakeRequested = false;
        schedule(again ? 0 : pollIntervalMs);
      });
    pruneIfDue();
  }

  function pruneIfDue(): void {
    const current = now().getTime();
    if (current < nextPruneAt) return;
    nextPruneAt = current + pruneIntervalMs;
    deleteDoneJobs(database.db, new Date(current - keepDoneJobsMs)).catch((error: unknown) =>
      logger.warn({ err: error }, 'deleting finished jobs failed'),
    );
  }

  const listener =
    polling && database.dialect === 'postgres'
      ? listenForNotifications({
          connectionString: database.url,
          channel: jobsChannel,
          logger,
          onNotification: wake,
          onReconnect: wake,
        })
      : undefined;
  if (polling) schedule(0);

  async function stop(): Promise<void> {
    stopped = true;
    if (timer) clearTimeout(timer);
    await listener?.close();
    await claiming; // what it claims is tracked below
    if (!(await settleWithin([...running], shutdownTimeoutMs))) {
      logger.warn({ running: running.size }, 'jobs still running at shutdown; cancelling them');
      stopController.abort();
      await settleWithin([...running], Math.min(shutdownTimeoutMs, 2000));
    }
  }

  return {
    workerId,
    ready: listener?.ready ?? Promise.resolve(),
    async runOnce() {
      const free = concurrency - running.size;
      if (free <= 0 || stopped) return 0;
      const jobs = await claimJobs(database.db, database.dialect, {
        workerId,
        limit: free,
        leaseMs,
        now: now(),
      });
      await Promise.all(jobs.map(track));
      return jobs.length;
    },
    stop() {
      stopping ??= stop();
      return stopping;
    },
  };
}

function describeError(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}

/** True when every promise settled within `ms`. */
async function settleWithin(promises: Array<Promise<unknown>>, ms: number): Promise<boolean> {
  if (promises.length === 0) return true;
  let timeout: NodeJS.Timeout | undefined;
  const timedOut = new Promise<boolean>((resolve) => {
    timeout = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([Promise.allSettled(promises).then(() => true), timedOut]);
  } finally {
    clearTimeout(timeout);
  }
}
