import { createRequire } from 'node:module';
import type pgModule from 'pg';

export type Pg = typeof pgModule;

let loaded: Pg | undefined;

/**
 * The `pg` driver, loaded on first use: a site on SQLite never pays for it at start-up (it
 * was ~20 ms of the cold start, with the modules it pulls in). PostgreSQL BIGINT/COUNT come
 * back as strings by default; our ids and counts fit in a double, so they are read as numbers.
 */
export function loadPg(): Pg {
  if (loaded === undefined) {
    loaded = createRequire(import.meta.url)('pg') as Pg;
    loaded.types.setTypeParser(20, (value: string) => Number(value));
  }
  return loaded;
}
