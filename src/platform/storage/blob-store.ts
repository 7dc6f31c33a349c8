import type { Readable } from 'node:stream';

// Files the site keeps (media variants, narration audio and its paragraph cache) live in one
// blob store: the local DATA_DIR (default) or an S3-compatible bucket (STORAGE_URL=s3://…).
// Keys are server-made, content-addressed paths such as `media/ab/ab…-1280.webp` or
// `audio/<hash>.mp3`: writing the same key twice writes the same bytes, so every put is
// idempotent and a retried job or a second node never corrupts a file.

export interface BlobInfo {
  key: string;
  size: number;
  /** When the blob was written or last marked as used (`touch`). */
  usedAt: Date;
}

export interface BlobStore {
  readonly kind: 'local' | 's3';
  /** Where the blobs are, for logs and messages (never credentials). */
  readonly location: string;
  /** Writes a blob whole: a reader never sees part of it, and a failed put leaves nothing. */
  put(key: string, data: Uint8Array): Promise<void>;
  /** The whole blob, or undefined when there is none. */
  get(key: string): Promise<Buffer | undefined>;
  /** Size and last use, or undefined when there is no such blob. */
  stat(key: string): Promise<BlobInfo | undefined>;
  /** A stream of the blob's bytes (`end` inclusive), or undefined when there is none. */
  read(key: string, range?: { start: number; end: number }): Promise<Readable | undefined>;
  /** Marks a blob as used now, so garbage collection's grace period starts again. */
  touch(key: string, at: Date): Promise<void>;
  /** Deletes blobs; missing ones are fine. */
  delete(keys: string[]): Promise<void>;
  /** Every blob under a prefix (`media/`), in no set order. `usedAt` may be older than `stat`'s. */
  list(prefix: string): AsyncIterable<BlobInfo>;
  /** Throws a readable error when the store cannot be reached or written (health checks). */
  check(): Promise<void>;
  close(): void;
}

// The top folder is lower case; names below it may use capitals (outbox names: `…T…Z-….eml`).
const keyPattern = /^[a-z0-9]+(?:\/[A-Za-z0-9][A-Za-z0-9._-]*)+$/;

/** Refuses keys the server could not have made (no `..`, no absolute paths, no odd characters). */
export function assertBlobKey(key: string): string {
  if (!keyPattern.test(key) || key.includes('..'))
    throw new Error(`Not a blob key the server makes: ${JSON.stringify(key)}`);
  return key;
}

const contentTypes: Record<string, string> = {
  avif: 'image/avif',
  webp: 'image/webp',
  jpg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  mp3: 'audio/mpeg',
  eml: 'message/rfc822',
  json: 'application/json',
};

/** The content type of a blob, from its extension. */
export function blobContentType(key: string): string {
  const extension = key.slice(key.lastIndexOf('.') + 1);
  return contentTypes[extension] ?? 'application/octet-stream';
}
