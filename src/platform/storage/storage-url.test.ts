import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseStorageUrl } from './storage-url.js';

test('unset and "local" mean DATA_DIR', () => {
  assert.deepEqual(parseStorageUrl(undefined), { kind: 'local' });
  assert.deepEqual(parseStorageUrl('local'), { kind: 'local' });
});

test('an s3 URL with prefix and options', () => {
  assert.deepEqual(
    parseStorageUrl(
      's3://news-files/site/prod/?region=eu-central-1&endpoint=https://s3.example.net&forcePathStyle=1',
    ),
    {
      kind: 's3',
      bucket: 'news-files',
      prefix: 'site/prod/',
      region: 'eu-central-1',
      endpoint: 'https://s3.example.net',
      forcePathStyle: true,
    },
  );
  assert.deepEqual(parseStorageUrl('s3://news-files'), {
    kind: 's3',
    bucket: 'news-files',
    prefix: '',
    region: undefined,
    endpoint: undefined,
    forcePathStyle: false,
  });
});

test('bad URLs are refused with what to write instead', () => {
  const cases: Array<[string, RegExp]> = [
    ['http://bucket/x', /not a storage Masthead knows/],
    ['s3://KEY:SECRET@bucket', /must not hold credentials/],
    ['s3://ab', /not a bucket name/],
    ['s3://bucket?regoin=x', /unknown option "regoin"/],
    ['s3://bucket?endpoint=s3.example.net', /endpoint must be an http\(s\) URL/],
    ['s3://bucket?forcePathStyle=yes', /forcePathStyle must be 1 or 0/],
    ['nonsense', /must be "local" or an s3:\/\/ URL/],
  ];
  for (const [value, message] of cases) assert.throws(() => parseStorageUrl(value), message, value);
});
