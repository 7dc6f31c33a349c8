import { type JsonRow, JsonRowScanner, readJsonRows } from '../json-row-scanner.js';

// Streams the rows of a Ghost export (`{"db":[{"meta":…,"data":{"posts":[…],"tags":[…]}}]}`)
// without holding the file in memory (see json-row-scanner.ts): each element of a
// `db[n].data.<table>` array is one row.

export type GhostRow = JsonRow;

/** A Ghost export that cannot be read, with a message a person can act on. */
export class GhostExportError extends Error {}

/** The scanner configured for Ghost's layout; rows of the wanted tables come from `take`. */
export class GhostRowScanner extends JsonRowScanner {
  constructor(tables: ReadonlySet<string>) {
    super({
      select: (path) =>
        path.length === 5 &&
        path[0] === 'db' &&
        path[2] === 'data' &&
        typeof path[3] === 'string' &&
        tables.has(path[3])
          ? path[3]
          : undefined,
      marksFormat: (path) => path.length === 3 && path[0] === 'db' && path[2] === 'data',
      wrongFormatMessage: 'This is not a Ghost export: it has no "db" → "data" section.',
      makeError: (message) => new GhostExportError(message),
    });
  }
}

/** Streams the rows of the given tables from a Ghost export file (one pass). */
export function readGhostRows(
  path: string,
  tables: string[],
  onProgress: (bytesRead: number) => void = () => {},
): AsyncGenerator<GhostRow> {
  return readJsonRows(path, new GhostRowScanner(new Set(tables)), onProgress);
}
