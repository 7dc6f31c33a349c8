import type { Executor } from '../platform/db/database.js';
import { nowIso } from '../platform/db/database.js';
import { validationError } from '../platform/errors.js';
import { checkEmailAddress } from './email-address.js';
import { listNewsletters } from './newsletter.repository.js';
import {
  insertConsentRecord,
  isSuppressed,
  setSubscriptionStatus,
  upsertSubscriber,
} from './subscriber.repository.js';
import { parseCsv } from './subscriber-csv.js';

// CSV import. Columns (header row required, any order, case-insensitive): email (required),
// name, newsletters (slugs separated by spaces or semicolons; else the request's default),
// consent_text, consent_at (ISO time), consent_ip, consent_location, consent_user_agent.
// Importing asserts that the people consented elsewhere; the consent fields say where.
// Rows with a bad address, an unknown newsletter or a bad time are reported with their line
// number and skipped; suppressed addresses are reported and never re-subscribed.

export interface ImportReport {
  imported: number;
  skipped: Array<{ line: number; email: string; reason: string }>;
}

const maxRows = 100_000;

export async function importSubscribers(
  executor: Executor,
  csv: string,
  options: { defaultSlugs: string[]; actorLabel: string; now: Date },
): Promise<ImportReport> {
  const rows = parseCsv(csv);
  const header = rows.shift();
  const columns = header?.fields.map((f) => f.trim().toLowerCase()) ?? [];
  const emailColumn = columns.indexOf('email');
  if (emailColumn === -1)
    throw validationError({ csv: ['The first row must be a header with an "email" column.'] });
  if (rows.length > maxRows)
    throw validationError({ csv: [`At most ${maxRows} rows per import; split the file.`] });
  const newsletters = await listNewsletters(executor);
  const bySlug = new Map(newsletters.map((n) => [n.slug, n]));
  for (const slug of options.defaultSlugs)
    if (!bySlug.has(slug))
      throw validationError({ newsletters: [`Unknown newsletter "${slug}".`] });
  const at = (name: string, fields: string[]) => {
    const index = columns.indexOf(name);
    return index === -1 ? '' : (fields[index] ?? '').trim();
  };
  const report: ImportReport = { imported: 0, skipped: [] };
  const stamp = nowIso(options.now);
  for (const { line, fields } of rows) {
    const raw = fields[emailColumn] ?? '';
    const checked = checkEmailAddress(raw);
    if (!checked.ok) {
      report.skipped.push({ line, email: raw, reason: checked.reason });
      continue;
    }
    const listed = at('newsletters', fields);
    const slugs = listed ? listed.split(/[\s;]+/).filter(Boolean) : options.defaultSlugs;
    const unknown = slugs.find((s) => !bySlug.has(s));
    if (unknown !== undefined || slugs.length === 0) {
      report.skipped.push({
        line,
        email: checked.address,
        reason: unknown ? `Unknown newsletter "${unknown}".` : 'No newsletter given.',
      });
      continue;
    }
    const consentAt = at('consent_at', fields);
    if (consentAt && Number.isNaN(Date.parse(consentAt))) {
      report.skipped.push({ line, email: checked.address, reason: 'consent_at is not a date.' });
      continue;
    }
    if (await isSuppressed(executor, checked.address)) {
      report.skipped.push({
        line,
        email: checked.address,
        reason: 'The address is on the suppression list (unsubscribed, bounced or complained).',
      });
      continue;
    }
    const subscriber = await upsertSubscriber(
      executor,
      checked.address,
      at('name', fields).slice(0, 100),
      stamp,
    );
    const ids = slugs.map((s) => bySlug.get(s)?.id ?? 0);
    for (const id of ids) await setSubscriptionStatus(executor, subscriber.id, id, 'active', stamp);
    await insertConsentRecord(executor, {
      subscriber_id: subscriber.id,
      action: 'import',
      newsletter_ids: JSON.stringify(ids),
      consent_text:
        at('consent_text', fields).slice(0, 2000) || `Imported by ${options.actorLabel}`,
      location: at('consent_location', fields).slice(0, 200),
      ip: at('consent_ip', fields).slice(0, 64),
      user_agent: at('consent_user_agent', fields).slice(0, 400),
      created_at: consentAt ? new Date(consentAt).toISOString() : stamp,
      confirmed_at: consentAt ? new Date(consentAt).toISOString() : stamp,
    });
    report.imported += 1;
  }
  return report;
}
