import { loadConfig } from '../config.js';
import { parseOptions, UsageError } from './options.js';
import {
  closeBulkTransport,
  processBulkTransport,
} from '../newsletters/bulk-transport-registry.js';
import { findIssue } from '../newsletters/issue.repository.js';
import { sendProgress, startSend } from '../newsletters/issue.service.js';
import { runSendLane } from '../newsletters/send-engine.js';
import { openAppServices } from '../jobs.js';

type Progress = Awaited<ReturnType<typeof sendProgress>>;

function bar(progress: Progress, startedAt: number): string {
  const total = Math.max(progress.recipients, 1);
  const width = 30;
  const filled = Math.round((progress.done / total) * width);
  const seconds = Math.max((Date.now() - startedAt) / 1000, 0.001);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${progress.done}/${progress.recipients} sent ${progress.sent} failed ${progress.failed} ambiguous ${progress.ambiguous} suppressed ${progress.suppressed} · ${progress.waiting === 'hourly_limit' ? `waiting (hourly limit) until ${progress.wait_until ?? ''}` : `${Math.round(progress.sent / seconds)} msg/s`}`;
}

/**
 * `masthead newsletter send <issue-id> [--lanes N] [--watch]` — starts the send (unless it is
 * already sending) and runs it in this process with a progress bar; other workers may share it.
 * With --watch, only shows the progress of a send run by the workers.
 */
export async function runNewsletter(args: string[]): Promise<number> {
  const { values, positionals } = parseOptions(args, {
    lanes: { type: 'string' },
    watch: { type: 'boolean' },
  });
  const [sub, idText] = positionals;
  if (sub !== 'send' || !idText || !/^[1-9]\d*$/.test(idText))
    throw new UsageError('Use `masthead newsletter send <issue-id>`.');
  const lanes = values.lanes === undefined ? 1 : Number(values.lanes);
  if (!Number.isInteger(lanes) || lanes < 1 || lanes > 8)
    throw new UsageError('--lanes must be 1 to 8.');
  const issueId = Number(idText);
  const runtime = await openAppServices(loadConfig(), 'masthead-newsletter');
  const { db } = runtime.database;
  const tty = process.stdout.isTTY;
  try {
    const issue = await findIssue(db, issueId);
    if (!issue) {
      console.error(`No issue ${issueId}.`);
      return 1;
    }
    if (issue.status === 'draft' || issue.status === 'scheduled')
      await db
        .transaction()
        .execute((trx) => startSend(trx, issueId, { now: runtime.now(), lanes }));
    const startedAt = Date.now();
    let last = '';
    const show = async () => {
      const line = bar(await sendProgress(db, issueId), startedAt);
      if (line === last) return;
      last = line;
      if (tty) process.stdout.write(`\r${line}\x1b[K`);
      else console.log(line);
    };
    const ticker = setInterval(() => void show().catch(() => undefined), tty ? 200 : 2000);
    try {
      if (!values.watch) {
        const deps = { ...runtime, transport: processBulkTransport(runtime) };
        await Promise.all(
          Array.from({ length: lanes }, async () => {
            for (;;) {
              const result = await runSendLane(deps, issueId);
              if (result.state === 'waiting') {
                await new Promise((r) =>
                  setTimeout(r, Math.max(0, Date.parse(result.retryAt) - Date.now())),
                );
              } else if (result.state === 'others_running') {
                await new Promise((r) => setTimeout(r, 1000));
              } else break;
            }
          }),
        );
      } else {
        for (;;) {
          const progress = await sendProgress(db, issueId);
          if (!['sending', 'scheduled'].includes(progress.status)) break;
          await new Promise((r) => setTimeout(r, 500));
        }
      }
    } finally {
      clearInterval(ticker);
    }
    await show();
    const final = await sendProgress(db, issueId);
    if (tty) process.stdout.write('\n');
    console.log(`Issue ${issueId}: ${final.status}.`);
    if (final.ambiguous > 0)
      console.log(
        `${final.ambiguous} message(s) are ambiguous (in flight when a worker stopped). They are not resent automatically; resend them with POST /api/admin/newsletter-issues/${issueId}/resend-ambiguous.`,
      );
    return final.status === 'sent' ? 0 : 1;
  } finally {
    await closeBulkTransport();
    await runtime.close();
  }
}
