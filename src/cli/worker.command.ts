import { loadConfig } from '../config.js';
import { openAppServices } from '../jobs.js';
import { startAppWorker } from '../worker-jobs.js';
import { parseOptions } from './options.js';

/** `masthead worker` — jobs only, until SIGINT/SIGTERM. */
export async function runWorker(args: string[]): Promise<number> {
  parseOptions(args, {});
  const config = loadConfig();
  const runtime = await openAppServices(config, 'masthead-worker');
  const worker = await startAppWorker(runtime);
  console.log(`Masthead worker running on ${runtime.database.dialect}. Ctrl-C to stop.`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  await worker.stop();
  await runtime.close();
  return 0;
}
