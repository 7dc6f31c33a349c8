// One "node" for the cross-process tests: opens the limits the way a web process does, says
// `ready`, waits for `go` on stdin, hits one key N times (a few at once) and prints how many
// hits were allowed. Usage: hit-limit-process.ts DATABASE_URL REDIS_URL|- PREFIX LIMIT HITS
import { createInterface } from 'node:readline';
import { openDatabase } from '../../db/database.js';
import { createLogger } from '../../logger.js';
import { openRateLimits } from '../open-rate-limits.js';

const [databaseUrl = '', redisUrl = '-', prefix = '', limit = '0', hits = '0'] =
  process.argv.slice(2);
const database = openDatabase(databaseUrl, { poolSize: 4 });
const limits = await openRateLimits({
  db: database.db,
  logger: createLogger('silent'),
  redisUrl: redisUrl === '-' ? undefined : redisUrl,
  prefix,
});
const limiter = limits.define({ name: 'test.shared', limit: Number(limit), windowMs: 60_000 });
await limiter.hit('warm-up'); // connections open before the race starts
console.log('ready');
const input = createInterface({ input: process.stdin });
await new Promise<void>((resolve) => input.once('line', () => resolve()));
input.close();

let allowed = 0;
let remaining = Number(hits);
async function lane() {
  while (remaining > 0) {
    remaining -= 1;
    if ((await limiter.hit('203.0.113.7')).allowed) allowed += 1;
  }
}
await Promise.all([lane(), lane(), lane(), lane()]);
console.log(JSON.stringify({ allowed }));
await limits.close();
await database.destroy();
