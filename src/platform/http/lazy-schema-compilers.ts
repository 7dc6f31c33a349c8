import { createRequire } from 'node:module';
import type { FastifyServerOptions } from 'fastify';

// Fastify loads its JSON-schema compilers (ajv, fast-json-stringify) when the first route is
// added, whether or not any route has a schema. Masthead's routes validate with zod and have
// none, so start-up paid ~20 ms for modules it never used. These factories load them only
// when a route with a schema asks for a compiler. Resolved from fastify's own folder, so the
// versions are the ones fastify depends on.

type SchemaControllerOptions = NonNullable<FastifyServerOptions['schemaController']>;
type Compilers = Required<NonNullable<SchemaControllerOptions['compilersFactory']>>;
type Factory = (...args: unknown[]) => unknown;

const fromFastify = createRequire(createRequire(import.meta.url).resolve('fastify'));

function lazyFactory(moduleName: string): Factory {
  let build: Factory | undefined;
  return (...args) => {
    build ??= (fromFastify(moduleName) as () => Factory)();
    return build(...args);
  };
}

/** Fastify's `schemaController` option with compilers loaded on first use. */
export function lazySchemaController(): SchemaControllerOptions {
  return {
    compilersFactory: {
      buildValidator: lazyFactory('@fastify/ajv-compiler') as Compilers['buildValidator'],
      buildSerializer: lazyFactory(
        '@fastify/fast-json-stringify-compiler',
      ) as Compilers['buildSerializer'],
    },
  };
}
