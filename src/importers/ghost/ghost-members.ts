import type { Executor } from '../../platform/db/database.js';
import { nowIso } from '../../platform/db/database.js';
import {
  ensureNewsletter,
  importSubscriber,
} from '../../newsletters/subscriber-migration.service.js';
import { type ImportReport, noteSkipped } from '../import-report.js';
import { findImported, recordImported } from '../import.repository.js';
import { readGhostRows } from './json-rows.js';

// Ghost members → newsletter subscribers. Newsletters and the member→newsletter links are read
// in a first pass (the links are kept as member id → small newsletter numbers; the member rows
// themselves, with addresses and names, are streamed one at a time in the second pass).

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

const consentText =
  'Subscribed on the newsroom’s Ghost site; brought over by `masthead import ghost`.';

/** Reads newsletters (creating missing ones) and which member is on which newsletter. */
async function readSubscriptions(
  executor: Executor,
  path: string,
  report: ImportReport,
  now: Date,
): Promise<Map<string, number[]>> {
  const ghostToOurs = new Map<string, number>();
  const links: { member: string; newsletter: string }[] = [];
  const byMember = new Map<string, number[]>();
  for await (const { table, row } of readGhostRows(path, ['newsletters', 'members_newsletters'])) {
    if (table === 'newsletters') {
      const slug = text(row.slug);
      const result = await ensureNewsletter(executor, { slug, name: text(row.name) }, now);
      if ('error' in result) {
        noteSkipped(report, 'newsletters that cannot be created', {
          postId: text(row.id),
          title: result.error,
        });
        continue;
      }
      if (result.created) report.newslettersCreated += 1;
      ghostToOurs.set(text(row.id), result.newsletter.id);
    } else {
      // Links may come before their newsletter in the file; resolve them after the pass.
      links.push({ member: text(row.member_id), newsletter: text(row.newsletter_id) });
    }
  }
  for (const link of links) {
    const id = ghostToOurs.get(link.newsletter);
    if (id === undefined) continue;
    const list = byMember.get(link.member) ?? [];
    list.push(id);
    byMember.set(link.member, list);
  }
  return byMember;
}

/**
 * Imports Ghost members as subscribers with their newsletter subscriptions and a consent
 * record (dated when they joined Ghost). Suppressed and invalid addresses are reported;
 * re-runs skip members already imported.
 */
export async function importGhostMembers(
  executor: Executor,
  path: string,
  report: ImportReport,
  now: Date,
): Promise<void> {
  const subscriptions = await readSubscriptions(executor, path, report, now);
  for await (const { row } of readGhostRows(path, ['members'])) {
    const memberId = text(row.id);
    const email = text(row.email);
    const item = { postId: memberId, title: email };
    const sourceKey = `member:${text(row.uuid) || memberId}`;
    if (await findImported(executor, 'ghost', sourceKey)) {
      noteSkipped(report, 'members already imported by an earlier run', item);
      continue;
    }
    const result = await importSubscriber(
      executor,
      {
        email,
        name: text(row.name),
        newsletterIds: subscriptions.get(memberId) ?? [],
        consent: { text: consentText, at: text(row.created_at), location: 'ghost-import' },
      },
      now,
    );
    if (!result.ok) {
      noteSkipped(report, `members not imported: ${result.reason}`, item);
      continue;
    }
    await recordImported(executor, {
      source: 'ghost',
      sourceKey,
      articleId: null,
      createdAt: nowIso(now),
    });
    report.subscribers += 1;
  }
}
