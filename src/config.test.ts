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
  });

  it('trims a trailing slash from BASE_URL', () => {
    assert.equal(
      loadConfig({ BASE_URL: 'https://news.example.org/' }).baseUrl,
      'https://news.example.org',
    );
  });
});
