import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { it } from 'node:test';
import Fastify from 'fastify';
import { lazySchemaController } from './lazy-schema-compilers.js';

const loaded = () =>
  Object.keys(createRequire(import.meta.url).cache).filter((path) =>
    /ajv-compiler|fast-json-stringify-compiler/.test(path),
  );

it('loads no schema compiler for routes without schemas, and compiles one when a route has a schema', async () => {
  const app = Fastify({ schemaController: lazySchemaController() });
  app.get('/plain', () => ({ ok: true }));
  await app.ready();
  assert.deepEqual(loaded(), [], 'no compiler module loaded');
  assert.equal((await app.inject({ url: '/plain' })).json().ok, true);
  await app.close();

  const withSchema = Fastify({ schemaController: lazySchemaController() });
  withSchema.post(
    '/checked',
    {
      schema: {
        body: {
          type: 'object',
          required: ['n'],
          properties: { n: { type: 'integer' } },
        },
        response: { 200: { type: 'object', properties: { n: { type: 'integer' } } } },
      },
    },
    (request) => ({ n: (request.body as { n: number }).n, dropped: 'by the serializer' }),
  );
  const bad = await withSchema.inject({ method: 'POST', url: '/checked', payload: { n: 'x' } });
  assert.equal(bad.statusCode, 400);
  const good = await withSchema.inject({ method: 'POST', url: '/checked', payload: { n: 3 } });
  assert.deepEqual(good.json(), { n: 3 });
  assert.ok(loaded().length >= 2, 'both compilers loaded once a schema needed them');
  await withSchema.close();
});
