import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import {
  exportArticleBatch,
  exportAuthors,
  exportCollections,
  exportRedirectBatch,
  exportTags,
} from '../../content/content-export.service.js';
import { exportFormatVersion } from '../../content/content-transfer.format.js';
import type { Db } from '../../platform/db/database.js';
import { readSiteSettings } from '../../platform/settings/site-settings.js';

// Writes a Masthead export (docs/export-format.md). Articles and redirects are read in keyset
// batches and written one per line as they come, so memory stays flat however large the site.
// The file appears under its name only when complete (written beside it, then renamed).

const batchSize = 200;

export interface ExportCounts {
  articles: number;
  authors: number;
  tags: number;
  collections: number;
  redirects: number;
}

export async function exportMasthead(
  db: Db,
  outPath: string,
  options: { now?: Date } = {},
): Promise<ExportCounts> {
  const partial = `${outPath}.partial`;
  const out = createWriteStream(partial, { encoding: 'utf8' });
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  const list = async <T>(name: string, rows: T[], last = false) => {
    await write(`"${name}": [`);
    for (const [index, row] of rows.entries())
      await write(`${index === 0 ? '\n' : ',\n'}${JSON.stringify(row)}`);
    await write(`${rows.length > 0 ? '\n' : ''}]${last ? '' : ',\n'}`);
  };
  const counts: ExportCounts = { articles: 0, authors: 0, tags: 0, collections: 0, redirects: 0 };
  try {
    // One transaction (a snapshot on SQLite; on PostgreSQL at its default isolation level).
    await db.transaction().execute(async (tx) => {
      // The version comes first: the importer checks it before reading anything else.
      await write(`{"masthead_export": ${exportFormatVersion},\n`);
      await write(`"exported_at": ${JSON.stringify((options.now ?? new Date()).toISOString())},\n`);
      await write(`"settings": ${JSON.stringify(await readSiteSettings(tx))},\n`);
      const authors = await exportAuthors(tx);
      await list('authors', authors);
      const tags = await exportTags(tx);
      await list('tags', tags);
      await write('"articles": [');
      for (let after = 0; ;) {
        const batch = await exportArticleBatch(tx, after, batchSize);
        if (batch.lastId === undefined) break;
        for (const article of batch.articles)
          await write(`${counts.articles++ === 0 ? '\n' : ',\n'}${JSON.stringify(article)}`);
        after = batch.lastId;
      }
      await write(`${counts.articles > 0 ? '\n' : ''}],\n`);
      const collections = await exportCollections(tx);
      await list('collections', collections);
      await write('"redirects": [');
      for (let after: string | undefined; ;) {
        const batch = await exportRedirectBatch(tx, after, batchSize * 5);
        for (const redirect of batch)
          await write(`${counts.redirects++ === 0 ? '\n' : ',\n'}${JSON.stringify(redirect)}`);
        if (batch.length < batchSize * 5) break;
        after = batch[batch.length - 1]?.path;
      }
      await write(`${counts.redirects > 0 ? '\n' : ''}]}\n`);
      Object.assign(counts, {
        authors: authors.length,
        tags: tags.length,
        collections: collections.length,
      });
    });
    out.end();
    await once(out, 'finish');
    await rename(partial, outPath);
    return counts;
  } catch (error) {
    out.destroy();
    await rm(partial, { force: true });
    throw error;
  }
}
