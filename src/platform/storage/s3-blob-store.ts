import type { Readable } from 'node:stream';
import type * as S3Sdk from '@aws-sdk/client-s3';
import type { S3Client } from '@aws-sdk/client-s3';
import { lazyModule } from '../modules/lazy-module.js';
import { assertBlobKey, blobContentType, type BlobInfo, type BlobStore } from './blob-store.js';
import { describeStorage, type StorageTarget } from './storage-url.js';

// Blobs in an S3-compatible bucket through the official AWS SDK v3 (AWS S3, Cloudflare R2,
// MinIO, Backblaze B2, Ceph RGW). A PutObject is atomic: readers see the old object or the
// whole new one. Keys are content-addressed, so objects are stored with a year-long immutable
// Cache-Control and a public bucket or CDN (MEDIA_PUBLIC_URL) can serve them directly. "Last
// use" for garbage collection is the object's `used-at` metadata (set by `touch`, a copy of
// the object onto itself), or its LastModified when it was never touched (a put of the same
// bytes again drops the metadata, so LastModified is then the last use).

// The SDK warns on every start that its releases after January 2027 need Node 22; Masthead
// pins a version that runs on Node 20, so the warning only alarms operators.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const loadSdk = lazyModule(() => import('@aws-sdk/client-s3'));

export interface S3Options {
  /** Tests pass these; servers use the SDK's standard chain (AWS_ACCESS_KEY_ID, …). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

type S3Target = Extract<StorageTarget, { kind: 's3' }>;

function isNotFound(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === 'NoSuchKey' || e.name === 'NotFound' || e.$metadata?.httpStatusCode === 404;
}

/** Turns SDK errors into one line a person can act on (no credentials, no XML). */
function explain(error: unknown, target: S3Target): Error {
  const e = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const where = describeStorage(target, '');
  const status = e.$metadata?.httpStatusCode;
  const reason =
    e.name === 'NoSuchBucket'
      ? 'the bucket does not exist'
      : status === 403 || e.name === 'AccessDenied' || e.name === 'InvalidAccessKeyId'
        ? 'access denied (check AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY and the bucket policy)'
        : e.name === 'CredentialsProviderError'
          ? 'no credentials (set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)'
          : `${e.name ?? 'error'}: ${e.message ?? String(error)}`;
  return new Error(`Object storage ${where}: ${reason}`, { cause: error });
}

export function createS3BlobStore(target: S3Target, options: S3Options = {}): BlobStore {
  let client: Promise<S3Client> | undefined;
  const open = () =>
    (client ??= loadSdk().then(
      (sdk) =>
        new sdk.S3Client({
          region: target.region ?? process.env.AWS_REGION ?? 'us-east-1',
          forcePathStyle: target.forcePathStyle,
          ...(target.endpoint ? { endpoint: target.endpoint } : {}),
          ...(options.credentials ? { credentials: options.credentials } : {}),
          maxAttempts: 4,
          requestHandler: { connectionTimeout: 3000, requestTimeout: 30_000 },
        }),
    ));
  const objectKey = (key: string) => `${target.prefix}${assertBlobKey(key)}`;
  const Bucket = target.bucket;

  async function send<T>(make: (sdk: typeof S3Sdk) => unknown): Promise<T> {
    const [sdk, s3] = await Promise.all([loadSdk(), open()]);
    try {
      return (await s3.send(make(sdk) as never)) as T;
    } catch (error) {
      if (isNotFound(error)) throw error;
      throw explain(error, target);
    }
  }

  async function head(key: string): Promise<BlobInfo | undefined> {
    try {
      const out = await send<{
        ContentLength?: number;
        LastModified?: Date;
        Metadata?: Record<string, string>;
      }>((sdk) => new sdk.HeadObjectCommand({ Bucket, Key: objectKey(key) }));
      const used = out.Metadata?.['used-at'];
      return {
        key,
        size: out.ContentLength ?? 0,
        usedAt: used ? new Date(used) : (out.LastModified ?? new Date(0)),
      };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  return {
    kind: 's3',
    location: `s3://${Bucket}/${target.prefix}`,
    async put(key, data) {
      await send(
        (sdk) =>
          new sdk.PutObjectCommand({
            Bucket,
            Key: objectKey(key),
            Body: data,
            ContentLength: data.byteLength,
            ContentType: blobContentType(key),
            CacheControl: 'public, max-age=31536000, immutable',
          }),
      );
    },
    async get(key) {
      try {
        const out = await send<{ Body?: { transformToByteArray(): Promise<Uint8Array> } }>(
          (sdk) => new sdk.GetObjectCommand({ Bucket, Key: objectKey(key) }),
        );
        return out.Body ? Buffer.from(await out.Body.transformToByteArray()) : Buffer.alloc(0);
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
    },
    stat: head,
    async read(key, range) {
      try {
        const out = await send<{ Body?: Readable }>(
          (sdk) =>
            new sdk.GetObjectCommand({
              Bucket,
              Key: objectKey(key),
              ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}),
            }),
        );
        return out.Body;
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
    },
    async touch(key, at) {
      try {
        await send(
          (sdk) =>
            new sdk.CopyObjectCommand({
              Bucket,
              Key: objectKey(key),
              CopySource: `${Bucket}/${encodeURIComponent(objectKey(key)).replace(/%2F/g, '/')}`,
              MetadataDirective: 'REPLACE',
              Metadata: { 'used-at': at.toISOString() },
              ContentType: blobContentType(key),
              CacheControl: 'public, max-age=31536000, immutable',
            }),
        );
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
    },
    async delete(keys) {
      for (let i = 0; i < keys.length; i += 1000) {
        const batch = keys.slice(i, i + 1000);
        if (batch.length === 0) continue;
        await send(
          (sdk) =>
            new sdk.DeleteObjectsCommand({
              Bucket,
              Delete: { Objects: batch.map((k) => ({ Key: objectKey(k) })), Quiet: true },
            }),
        );
      }
    },
    async *list(prefix) {
      const folder = prefix.replace(/\/+$/, '');
      const listed = `${target.prefix}${folder === '' ? '' : `${folder}/`}`;
      let token: string | undefined;
      do {
        const page = await send<{
          Contents?: Array<{ Key?: string; Size?: number; LastModified?: Date }>;
          NextContinuationToken?: string;
          IsTruncated?: boolean;
        }>(
          (sdk) =>
            new sdk.ListObjectsV2Command({
              Bucket,
              Prefix: listed,
              ...(token ? { ContinuationToken: token } : {}),
            }),
        );
        for (const object of page.Contents ?? []) {
          if (!object.Key) continue;
          yield {
            key: object.Key.slice(target.prefix.length),
            size: object.Size ?? 0,
            usedAt: object.LastModified ?? new Date(0),
          };
        }
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
    },
    async check() {
      await send((sdk) => new sdk.HeadBucketCommand({ Bucket }));
    },
    close() {
      void client?.then((s3) => s3.destroy());
    },
  };
}
