import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createS3BlobStore } from '../s3-blob-store.js';
import { parseStorageUrl } from '../storage-url.js';
import type { BlobStore } from '../blob-store.js';

// A local S3-compatible server for tests: s3rver (npm), spoken to only through the official
// AWS SDK, exactly as a production store is. What a production store adds (multipart
// uploads of large objects, bucket policies, eventual listing on some providers) is noted in
// docs/decisions/0018-blob-storage.md.

interface S3rverInstance {
  run(): Promise<{ address: string; port: number }>;
  close(): Promise<void>;
}
type S3rverClass = new (options: {
  port: number;
  address: string;
  silent: boolean;
  directory: string;
  configureBuckets?: Array<{ name: string }>;
}) => S3rverInstance;

export const testCredentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export interface TestS3Server {
  endpoint: string;
  /** A STORAGE_URL for a bucket on this server (made on demand). */
  url(bucket: string, prefix?: string): string;
  close(): Promise<void>;
}

/** Starts s3rver on a free port with the given buckets. */
export async function startTestS3Server(
  buckets: string[] = ['masthead-test'],
): Promise<TestS3Server> {
  const S3rver = createRequire(import.meta.url)('s3rver') as S3rverClass;
  const directory = await mkdtemp(join(tmpdir(), 'masthead-s3-'));
  const server = new S3rver({
    port: 0,
    address: '127.0.0.1',
    silent: true,
    directory,
    configureBuckets: buckets.map((name) => ({ name })),
  });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    url: (bucket, prefix = '') =>
      `s3://${bucket}/${prefix}?endpoint=${encodeURIComponent(endpoint)}&forcePathStyle=1`,
    close: async () => {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

/** A blob store on the test server, under a fresh prefix so tests never see each other's blobs. */
export function testS3Store(server: TestS3Server, bucket = 'masthead-test'): BlobStore {
  const prefix = `t-${randomBytes(6).toString('hex')}`;
  const target = parseStorageUrl(server.url(bucket, prefix));
  if (target.kind !== 's3') throw new Error('expected an s3 target');
  return createS3BlobStore(target, { credentials: testCredentials });
}
