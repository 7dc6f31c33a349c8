import {
  type BackupManifest,
  BackupError,
  backupFormatVersion,
  consumeEntry,
  manifestEntry,
  manifestSchema,
  readArchive,
} from './backup-format.js';

export interface VerifyProgress {
  done: number;
  /** Unknown until the manifest (the last entry) is read. */
  bytesRead: number;
}

export interface VerifyResult {
  manifest: BackupManifest;
  /** Every mismatch found; empty when the file is sound. */
  problems: string[];
  entries: number;
  bytes: number;
}

/**
 * Reads the whole file, hashing every entry and counting every table's rows, and checks them
 * against the manifest. Throws a BackupError when the file cannot be read at all.
 */
export async function verifyBackup(
  file: string,
  onProgress?: (progress: VerifyProgress) => void,
): Promise<VerifyResult> {
  const seen = new Map<string, { bytes: number; sha256: string; lines: number }>();
  let manifestText: string | undefined;
  let bytesRead = 0;
  await readArchive(file, async (entry) => {
    const name = entry.header.name;
    if (manifestText !== undefined)
      throw new BackupError(`${file}: an entry follows the manifest (${name}).`);
    const chunks: Buffer[] = [];
    let lines = 0;
    const result = await consumeEntry(entry, (chunk) => {
      if (name === manifestEntry) chunks.push(chunk);
      else if (name.startsWith('tables/'))
        for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines += 1;
    });
    if (name === manifestEntry) manifestText = Buffer.concat(chunks).toString('utf8');
    else seen.set(name, { ...result, lines });
    bytesRead += result.bytes;
    onProgress?.({ done: seen.size, bytesRead });
  });
  if (manifestText === undefined)
    throw new BackupError(
      `${file} has no manifest.json: it is truncated or not a Masthead backup.`,
    );
  const manifest = parseManifest(manifestText, file);
  const problems: string[] = [];
  const expected = new Set<string>();
  const check = (
    what: string,
    entry: string,
    bytes: number,
    sha256: string,
    rows?: number,
  ): void => {
    expected.add(entry);
    const found = seen.get(entry);
    if (!found) return void problems.push(`${what}: missing from the file`);
    if (found.bytes !== bytes)
      problems.push(`${what}: ${found.bytes} bytes, the manifest says ${bytes}`);
    if (found.sha256 !== sha256) problems.push(`${what}: sha256 does not match the manifest`);
    if (rows !== undefined && found.lines !== rows)
      problems.push(`${what}: ${found.lines} rows, the manifest says ${rows}`);
  };
  for (const table of manifest.tables)
    check(`table ${table.name}`, table.entry, table.bytes, table.sha256, table.rows);
  for (const blob of manifest.blobs)
    if (blob.entry) check(`blob ${blob.key}`, blob.entry, blob.bytes, blob.sha256);
  for (const name of seen.keys())
    if (!expected.has(name)) problems.push(`${name}: in the file but not in the manifest`);
  return { manifest, problems, entries: seen.size + 1, bytes: bytesRead };
}

function parseManifest(text: string, file: string): BackupManifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new BackupError(`${file}: manifest.json is not valid JSON.`);
  }
  const format = (json as { formatVersion?: unknown } | null)?.formatVersion;
  if (typeof format === 'number' && format > backupFormatVersion)
    throw new BackupError(
      `${file} is backup format ${format}, newer than this Masthead reads (${backupFormatVersion}): upgrade Masthead first.`,
    );
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success)
    throw new BackupError(
      `${file}: manifest.json is not a Masthead backup manifest (${parsed.error.issues[0]?.message ?? 'invalid'}).`,
    );
  return parsed.data;
}
