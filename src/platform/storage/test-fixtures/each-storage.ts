import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe } from 'node:test';
import type { BlobStore } from '../blob-store.js';
import { createLocalBlobStore } from '../local-blob-store.js';
import { startTestS3Server, testS3Store, type TestS3Server } from './s3-server.js';

/**
 * Runs a suite once on local files and once on the test S3 server (through the AWS SDK), as
 * every storage test must. `getStore()` is a fresh, empty store for the suite.
 */
export function describeEachStorage(
  name: string,
  suite: (getStore: () => BlobStore) => void,
): void {
  let server: TestS3Server | undefined;
  let store: BlobStore | undefined;
  let dir = '';
  for (const kind of ['local', 's3'] as const) {
    describe(`${name} (${kind} storage)`, () => {
      before(async () => {
        if (kind === 'local') {
          dir = await mkdtemp(join(tmpdir(), 'masthead-store-'));
          store = createLocalBlobStore(dir);
        } else {
          server = await startTestS3Server();
          store = testS3Store(server);
        }
      });
      after(async () => {
        store?.close();
        if (kind === 'local') await rm(dir, { recursive: true, force: true });
        else await server?.close();
      });
      suite(() => {
        if (!store) throw new Error('the store opens in before()');
        return store;
      });
    });
  }
}
