// A second "node" for the multi-process purge test: caches one page, reports when a purge
// from another process removes it.
import { openDatabase } from '../../db/database.js';
import { createLogger } from '../../logger.js';
import { createCachePurger } from '../cache-purger.js';
import { createPageCache } from '../page-cache.js';

const url = process.argv[2] ?? '';
const database = openDatabase(url);
const pageCache = createPageCache({ maxBytes: 1024 * 1024 });
const purger = createCachePurger({
  database,
  pageCache,
  logger: createLogger('silent'),
  pollIntervalMs: 100,
});
await purger.start();
pageCache.store('/story/', {
  status: 200,
  contentType: 'text/html',
  body: '<p>story</p>',
  surrogateKeys: ['article:1', 'home'],
});
pageCache.store('/other/', {
  status: 200,
  contentType: 'text/html',
  body: '<p>other</p>',
  surrogateKeys: ['article:2'],
});
process.stdout.write('ready\n');
const timer = setInterval(() => {
  if (!pageCache.lookup('/story/')) {
    clearInterval(timer);
    process.stdout.write(pageCache.lookup('/other/') ? 'purged-exactly\n' : 'purged-too-much\n');
    void purger
      .stop()
      .then(() => database.destroy())
      .then(() => process.exit(0));
  }
}, 20);
setTimeout(() => process.exit(3), 10_000);
