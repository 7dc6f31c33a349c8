import { mkdtemp, rm } from 'node:fs/promises';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createS3BlobStore } from '../s3-blob-store.js';
import { parseStorageUrl } from '../storage-url.js';
import type { BlobStore } from '../blob-store.js';

const root = new URL('../../../../', import.meta.url).pathname;

// A local S3-compatible server for tests: s3rver (npm), spoken to only through the official
// AWS SDK, exactly as a production store is. What a production store adds (multipart
// uploads of large objects, bucket policies, eventual listing on some providers) is noted in
// docs/decisions/0018-blob-storage.md.

export const testCredentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export interface TestS3Server {
  endpoint: string;
  /** Where s3rver keeps the objects (benchmarks repair what its non-atomic writes leave). */
  directory: string;
  /** A STORAGE_URL for a bucket on this server (made on demand). */
  url(bucket: string, prefix?: string): string;
  close(): Promise<void>;
}

// s3rver runs in its own process, as a real store would, with OpenSSL's legacy provider:
// its ListObjectsV2 continuation tokens use DES, which Node's OpenSSL 3 refuses otherwise
// (every listing past 1,000 keys failed with InternalError).
const serverScript = `
const S3rver = require('s3rver');
const [directory, buckets] = process.argv.slice(1);
new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory,
  configureBuckets: buckets.split(',').filter(Boolean).map((name) => ({ name })) })
  .run().then(({ port }) => console.log('listening ' + port));
`;

/** Starts s3rver on a free port with the given buckets. */
export async function startTestS3Server(
  buckets: string[] = ['masthead-test'],
): Promise<TestS3Server> {
  const directory = await mkdtemp(join(tmpdir(), 'masthead-s3-'));
  const child = spawn(
    process.execPath,
    ['--openssl-legacy-provider', '-e', serverScript, directory, buckets.join(',')],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening (\d+)/.exec(output);
      if (match) resolve(Number(match[1]));
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`s3rver exited (${code}):\n${output}`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    directory,
    url: (bucket, prefix = '') =>
      `s3://${bucket}/${prefix}?endpoint=${encodeURIComponent(endpoint)}&forcePathStyle=1`,
    close: async () => {
      child.kill('SIGTERM');
      await exited;
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

/** A store whose endpoint nothing answers (port 9, discard): every call fails to connect. */
export function unreachableS3Store(): BlobStore {
  return createS3BlobStore(
    {
      kind: 's3',
      bucket: 'masthead-test',
      prefix: '',
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:9',
      forcePathStyle: true,
    },
    { credentials: { accessKeyId: 'x', secretAccessKey: 'y' } },
  );
}
