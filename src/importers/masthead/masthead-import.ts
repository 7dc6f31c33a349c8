import type { EventPublisher } from '../../platform/events/domain-events.js';
import { open } from 'node:fs/promises';
import type { z } from 'zod';
import {
  countArticles,
  finishArticleReferences,
  importArticle,
  importAuthor,
  importCollection,
  importRedirect,
  importTag,
} from '../../content/content-import.service.js';
import {
  exportedArticle,
  exportedAuthor,
  exportedCollection,
  exportedRedirect,
  exportedTag,
  exportFormatVersion,
} from '../../content/content-transfer.format.js';
import { cachePurgeJob } from '../../platform/cache/cache-purge.job.js';
import type { Db } from '../../platform/db/database.js';
import { enqueueJob } from '../../platform/jobs/job-queue.js';
import { siteSettingsSchema, writeSiteSettings } from '../../platform/settings/site-settings.js';
import { createImportReport, type ImportReport, noteSkipped } from '../import-report.js';
import { JsonRowScanner, readJsonRows } from '../json-row-scanner.js';

// Reads a Masthead export (docs/export-format.md) back in. Pass 1 reads and validates the whole
// file without writing (a truncated or invalid file stops here); pass 2 writes the articles,
// pass 3 the collections and redirects that point at them — all in one transaction.

export class MastheadExportError extends Error {}

const sections = {
  settings: siteSettingsSchema,
  authors: exportedAuthor,
  tags: exportedTag,
  articles: exportedArticle,
  collections: exportedCollection,
  redirects: exportedRedirect,
} as const;
type Section = keyof typeof sections;

function scanner(wanted: Section[]): JsonRowScanner {
  return new JsonRowScanner({
    select: (path) => {
      const [name] = path;
      if (!wanted.includes(name as Section)) return undefined;
      if (name === 'settings') return path.length === 1 ? name : undefined;
      return path.length === 2 ? (name as string) : undefined;
    },
    marksFormat: (path) => path.length === 1 && path[0] === 'articles',
    wrongFormatMessage: 'This is not a Masthead export: it has no "articles" list.',
    makeError: (message) => new MastheadExportError(message),
  });
}

async function* rows(path: string, wanted: Section[], onProgress?: (bytes: number) => void) {
  const counters = new Map<string, number>();
  for await (const { table, row } of readJsonRows(path, scanner(wanted), onProgress)) {
    const index = counters.get(table) ?? 0;
    counters.set(table, index + 1);
    const parsed = (sections[table as Section] as z.ZodType).safeParse(row);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.join('.') || '(row)';
      const label = table === 'settings' ? 'settings' : `${table}[${index}]`;
      throw new MastheadExportError(`${label}: ${where} ${issue?.message ?? 'is invalid'}.`);
    }
    yield { table: table as Section, row: parsed.data as Record<string, unknown> };
  }
}

/** Checks the version marker, which the exporter always writes first. */
async function checkVersion(path: string): Promise<void> {
  const file = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await file.read(Buffer.alloc(200), 0, 200, 0);
    const head = buffer.subarray(0, bytesRead).toString('utf8');
    const match = /^\s*\{\s*"masthead_export"\s*:\s*(\d+)/.exec(head);
    if (!match)
      throw new MastheadExportError(
        'This is not a Masthead export: it must start with {"masthead_export": <version>.',
      );
    if (Number(match[1]) !== exportFormatVersion)
      throw new MastheadExportError(
        `This export is in format version ${match[1]}; this Masthead reads version ${exportFormatVersion}. Use a matching Masthead version.`,
      );
  } finally {
    await file.close();
  }
}

/**
 * Imports a Masthead export into this database. Refuses when articles exist, unless `merge`:
 * then articles with a uuid already here, and authors, tags and collections with a slug
 * already here, are skipped (settings are kept as they are).
 */
export async function importMasthead(
  db: Db,
  path: string,
  options: {
    /** Where the imported articles are announced (search indexes them, oEmbed fetches embeds). */
    events: EventPublisher;
    merge?: boolean;
    onProgress?: (bytesRead: number) => void;
  },
): Promise<ImportReport> {
  await checkVersion(path);
  const report = createImportReport();
  let articleCount = 0;
  for await (const { table } of rows(path, Object.keys(sections) as Section[]))
    if (table === 'articles') articleCount += 1;
  const existing = await countArticles(db);
  if (existing > 0 && !options.merge)
    throw new MastheadExportError(
      `This database already has ${existing} article(s). Import into an empty database, or add --merge to skip articles that are already here.`,
    );
  const purgeKeys = new Set<string>(['all']); // anything may have changed: purge every page
  await db.transaction().execute(async (tx) => {
    const unresolved: number[] = [];
    for await (const { table, row } of rows(path, ['settings', 'authors', 'tags'])) {
      if (table === 'settings') {
        if (!options.merge) await writeSiteSettings(tx, row);
      } else if (table === 'authors') {
        if (await importAuthor(tx, exportedAuthor.parse(row))) report.authors += 1;
      } else if (!(await importTag(tx, exportedTag.parse(row))))
        noteSkipped(report, 'tags already here', { postId: String(row.slug), title: '' });
    }
    for await (const { row } of rows(path, ['articles'], options.onProgress)) {
      const article = exportedArticle.parse(row);
      const result = await importArticle(tx, options.events, article);
      if (!result) {
        noteSkipped(report, 'articles already here (same uuid)', {
          postId: article.uuid,
          title: article.title,
        });
        continue;
      }
      if (result.unresolved) unresolved.push(result.id);
      report.imported += 1;
      report.byStatus[article.status] = (report.byStatus[article.status] ?? 0) + 1;
      if (article.featured_image_url) report.featuredImages += 1;
    }
    for (const id of unresolved) await finishArticleReferences(tx, id);
    for await (const { table, row } of rows(path, ['collections', 'redirects'])) {
      if (table === 'collections') await importCollection(tx, exportedCollection.parse(row));
      else if (await importRedirect(tx, exportedRedirect.parse(row))) report.redirects += 1;
    }
    await enqueueJob(tx, cachePurgeJob, { keys: [...purgeKeys] });
  });
  if (articleCount !== report.imported && !options.merge)
    report.warnings.push(
      `The file lists ${articleCount} articles; ${report.imported} were imported.`,
    );
  return report;
}
