// One "node" for the multi-process purge tests: a page cache and a purger on the given
// database. Over IPC it answers `{ type: 'purge', keys }` by purging (which tells the other
// nodes), and reports `{ type: 'purged', exactly }` as soon as another node's purge removed
// its `/story/` page (`exactly`: the page tagged with another key survived).
// Usage: node --import tsx cache-node.ts DATABASE_URL
import { openDatabase } from '../../db/database.js';
import { createLogger } from '../../logger.js';
import { createCachePurger } from '../cache-purger.js';
import { createPageCache } from '../page-cache.js';

type Command = { type: 'purge'; keys: string[] } | { type: 'exit' };

const send = (message: object) => process.send?.(message);
const database = openDatabase(process.argv[2] ?? '', { poolSize: 2 });
const pageCache = createPageCache({ maxBytes: 1024 * 1024 });
const purger = createCachePurger({ database, pageCache, logger: createLogger('silent') });
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

let purgedHere = false;
const watch = setInterval(() => {
  if (purgedHere || pageCache.lookup('/story/')) return;
  clearInterval(watch);
  send({ type: 'purged', exactly: pageCache.lookup('/other/') !== undefined });
}, 5);

process.on('message', (command: Command) => {
  if (command.type === 'purge') {
    purgedHere = true;
    clearInterval(watch);
    void purger.purge(command.keys).then(() => send({ type: 'sent' }));
  } else {
    void purger
      .stop()
      .then(() => database.destroy())
      .then(() => process.exit(0));
  }
});
process.on('disconnect', () => process.exit(0));
send({ type: 'ready' });
