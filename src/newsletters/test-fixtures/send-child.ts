import { openDatabase } from '../../platform/db/database.js';
import { createLogger } from '../../platform/logger.js';
import { createSettingsCache } from '../../platform/settings/site-settings.js';
import { createSmtpBulkTransport } from '../bulk-transport.js';
import { runSendLane } from '../send-engine.js';

// A send in its own process, for the fault test: `send-child.ts DATABASE_URL SMTP_URL ISSUE_ID`.
// Prints "ready" once it starts sending and "done" when the send has finished; the test kills
// it with SIGKILL at a random moment in between.

const [databaseUrl, smtpUrl, issueIdText] = process.argv.slice(2);
if (!databaseUrl || !smtpUrl || !issueIdText)
  throw new Error('usage: send-child DATABASE_URL SMTP_URL ISSUE_ID');
const database = openDatabase(databaseUrl, { poolSize: 4 });
const transport = createSmtpBulkTransport(smtpUrl, { maxConnections: 3, socketTimeoutMs: 5000 });
const deps = {
  database,
  config: { baseUrl: 'https://news.test', mailFrom: 'News <news@news.test>' },
  settings: createSettingsCache(database.db, 60_000),
  logger: createLogger('silent'),
  now: () => new Date(),
  transport,
};
process.stdout.write('ready\n');
for (;;) {
  const result = await runSendLane(deps, Number(issueIdText), { batchSize: 5, retryBaseMs: 1 });
  if (result.state !== 'waiting' && result.state !== 'others_running') break;
  await new Promise((resolve) => setTimeout(resolve, 10));
}
await transport.close();
await database.destroy();
process.stdout.write('done\n');
