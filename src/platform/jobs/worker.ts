import { hostname } from 'node:os';
import type { DatabaseHandle } from '../db/database.js';
import type { Logger } from '../logger.js';
import { backoffMs, type JobDefinition } from './job-definition.js';
import { claimJobs, completeJob, extendLease, failJob } from './job.repository.js';
import type { JobRow } from './job.table.js';

export interface WorkerOptions<Deps> {
  database: DatabaseHandle;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- definitions of any payload type
  definitions: Array<JobDefinition<any, Deps>>;
  deps: Deps;
  logger: Logger;
  workerId?: string;
  concurrency?: number;
  pollIntervalMs?: number;
  leaseMs?: number;
  /** How long `stop()` waits for running jobs before abandoning them to their leases. */
  shutdownTimeoutMs?: number;
  now?: () => Date;
  /** false: do not poll; the caller drives `runOnce()` (tests). */
  autoStart?: boolean;
}

export interface Worker {
  readonly workerId: string;
  /** Claims and runs one round of due jobs; resolves when they finish. Returns how many ran. */
  runOnce(): Promise<number>;
  stop(): Promise<void>;
}

class PermanentJobError extends Error {}

/**
 * Runs due jobs: claims with a lease, heartbeats while a handler runs, completes, or retries
 * with backoff until the job is dead-lettered with its error. Poll-driven, so any number of
 * workers in any number of processes share the queue.
 */
export function startWorker<Deps>(options: WorkerOptions<Deps>): Worker {
  const workerId =
    options.workerId ?? `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  const concurrency = options.concurrency ?? 4;
  const leaseMs = options.leaseMs ?? 60_000;
  const now = options.now ?? (() => new Date());
  const byName = new Map(options.definitions.map((d) => [d.name, d]));
  const { database, logger } = options;
  const running = new Set<Promise<void>>();
  const controller = new AbortController();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;

  async function runJob(job: JobRow): Promise<void> {
    const definition = byName.get(job.name);
    const jobController = new AbortController();
    const abortOnStop = () => jobController.abort();
    controller.signal.addEventListener('abort', abortOnStop);
    const heartbeat = setInterval(
      () => {
        extendLease(database.db, job.id, workerId, new Date(now().getTime() + leaseMs))
          .then((held) => {
            if (!held) jobController.abort(); // another worker took over after our lease lapsed
          })
          .catch(() => undefined);
      },
      Math.max(50, Math.floor(leaseMs / 3)),
    );
    try {
      if (!definition)
        throw new PermanentJobError(`No handler for job "${job.name}" in this worker`);
      let parsed: { v?: unknown; data?: unknown };
      try {
        parsed = JSON.parse(job.payload) as { v?: unknown; data?: unknown };
      } catch {
        throw new PermanentJobError('The payload is not valid JSON');
      }
      if (parsed.v !== definition.version) {
        throw new PermanentJobError(
          `Payload version ${String(parsed.v)} does not match handler version ${definition.version}`,
        );
      }
      const payload = definition.payload.safeParse(parsed.data);
      if (!payload.success)
        throw new PermanentJobError(`Invalid payload: ${payload.error.message}`);
      await definition.handler(payload.data, options.deps, {
        jobId: job.id,
        attempt: job.attempts,
        logger: logger.child({ job: job.name, jobId: job.id }),
        signal: jobController.signal,
      });
      if (!(await completeJob(database.db, job.id, workerId, now()))) {
        logger.warn(
          { jobId: job.id },
          'job finished after its lease was taken over; the new owner decides its state',
        );
      }
    } catch (error) {
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      const permanent = error instanceof PermanentJobError;
      const retryAt = permanent ? null : new Date(now().getTime() + backoffMs(job.attempts));
      const status = await failJob(database.db, job, workerId, message, retryAt, now()).catch(
        () => undefined,
      );
      logger.warn(
        { jobId: job.id, job: job.name, attempt: job.attempts, status, err: message },
        'job failed',
      );
    } finally {
      clearInterval(heartbeat);
      controller.signal.removeEventListener('abort', abortOnStop);
    }
  }

  async function runOnce(): Promise<number> {
    const free = concurrency - running.size;
    if (free <= 0 || stopped) return 0;
    const jobs = await claimJobs(database.db, database.dialect, {
      workerId,
      names: [...byName.keys()],
      limit: free,
      leaseMs,
      now: now(),
    });
    const runs = jobs.map((job) => {
      const run = runJob(job).finally(() => running.delete(run));
      running.add(run);
      return run;
    });
    await Promise.all(runs);
    return jobs.length;
  }

  const loop = () => {
    if (stopped) return;
    const free = concurrency - running.size;
    if (free <= 0) {
      timer = setTimeout(loop, options.pollIntervalMs ?? 500);
      return;
    }
    claimJobs(database.db, database.dialect, {
      workerId,
      names: [...byName.keys()],
      limit: free,
      leaseMs,
      now: now(),
    })
      .then((jobs) => {
        for (const job of jobs) {
          const run = runJob(job).finally(() => {
            running.delete(run);
          });
          running.add(run);
        }
        // A full batch suggests more are due: look again at once.
        timer = setTimeout(loop, jobs.length === free ? 0 : (options.pollIntervalMs ?? 500));
      })
      .catch((error: unknown) => {
        logger.error({ err: error }, 'claiming jobs failed');
        timer = setTimeout(loop, options.pollIntervalMs ?? 500);
      });
  };
  if (options.autoStart !== false) timer = setTimeout(loop, 0);

  return {
    workerId,
    runOnce,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      const all = Promise.allSettled([...running]);
      const timeout = new Promise((resolve) =>
        setTimeout(resolve, options.shutdownTimeoutMs ?? 10_000).unref(),
      );
      await Promise.race([all, timeout]);
      controller.abort();
    },
  };
}
