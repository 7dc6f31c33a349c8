import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { openAppServices, startAppWorker } from '../jobs.js';
import { parseOptions } from './options.js';
import { seedIfEmpty } from '../seed/seed-on-start.js';
import { ensureSearchIndex } from '../search/search.service.js';

/** `masthead serve [--no-worker] [--no-seed]` */
export async function runServe(args: string[]): Promise<number> {
  const { values } = parseOptions(args, {
    'no-worker': { type: 'boolean' },
    'no-seed': { type: 'boolean' },
  });
  const startedAt = performance.now();
  const config = loadConfig();
  const runtime = await openAppServices(config);
  const seeded = values['no-seed']
    ? undefined
    : await seedIfEmpty(runtime.database, config, runtime.events);
  const indexed = await ensureSearchIndex(runtime.database.db);
  if (indexed !== undefined) console.log(`Search index built for ${indexed} published articles.`);
  const app = await buildApp(runtime);
  try {
    await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    await runtime.close();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      console.error(
        `Port ${config.port} on ${config.host} is already in use. Stop the other server or set PORT to a free port.`,
      );
      return 1;
    }
    throw error;
  }
  const worker = values['no-worker'] ? undefined : await startAppWorker(runtime);
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const siteUrl = config.baseUrl;
  console.log(
    `Masthead is serving ${siteUrl}/ (listening on ${config.host}:${port}, ${runtime.database.dialect}) in ${Math.round(performance.now() - startedAt)} ms`,
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

  await new Promise<void>((resolve) => {
    const shutdown = (signal: string) => {
      runtime.logger.info({ signal }, 'shutting down');
      resolve();
    };
    process.once('SIGINT', () => shutdown('SIGINT'));
    process.once('SIGTERM', () => shutdown('SIGTERM'));
  });
  await app.close();
  await worker?.stop();
  await runtime.close();
  return 0;
}
