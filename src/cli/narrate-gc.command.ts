import { parseArgs } from 'node:util';
import { collectAudioGarbage, defaultGraceMs } from '../audio/audio-gc.service.js';
import { loadConfig } from '../config.js';
import { openAppServices } from '../jobs.js';
import type { NarrateArticleIo } from './narrate-article.command.js';

const USAGE = 'Usage: masthead narrate gc [--grace-hours N] [--dry-run]\n';

/**
 * `masthead narrate gc`: deletes narration audio no narration points to and nothing used
 * within the grace period (default 72 hours); `--dry-run` lists what would go.
 */
export async function runNarrateGc(args: string[], io: NarrateArticleIo): Promise<number> {
  let values: { 'grace-hours'?: string; 'dry-run'?: boolean };
  try {
    values = parseArgs({
      args,
      options: { 'grace-hours': { type: 'string' }, 'dry-run': { type: 'boolean' } },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    io.errors.write(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  const hours = values['grace-hours'] === undefined ? undefined : Number(values['grace-hours']);
  if (hours !== undefined && !(Number.isFinite(hours) && hours >= 0)) {
    io.errors.write(`--grace-hours must be a number of hours, 0 or more.\n${USAGE}`);
    return 2;
  }
  const config = loadConfig();
  const runtime = await openAppServices(config, 'narrate');
  try {
    const dryRun = values['dry-run'] === true;
    const result = await collectAudioGarbage(
      { database: runtime.database, storage: runtime.storage, now: () => new Date() },
      { graceMs: hours === undefined ? defaultGraceMs : hours * 3600 * 1000, dryRun },
    );
    const verb = dryRun ? 'would delete' : 'deleted';
    for (const file of result.filesDeleted) io.output.write(`${verb} ${file}\n`);
    io.output.write(
      [
        `narrations of unpublished articles ${dryRun ? 'to remove' : 'removed'}: ${result.narrationsRemoved}`,
        `audio files ${verb}: ${result.filesDeleted.length}`,
        `paragraph cache entries ${verb}: ${result.cacheEntriesDeleted}`,
        `space freed: ${(result.bytesFreed / 1e6).toFixed(1)} MB`,
        `unused but kept (within the grace period): ${result.keptInGrace}`,
      ].join('\n') + '\n',
    );
    return 0;
  } finally {
    await runtime.close();
  }
}
