import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('uses the embedded defaults with an empty environment', () => {
    const config = loadConfig({});
    assert.match(config.databaseUrl, /^sqlite:.*data\/masthead\.db$/);
    assert.equal(config.port, 3000);
    assert.equal(config.baseUrl, 'http://127.0.0.1:3000');
  });

  it('names the variable at fault', () => {
    assert.throws(
      () => loadConfig({ PORT: 'eighty' }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.match(error.message, /PORT/);
        return true;
      },
    );
    assert.throws(
      () => loadConfig({ DATABASE_URL: 'mysql://x' }),
      /DATABASE_URL: must start with sqlite:/,
    );
    assert.throws(() => loadConfig({ BASE_URL: 'ftp://x' }), /BASE_URL/);
    assert.throws(() => loadConfig({ LOG_LEVEL: 'loud' }), /LOG_LEVEL/);
    assert.throws(
      () => loadConfig({ REDIS_URL: 'localhost:6379' }),
      /REDIS_URL: must be a redis:\/\//,
    );
    assert.equal(
      loadConfig({ REDIS_URL: 'rediss://:pw@cache:6380/2' }).redisUrl,
      'rediss://:pw@cache:6380/2',
    );
    assert.equal(loadConfig({}).redisUrl, undefined);
  });

  it('trims a trailing slash from BASE_URL', () => {
    assert.equal(
      loadConfig({ BASE_URL: 'https://news.example.org/' }).baseUrl,
      'https://news.example.org',
    );
  });
});

it('STORAGE_URL and MEDIA_PUBLIC_URL are validated with a message naming the variable', () => {
  assert.deepEqual(loadConfig({}).storage, { kind: 'local' });
  const s3 = loadConfig({ STORAGE_URL: 's3://news-media/site?region=eu-central-1' });
  assert.equal(s3.storage.kind, 's3');
  assert.throws(
    () => loadConfig({ STORAGE_URL: 'ftp://files.example.org' }),
    /STORAGE_URL: must be "local" or an s3:\/\/ URL/,
  );
  assert.throws(
    () => loadConfig({ MEDIA_PUBLIC_URL: 'cdn.example.org' }),
    /MEDIA_PUBLIC_URL: must be an http\(s\) URL/,
  );
  assert.equal(
    loadConfig({ MEDIA_PUBLIC_URL: 'https://cdn.example.org/news/' }).mediaPublicUrl,
    'https://cdn.example.org/news',
  );
});
