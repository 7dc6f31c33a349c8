import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { it } from 'node:test';
import { describeEachDialect } from '../db/test-databases.js';
import { createLogger } from '../logger.js';
import { createCachePurger } from './cache-purger.js';
import { createPageCache } from './page-cache.js';

const fixture = new URL('./test-fixtures/purge-listener.ts', import.meta.url).pathname;

describeEachDialect('cache purges across processes', (getDatabase, dialect) => {
  it(`a purge in one process removes exactly the tagged page in another (${dialect})`, async () => {
    const database = getDatabase();
    const purger = createCachePurger({
      database,
      pageCache: createPageCache({ maxBytes: 1_000_000 }),
      logger: createLogger('silent'),
      pollIntervalMs: 100,
    });
    await purger.start();
    const child = spawn(process.execPath, ['--import', 'tsx', fixture, database.url], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const lines = createInterface({ input: child.stdout });
    const seen: string[] = [];
    const waitFor = (text: string) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`timed out waiting for ${text}; saw ${seen.join(',')}`)),
          8000,
        );
        const check = () => {
          if (seen.some((line) => line.startsWith(text))) {
            clearTimeout(timer);
            resolve();
          }
        };
        lines.on('line', (line) => {
          seen.push(line);
          check();
        });
        check();
      });
    try {
      await waitFor('ready');
      await purger.purge(['article:1']);
      await waitFor('purged');
      assert.ok(seen.includes('purged-exactly'), `child said ${seen.join(',')}`);
    } finally {
      child.kill();
      await purger.stop();
    }
  });
});
