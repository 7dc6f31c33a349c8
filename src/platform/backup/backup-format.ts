import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { createGunzip } from 'node:zlib';
import tar from 'tar-stream';
import { z } from 'zod';

// The backup file (ADR 0020): a gzipped tar of `tables/<name>.jsonl` (one JSON object per row),
// `blobs/<key>` (media and audio bytes) and, last, `manifest.json`, which names every entry
// with its size and sha256. The manifest comes last so a backup is written in one pass.

export const backupFormatVersion = 1;

const entrySchema = z.object({ entry: z.string(), bytes: z.number(), sha256: z.string() });

export const manifestSchema = z.object({
  format: z.literal('masthead-backup'),
  formatVersion: z.number(),
  createdAt: z.string(),
  mastheadVersion: z.string(),
  sourceDialect: z.enum(['sqlite', 'postgres']),
  /** The latest migration applied to the source, and all of them. */
  migration: z.string(),
  migrations: z.array(z.string()),
  sensitive: z.object({ note: z.string(), columns: z.record(z.string(), z.array(z.string())) }),
  skippedTables: z.record(z.string(), z.string()),
  tables: z.array(entrySchema.extend({ name: z.string(), rows: z.number() })),
  storage: z.object({ kind: z.enum(['local', 's3']), blobsIncluded: z.boolean() }),
  /** Every media and audio blob; `entry` is absent when the bytes stayed in the store (S3). */
  blobs: z.array(
    z.object({
      key: z.string(),
      bytes: z.number(),
      sha256: z.string(),
      entry: z.string().optional(),
    }),
  ),
});

export type BackupManifest = z.infer<typeof manifestSchema>;

/** A problem with a backup file: printed as is, exit code 1. */
export class BackupError extends Error {}

export const manifestEntry = 'manifest.json';
export const tableEntry = (name: string) => `tables/${name}.jsonl`;
export const blobEntry = (key: string) => `blobs/${key}`;

/** A row as stored: JSON, with byte values as `{"$base64": …}` (no column holds any today). */
export function encodeRow(row: Record<string, unknown>): string {
  return JSON.stringify(row, (_key, value: unknown) =>
    Buffer.isBuffer(value) || value instanceof Uint8Array
      ? { $base64: Buffer.from(value).toString('base64') }
      : typeof value === 'bigint'
        ? Number(value)
        : value,
  );
}

export function decodeRow(line: string): Record<string, unknown> {
  return JSON.parse(line, (_key, value: unknown) =>
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    typeof (value as { $base64?: unknown }).$base64 === 'string'
      ? Buffer.from((value as { $base64: string }).$base64, 'base64')
      : value,
  ) as Record<string, unknown>;
}

export function sha256Hex(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** One entry of the archive as it is read: its name and a stream of its bytes. */
export type ArchiveEntry = tar.ExtractEvents['entry'][1];

/**
 * Calls `onEntry` for every entry of the file, in order; the callback must consume the entry.
 * A truncated or corrupt file throws a BackupError.
 */
export async function readArchive(
  file: string,
  onEntry: (entry: ArchiveEntry) => Promise<void>,
): Promise<void> {
  const source = createReadStream(file);
  const gunzip = createGunzip();
  const extract = tar.extract();
  // An error of the file (unreadable, not gzip, cut short, not tar) is told apart from the
  // caller's own (a failed insert), which passes through as it is.
  let fileError: Error | undefined;
  const onFileError = (error: Error) => {
    fileError ??= error;
  };
  source.on('error', onFileError);
  gunzip.on('error', onFileError);
  extract.on('error', onFileError);
  const piped = pipeline(source, gunzip, extract);
  piped.catch(() => undefined);
  try {
    for await (const entry of extract) {
      await onEntry(entry);
      entry.resume();
    }
    await piped;
  } catch (error) {
    if (!fileError) throw error;
    if ((fileError as NodeJS.ErrnoException).code === 'ENOENT')
      throw new BackupError(`No such file: ${file}`);
    throw new BackupError(
      `${file} is not a readable Masthead backup (truncated or corrupt): ${fileError.message}`,
    );
  }
}

/** Reads an entry whole, hashing it as it goes (entries are consumed exactly once). */
export async function consumeEntry(
  entry: ArchiveEntry,
  onChunk?: (chunk: Buffer) => void,
): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of entry as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.length;
    onChunk?.(chunk);
  }
  return { bytes, sha256: hash.digest('hex') };
}

/** The running Masthead's version (package.json, found above this file in src/ and dist/). */
export function mastheadVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === 'masthead') return pkg.version ?? 'unknown';
    }
    const parent = dirname(dir);
    if (parent === dir) return 'unknown';
    dir = parent;
  }
}
