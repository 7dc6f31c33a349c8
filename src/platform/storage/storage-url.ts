// STORAGE_URL names where files are kept: unset (or `local`) for DATA_DIR, or an S3 bucket:
// `s3://bucket/prefix?region=eu-central-1&endpoint=https://…&forcePathStyle=1`. Credentials
// are never part of it: the AWS SDK reads the standard variables (AWS_ACCESS_KEY_ID,
// AWS_SECRET_ACCESS_KEY, AWS_PROFILE, …).

export type StorageTarget =
  | { kind: 'local' }
  | {
      kind: 's3';
      bucket: string;
      prefix: string;
      region: string | undefined;
      endpoint: string | undefined;
      forcePathStyle: boolean;
    };

const bucketName = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const knownOptions = new Set(['region', 'endpoint', 'forcePathStyle']);

/** Parses STORAGE_URL; throws an Error whose message says what to write instead. */
export function parseStorageUrl(value: string | undefined): StorageTarget {
  if (value === undefined || value === '' || value === 'local') return { kind: 'local' };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(
      'must be "local" or an s3:// URL such as s3://bucket/prefix?region=eu-central-1',
    );
  }
  if (url.protocol !== 's3:')
    throw new Error(
      `must be "local" or an s3:// URL; ${url.protocol}// is not a storage Masthead knows`,
    );
  if (url.username || url.password)
    throw new Error(
      'must not hold credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE) instead',
    );
  const bucket = url.hostname;
  if (!bucketName.test(bucket))
    throw new Error(
      `"${bucket}" is not a bucket name (3–63 lower-case letters, digits, dots, hyphens)`,
    );
  for (const name of url.searchParams.keys())
    if (!knownOptions.has(name))
      throw new Error(`unknown option "${name}" (known: region, endpoint, forcePathStyle)`);
  const endpoint = url.searchParams.get('endpoint') ?? undefined;
  if (endpoint !== undefined && !/^https?:\/\/[^/]+/.test(endpoint))
    throw new Error('endpoint must be an http(s) URL, e.g. endpoint=https://s3.example.net');
  const pathStyle = url.searchParams.get('forcePathStyle');
  if (pathStyle !== null && !['0', '1', 'true', 'false'].includes(pathStyle))
    throw new Error('forcePathStyle must be 1 or 0');
  const prefix = decodeURIComponent(url.pathname).replace(/^\/+|\/+$/g, '');
  if (prefix !== '' && !/^[A-Za-z0-9._/-]+$/.test(prefix))
    throw new Error('the prefix may hold only letters, digits, ".", "_", "-" and "/"');
  return {
    kind: 's3',
    bucket,
    prefix: prefix === '' ? '' : `${prefix}/`,
    region: url.searchParams.get('region') ?? undefined,
    endpoint,
    forcePathStyle: pathStyle === '1' || pathStyle === 'true',
  };
}

/** The URL again, for messages (it never holds secrets). */
export function describeStorage(target: StorageTarget, dataDir: string): string {
  if (target.kind === 'local') return `local files in ${dataDir}`;
  return `s3://${target.bucket}/${target.prefix}${target.endpoint ? ` at ${target.endpoint}` : ''}`;
}
