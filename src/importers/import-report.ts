/** What an import did: counts, and every item it left out with the reason. */
export interface ImportReport {
  imported: number;
  byStatus: Record<string, number>;
  authors: number;
  redirects: number;
  featuredImages: number;
  /** Attachments copied into the media library (`--media-dir`). */
  mediaCopied: number;
  /** Newsletter subscribers brought over (Ghost members), and newsletters created for them. */
  subscribers: number;
  newslettersCreated: number;
  skipped: Map<string, { count: number; examples: string[] }>;
  warnings: string[];
}

export function createImportReport(): ImportReport {
  return {
    imported: 0,
    byStatus: {},
    authors: 0,
    redirects: 0,
    featuredImages: 0,
    mediaCopied: 0,
    subscribers: 0,
    newslettersCreated: 0,
    skipped: new Map(),
    warnings: [],
  };
}

/** Counts a skipped item under its reason, keeping a few examples to show. */
export function noteSkipped(
  report: ImportReport,
  reason: string,
  item: { postId: string; title: string },
): void {
  const entry = report.skipped.get(reason) ?? { count: 0, examples: [] };
  entry.count += 1;
  if (entry.examples.length < 5)
    entry.examples.push(`#${item.postId} "${item.title.slice(0, 60)}"`);
  report.skipped.set(reason, entry);
}

/** The report as lines for a person. */
export function formatImportReport(report: ImportReport): string {
  const statuses = Object.entries(report.byStatus)
    .map(([status, count]) => `${count} ${status}`)
    .join(', ');
  const lines = [
    `Imported ${report.imported} article(s)${statuses ? ` (${statuses})` : ''}.`,
    `Authors in the file: ${report.authors}. Old URLs redirecting: ${report.redirects}. Featured images linked: ${report.featuredImages}.`,
  ];
  if (report.mediaCopied > 0)
    lines.push(`Images copied into the media library: ${report.mediaCopied}.`);
  if (report.subscribers > 0 || report.newslettersCreated > 0)
    lines.push(
      `Newsletter subscribers imported: ${report.subscribers}. Newsletters created: ${report.newslettersCreated}.`,
    );
  for (const [reason, { count, examples }] of report.skipped)
    lines.push(`Skipped ${count}: ${reason} — e.g. ${examples.join(', ')}`);
  for (const warning of report.warnings) lines.push(`Warning: ${warning}`);
  return lines.join('\n');
}
