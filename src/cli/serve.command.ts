import { availableParallelism } from 'node:os';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.js';
import { type AppConfig, ConfigError, loadConfig } from '../config.js';
import { type MastheadServices, openAppServices } from '../jobs.js';
import { parseOptions, UsageError } from './options.js';
import { isWebChild, startWebCluster, type WebCluster } from './serve-cluster.js';
import { seedIfEmpty } from '../seed/seed-on-start.js';
import { ensureSearchIndex } from '../search/search.service.js';

const maxProcesses = 64;

/** `--processes N`: 1–64; by default one per core (one for an in-memory SQLite database). */
export function chooseProcesses(value: string | undefined, config: AppConfig): number {
  const inMemory = /^sqlite:(\/\/)?:memory:$/.test(config.databaseUrl);
  if (value === undefined) return inMemory ? 1 : Math.min(maxProcesses, availableParallelism());
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > maxProcesses)
    throw new UsageError(
      `--processes must be a whole number from 1 to ${maxProcesses}, not "${value}".`,
    );
  const count = Number(value);
  if (count > 1 && inMemory)
    throw new UsageError(
      'An in-memory SQLite database lives in one process: use --processes 1, or a database file.',
    );
  return count;
}

function portInUse(config: AppConfig): string {
  return `Port ${config.port} on ${config.host} is already in use. Stop the other server or set PORT to a free port.`;
}

/** Listens on HOST:PORT; false (after saying why) when the port is taken. */
async function listen(app: FastifyInstance, config: AppConfig): Promise<boolean> {
  try {
    await app.listen({ host: config.host, port: config.port });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      console.error(portInUse(config));
      return false;
    }
    throw error;
  }
}

/** Resolves on SIGINT or SIGTERM (and, in a web child, when the primary goes away). */
function untilStopped(services: MastheadServices): Promise<void> {
  return new Promise<void>((resolve) => {
    const shutdown = (signal: string) => {
      services.logger.info({ signal }, 'shutting down');
      resolve();
    };
    process.once('SIGINT', () => shutdown('SIGINT'));
    process.once('SIGTERM', () => shutdown('SIGTERM'));
    if (isWebChild()) process.once('disconnect', () => shutdown('disconnect'));
  });
}

/** One web process of `serve --processes N`: the app only; the primary seeds and runs jobs. */
async function runWebChild(config: AppConfig): Promise<number> {
  const runtime = await openAppServices(config, 'masthead-web');
  let app: FastifyInstance;
  try {
    app = await buildApp(runtime);
  } catch (error) {
    // Say why and exit 1, so the primary stops with the error (say, a bad GEOIP_DATABASE).
    // Closing the channel instead would make this a clean exit (cluster children exit 0 when
    // it closes) and leave the primary waiting for a process that never listens.
    await runtime.close();
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  }
  if (!(await listen(app, config))) {
    await runtime.close();
    return 1;
  }
  await untilStopped(runtime);
  await app.close();
  await runtime.close();
  // The IPC channel to the primary would keep this process alive.
  if (process.connected) process.disconnect();
  return 0;
}

/** `masthead serve [--no-worker] [--no-seed] [--processes N]` */
export async function runServe(args: string[]): Promise<number> {
  const { values } = parseOptions(args, {
    'no-worker': { type: 'boolean' },
    'no-seed': { type: 'boolean' },
    processes: { type: 'string' },
  });
  const startedAt = performance.now();
  const config = loadConfig();
  if (isWebChild()) return runWebChild(config);
  const processes = chooseProcesses(values.processes, config);
  const runtime = await openAppServices(config);
  const seeded = values['no-seed']
    ? undefined
    : await seedIfEmpty(runtime.database, config, runtime.events);
  const indexed = await ensureSearchIndex(runtime.database.db);
  if (indexed !== undefined) console.log(`Search index built for ${indexed} published articles.`);
  let app: FastifyInstance | undefined;
  let web: WebCluster | undefined;
  if (processes === 1) {
    app = await buildApp(runtime);
    if (!(await listen(app, config))) {
      await runtime.close();
      return 1;
    }
  } else {
    web = startWebCluster(processes, runtime.logger);
    try {
      await web.ready;
    } catch (error) {
      await web.stop(2_000);
      await runtime.close();
      console.error(`Masthead could not start its web processes: ${(error as Error).message}`);
      return 1;
    }
  }
  // The jobs' handlers load after the site listens: a reader's first page does not wait for them.
  const worker = values['no-worker']
    ? undefined
    : await (await import('../worker-jobs.js')).startAppWorker(runtime);
  const address = app?.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const siteUrl = config.baseUrl;
  const shape = processes === 1 ? '' : `, ${processes} web processes`;
  console.log(
    `Masthead is serving ${siteUrl}/ (listening on ${config.host}:${port}, ${runtime.database.dialect}${shape}) in ${Math.round(performance.now() - startedAt)} ms`,
  );
  console.log(`Newsroom admin: ${siteUrl}/admin/`);
  if (seeded?.admin) {
    console.log(
      `Demo newsroom seeded (${seeded.articles} articles). Sign in as ${seeded.admin.email} with password ${seeded.admin.password}`,
    );
    console.log(
      'This password is shown once. Create more staff with: npx masthead user create --email … --password … --role editor --name …',
    );
  } else {
    console.log(
      'Sign in with a staff account; create one with: npx masthead user create --email you@example.org --password … --role admin --name "Your Name"',
    );
  }
  if (!worker)
    console.log(
      'Job worker disabled (--no-worker): run `npx masthead worker` for scheduled publishing and other jobs.',
    );

  await untilStopped(runtime);
  await app?.close();
  await web?.stop();
  await worker?.stop();
  await runtime.close();
  return 0;
}
