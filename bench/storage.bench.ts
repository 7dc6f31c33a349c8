import { spawn } from 'node:child_process';
import { randomBytes, createHash } from 'node:crypto';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalBlobStore } from '../src/platform/storage/local-blob-store.js';
import { parseStorageUrl } from '../src/platform/storage/storage-url.js';
import { createS3BlobStore } from '../src/platform/storage/s3-blob-store.js';
import {
  startTestS3Server,
  testCredentials,
} from '../src/platform/storage/test-fixtures/s3-server.js';

// `npm run bench storage`: `masthead storage migrate` of a site's files from DATA_DIR to an
// S3-compatible store (s3rver, through the AWS SDK), SIGKILLed part-way, then run again: the
// second run must copy only what is missing and leave every object byte-identical.

const root = new URL('../', import.meta.url).pathname;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function removeHalfObjects(directory: string): Promise<number> {
  let removed = 0;
  for (const entry of await readdir(directory, { recursive: true })) {
    const path = join(directory, String(entry));
    if (!path.endsWith('._S3rver_object')) continue;
    const metadata = path.replace(/object$/, 'metadata.json');
    if (
      await stat(metadata).then(
        () => false,
        () => true,
      )
    ) {
      await rm(path, { force: true });
      removed += 1;
    }
  }
  return removed;
}

function migrate(env: Record<string, string>, url: string, killAtPercent?: number) {
  return new Promise<{ ms: number; output: string; killed: boolean }>((resolve) => {
    const started = performance.now();
    let output = '';
    let killed = false;
    const child = spawn(
      process.execPath,
      [join(root, 'bin/masthead.js'), 'storage', 'migrate', '--to', url],
      {
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const watch = (chunk: Buffer) => {
      output += chunk.toString();
      const percents = [...output.matchAll(/^(\d+) % /gm)].map((m) => Number(m[1]));
      if (killAtPercent !== undefined && !killed && (percents.at(-1) ?? 0) >= killAtPercent) {
        killed = true;
        child.kill('SIGKILL');
      }
    };
    child.stdout.on('data', watch);
    child.stderr.on('data', watch);
    child.on('exit', () => resolve({ ms: performance.now() - started, output, killed }));
  });
}

export async function benchStorage(options: { files: number; bytes: number }): Promise<string> {
  const dataDir = await mkdtemp(join(tmpdir(), 'masthead-bench-storage-'));
  const server = await startTestS3Server(['masthead-bench']);
  try {
    const local = createLocalBlobStore(dataDir);
    const hashes = new Map<string, string>();
    for (let i = 0; i < options.files; i += 1) {
      const data = randomBytes(options.bytes);
      const hash = createHash('sha256').update(data).digest('hex');
      const key =
        i % 5 === 0
          ? `audio/${hash.slice(0, 32)}.mp3`
          : `media/${hash.slice(0, 2)}/${hash}-640.webp`;
      await local.put(key, data);
      hashes.set(key, hash);
    }
    const url = server.url('masthead-bench', 'site');
    const env = {
      DATA_DIR: dataDir,
      AWS_ACCESS_KEY_ID: testCredentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: testCredentials.secretAccessKey,
      AWS_REGION: 'us-east-1',
      LOG_LEVEL: 'warn',
    };
    const first = await migrate(env, url, 40);
    // s3rver writes an object's bytes in place and its metadata after, so a client killed
    // mid-upload leaves it a half object that breaks its listings. A real S3 store never
    // shows a PutObject that did not finish; remove what the emulator left, as S3 would.
    await sleep(500);
    const repaired = await removeHalfObjects(server.directory);
    const second = await migrate(env, url);
    const summary = /(\d+) copied, (\d+) already there, (\d+) failed/.exec(second.output);
    const target = parseStorageUrl(url);
    if (target.kind !== 's3') throw new Error('expected s3');
    const s3 = createS3BlobStore(target, { credentials: testCredentials });
    let identical = 0;
    for (const [key, hash] of hashes) {
      const bytes = await s3.get(key);
      if (bytes && createHash('sha256').update(bytes).digest('hex') === hash) identical += 1;
    }
    s3.close();
    const mb = (options.files * options.bytes) / 1e6;
    return [
      '## Storage migration (DATA_DIR → S3-compatible store)',
      '',
      `${options.files} files of ${(options.bytes / 1024).toFixed(0)} KB (${mb.toFixed(0)} MB) to s3rver through the AWS SDK, 8 copies at a time.`,
      '',
      '| run | time | result |',
      '|---|---:|---|',
      `| first, SIGKILLed at 40 % | ${(first.ms / 1000).toFixed(1)} s | ${first.killed ? 'killed' : 'not killed (finished first)'} |`,
      `| second, to the end | ${(second.ms / 1000).toFixed(1)} s | ${summary ? `${summary[1]} copied, ${summary[2]} kept from the first run, ${summary[3]} failed` : second.output.trim().split('\n').slice(0, 12).join(' / ')} |`,
      '',
      `Half-written objects s3rver kept from the killed uploads (removed before the second run; real S3 is atomic per PutObject): ${repaired}.`,
      '',
      `Objects byte-identical to the source afterwards: ${identical} of ${options.files}. Progress lines printed: ${(second.output.match(/ % /g) ?? []).length}.`,
    ].join('\n');
  } finally {
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}
