import cluster, { type Worker as ClusterChild } from 'node:cluster';
import type { Logger } from '../platform/logger.js';

// `masthead serve --processes N` (N > 1): this process (the primary) migrates, seeds and runs
// the one job worker; N child processes each run the web app on the shared port, with their
// own page cache kept coherent by the purge channel every node already listens to
// (PostgreSQL LISTEN/NOTIFY, the SQLite purge log). The kernel hands connections to the
// children (SCHED_NONE): the primary never touches a request, so it is no bottleneck.

/** Set in the environment of the web children. */
export const clusterChildVariable = 'MASTHEAD_WEB_CHILD';

export interface WebCluster {
  /** Resolves when every child listens; rejects when one exits before it does. */
  ready: Promise<void>;
  /** Stops every child (SIGTERM, then SIGKILL after `timeoutMs`) and restarts none. */
  stop(timeoutMs?: number): Promise<void>;
}

/** Forks `count` web children, restarting any that dies after it started listening. */
export function startWebCluster(count: number, logger: Logger): WebCluster {
  cluster.schedulingPolicy = cluster.SCHED_NONE;
  cluster.setupPrimary({ silent: false });
  let stopping = false;
  let started = 0;
  let resolveReady: () => void = () => {};
  let rejectReady: (error: Error) => void = () => {};
  const ready = new Promise<void>((resolve, reject) => {
    resolveReady = resolve;
    rejectReady = reject;
  });
  // A child that keeps dying at once is restarted more and more slowly (at most every 5 s).
  let quickDeaths = 0;

  function fork(): ClusterChild {
    const child = cluster.fork({ [clusterChildVariable]: '1' });
    const forkedAt = Date.now();
    let listening = false;
    child.once('listening', () => {
      listening = true;
      started += 1;
      if (started === count) resolveReady();
    });
    child.once('exit', (code, signal) => {
      // A clean exit (code 0) is a child asked to stop (Ctrl-C reaches the whole group).
      if (stopping || (code === 0 && signal === null)) return;
      if (!listening && started < count) {
        rejectReady(new Error(`a web process exited before it listened (code ${code ?? signal})`));
        return;
      }
      quickDeaths = Date.now() - forkedAt < 10_000 ? quickDeaths + 1 : 0;
      const delay = Math.min(5_000, quickDeaths * 250);
      logger.warn({ pid: child.process.pid, code, signal, delay }, 'web process died; restarting');
      setTimeout(() => {
        if (!stopping) fork();
      }, delay).unref();
    });
    return child;
  }

  for (let i = 0; i < count; i += 1) fork();

  return {
    ready,
    async stop(timeoutMs = 10_000) {
      stopping = true;
      const children = Object.values(cluster.workers ?? {}).filter(
        (child): child is ClusterChild => child !== undefined && !child.isDead(),
      );
      await Promise.all(
        children.map(
          (child) =>
            new Promise<void>((resolve) => {
              const timer = setTimeout(() => child.process.kill('SIGKILL'), timeoutMs);
              child.once('exit', () => {
                clearTimeout(timer);
                resolve();
              });
              child.process.kill('SIGTERM');
            }),
        ),
      );
    },
  };
}

/** True in a web child forked by `startWebCluster`. */
export function isWebChild(): boolean {
  return cluster.isWorker && process.env[clusterChildVariable] === '1';
}
