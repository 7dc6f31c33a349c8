import { existsSync, statSync } from 'node:fs';
import { loadConfig } from '../config.js';
import { formatImportReport } from '../importers/import-report.js';
import { importGhost } from '../importers/ghost/ghost-import.js';
import { GhostExportError } from '../importers/ghost/json-rows.js';
import { importMasthead, MastheadExportError } from '../importers/masthead/masthead-import.js';
import { importWordPress } from '../importers/wordpress/wordpress-import.js';
import { WxrError } from '../importers/wordpress/wxr-reader.js';
import { defaultMediaLimits } from '../media/media.service.js';
import { openBlobStore } from '../platform/storage/open-blob-store.js';
import { openDatabase } from '../platform/db/database.js';
import { migrateToLatest } from '../platform/db/migrate.js';
import { readSiteSettings } from '../platform/settings/site-settings.js';
import { createDomainEvents } from '../jobs.js';
import { parseOptions, UsageError } from './options.js';

/** A progress line on stderr: redrawn in place on a terminal, every 10 % otherwise. */
function progressPrinter(total: number): (bytes: number) => void {
  let lastTenth = -1;
  return (bytes) => {
    const fraction = total > 0 ? Math.min(1, bytes / total) : 1;
    const line = `Importing… ${(fraction * 100).toFixed(0).padStart(3)} %  (${(bytes / 1e6).toFixed(1)} of ${(total / 1e6).toFixed(1)} MB)`;
    if (process.stderr.isTTY) {
      const width = 30;
      const filled = Math.round(fraction * width);
      process.stderr.write(`\r[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${line}`);
      if (fraction === 1) process.stderr.write('\n');
    } else if (Math.floor(fraction * 10) > lastTenth) {
      lastTenth = Math.floor(fraction * 10);
      process.stderr.write(`${line}\n`);
    }
  };
}

const importers = { wordpress: importWordPress, ghost: importGhost };

/** `masthead import wordpress|ghost|masthead <file>` */
export async function runImport(args: string[]): Promise<number> {
  const { positionals, values } = parseOptions(args, {
    merge: { type: 'boolean' },
    'media-dir': { type: 'string' },
  });
  const [kind, file] = positionals;
  if (kind !== 'wordpress' && kind !== 'ghost' && kind !== 'masthead')
    throw new UsageError(
      'Say what to import: `masthead import wordpress <export.xml>`, `masthead import ghost <export.json>` or `masthead import masthead <export.json> [--merge]`.',
    );
  if (values.merge && kind !== 'masthead')
    throw new UsageError('--merge is only for `masthead import masthead`.');
  if (!file) throw new UsageError(`Name the export file: \`masthead import ${kind} <file>\`.`);
  const mediaDir = values['media-dir'];
  if (mediaDir !== undefined && kind !== 'wordpress')
    throw new UsageError('--media-dir is only for `masthead import wordpress`.');
  if (mediaDir !== undefined && (!existsSync(mediaDir) || !statSync(mediaDir).isDirectory())) {
    console.error(`No such folder: ${mediaDir}`);
    return 1;
  }
  if (!existsSync(file) || !statSync(file).isFile()) {
    console.error(`No such file: ${file}`);
    return 1;
  }
  const config = loadConfig();
  const database = openDatabase(config.databaseUrl);
  try {
    await migrateToLatest(database.db);
    const onProgress = progressPrinter(statSync(file).size);
    // Imported articles are announced like any other: search indexes them, embeds are fetched.
    const events = createDomainEvents();
    if (kind === 'masthead') {
      const report = await importMasthead(database.db, file, {
        events,
        merge: values.merge ?? false,
        onProgress,
      });
      console.log(formatImportReport(report));
      return 0;
    }
    const settings = await readSiteSettings(database.db);
    const report = await importers[kind](
      {
        db: database.db,
        now: () => new Date(),
        timeZone: settings.timeZone,
        internalHosts: [new URL(config.baseUrl).host],
        events,
      },
      file,
      {
        onProgress,
        ...(mediaDir
          ? {
              media: {
                dir: mediaDir,
                deps: {
                  storage: openBlobStore(config.storage, config.dataDir),
                  limits: defaultMediaLimits,
                  now: () => new Date(),
                },
              },
            }
          : {}),
      },
    );
    console.log(formatImportReport(report));
    return 0;
  } catch (error) {
    if (
      error instanceof WxrError ||
      error instanceof GhostExportError ||
      error instanceof MastheadExportError
    ) {
      console.error(`\nNothing was imported: ${error.message}`);
      return 1;
    }
    throw error;
  } finally {
    await database.destroy();
  }
}
