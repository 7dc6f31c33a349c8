import { loadConfig } from '../config.js';
import { copyBlobs, type CopyProgress } from '../platform/storage/copy-blobs.js';
import { openBlobStore } from '../platform/storage/open-blob-store.js';
import { describeStorage, parseStorageUrl } from '../platform/storage/storage-url.js';
import { parseOptions, UsageError } from './options.js';

/** One line of progress: a bar on a terminal, a plain line every 5 % otherwise. */
function progressPrinter(stream: NodeJS.WriteStream) {
  let lastStep = -1;
  return (p: CopyProgress) => {
    const share = p.total === 0 ? 1 : p.done / p.total;
    const mb = (p.bytesCopied / 1e6).toFixed(1);
    if (stream.isTTY) {
      const width = 30;
      const filled = Math.round(share * width);
      stream.write(
        `\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${p.done}/${p.total} files · ${p.copied} copied (${mb} MB) · ${p.skipped} already there`,
      );
      if (p.done === p.total) stream.write('\n');
      return;
    }
    const step = Math.floor(share * 20);
    if (step === lastStep) return;
    lastStep = step;
    stream.write(
      `${Math.round(share * 100)} % · ${p.done}/${p.total} files · ${p.copied} copied (${mb} MB) · ${p.skipped} already there\n`,
    );
  };
}

/** `masthead storage migrate --to URL [--from URL]` — copies media and audio to another store. */
export async function runStorage(args: string[]): Promise<number> {
  const { positionals, values } = parseOptions(args, {
    to: { type: 'string' },
    from: { type: 'string' },
  });
  if (positionals[0] !== 'migrate' || positionals.length > 1)
    throw new UsageError('Only `masthead storage migrate --to URL` is available.');
  if (!values.to)
    throw new UsageError('Say where to copy the files: --to s3://bucket/prefix?… or --to local.');
  const config = loadConfig();
  const parse = (value: string, option: string) => {
    try {
      return parseStorageUrl(value);
    } catch (error) {
      throw new UsageError(`--${option}: ${(error as Error).message}`);
    }
  };
  const fromTarget = values.from ? parse(values.from, 'from') : config.storage;
  const toTarget = parse(values.to, 'to');
  const from = openBlobStore(fromTarget, config.dataDir);
  const to = openBlobStore(toTarget, config.dataDir);
  const fromText = describeStorage(fromTarget, config.dataDir);
  const toText = describeStorage(toTarget, config.dataDir);
  if (fromText === toText)
    throw new UsageError(`--to names the store the files are already in (${toText}).`);
  try {
    try {
      await to.check();
    } catch (error) {
      console.error((error as Error).message);
      return 1;
    }
    console.error(`Copying media and audio from ${fromText} to ${toText}…`);
    let result;
    try {
      result = await copyBlobs(from, to, { onProgress: progressPrinter(process.stderr) });
    } catch (error) {
      // Listing either store failed: nothing was copied in this run.
      console.error((error as Error).message);
      return 1;
    }
    for (const failure of result.failed.slice(0, 20))
      console.error(`  failed: ${failure.key}: ${failure.message}`);
    if (result.failed.length > 20) console.error(`  … and ${result.failed.length - 20} more`);
    console.log(
      `${result.copied} copied, ${result.skipped} already there, ${result.failed.length} failed (of ${result.total}).`,
    );
    if (result.failed.length > 0) {
      console.error(
        'Run the same command again to copy what is missing; finished copies are kept.',
      );
      return 1;
    }
    console.log(
      `Every file is in ${toText}. Set STORAGE_URL=${values.to} on every node (web and worker) and restart them; the old files can be removed once the site serves from the new store.`,
    );
    return 0;
  } finally {
    from.close();
    to.close();
  }
}
