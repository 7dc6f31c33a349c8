import { createReadStream } from 'node:fs';

// Streams the rows of a Ghost export (`{"db":[{"meta":…,"data":{"posts":[…],"tags":[…]}}]}`)
// without holding the file in memory: a small scanner tracks where it is in the JSON and hands
// each element of a `data.<table>` array to JSON.parse on its own.

export interface GhostRow {
  table: string;
  row: Record<string, unknown>;
}

/** A Ghost export that cannot be read, with a message a person can act on. */
export class GhostExportError extends Error {}

type Frame =
  | { kind: 'object'; key: string | undefined; expectKey: boolean }
  | { kind: 'array'; index: number };

/** Incremental scanner: `write` text, then `end`; rows of the wanted tables come from `take`. */
export class GhostRowScanner {
  private stack: Frame[] = [];
  private inString = false;
  private escaped = false;
  private stringBuffer = '';
  private capture: { table: string; depth: number; text: string } | undefined;
  private rows: GhostRow[] = [];
  private sawData = false;
  private finishedTop = false;
  private started = false;

  constructor(private readonly tables: ReadonlySet<string>) {}

  /** The path of the value being read, e.g. ['db', 0, 'data', 'posts']. */
  private path(): (string | number)[] {
    return this.stack.map((frame) => (frame.kind === 'array' ? frame.index : (frame.key ?? '')));
  }

  write(text: string): void {
    for (let i = 0; i < text.length; i += 1) {
      const char = text[i] as string;
      if (this.capture) this.capture.text += char;
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (char === '\\') this.escaped = true;
        else if (char === '"') this.endString();
        else if (!this.capture) this.stringBuffer += char;
        continue;
      }
      if (char === ' ' || char === '\n' || char === '\r' || char === '\t') continue;
      if (this.finishedTop) throw new GhostExportError('There is text after the end of the JSON.');
      this.started = true;
      switch (char) {
        case '"':
          this.inString = true;
          this.stringBuffer = '';
          break;
        case '{':
        case '[':
          this.open(char, i, text);
          break;
        case '}':
        case ']':
          this.close(char);
          break;
        case ':': {
          const top = this.stack[this.stack.length - 1];
          if (top?.kind !== 'object') throw new GhostExportError('Misplaced ":" in the JSON.');
          top.expectKey = false;
          break;
        }
        case ',': {
          const top = this.stack[this.stack.length - 1];
          if (top?.kind === 'object') top.expectKey = true;
          else if (top?.kind === 'array') top.index += 1;
          break;
        }
        default:
          break; // numbers, true, false, null: nothing to track
      }
    }
  }

  private endString(): void {
    this.inString = false;
    const top = this.stack[this.stack.length - 1];
    if (top?.kind === 'object' && top.expectKey && !this.capture) top.key = this.stringBuffer;
  }

  private open(char: '{' | '[', index: number, text: string): void {
    const path = this.path();
    if (
      !this.capture &&
      path.length === 5 &&
      path[0] === 'db' &&
      path[2] === 'data' &&
      typeof path[3] === 'string' &&
      this.tables.has(path[3])
    ) {
      this.capture = { table: path[3], depth: this.stack.length, text: text[index] ?? char };
    }
    if (path.length === 3 && path[0] === 'db' && path[2] === 'data') this.sawData = true;
    this.stack.push(
      char === '{'
        ? { kind: 'object', key: undefined, expectKey: true }
        : { kind: 'array', index: 0 },
    );
  }

  private close(char: '}' | ']'): void {
    const frame = this.stack.pop();
    if (!frame || (frame.kind === 'object') !== (char === '}'))
      throw new GhostExportError(`Unbalanced "${char}" in the JSON: the file is damaged.`);
    if (this.capture && this.stack.length === this.capture.depth) {
      let row: unknown;
      try {
        row = JSON.parse(this.capture.text);
      } catch {
        throw new GhostExportError(`A row of "${this.capture.table}" is not valid JSON.`);
      }
      if (row && typeof row === 'object' && !Array.isArray(row))
        this.rows.push({ table: this.capture.table, row: row as Record<string, unknown> });
      this.capture = undefined;
    }
    if (this.stack.length === 0) this.finishedTop = true;
  }

  /** Ends the input; throws when the file was cut short or was not a Ghost export. */
  end(): void {
    if (!this.started) throw new GhostExportError('The file is empty.');
    if (this.stack.length > 0 || this.inString)
      throw new GhostExportError(
        'The file ends before its JSON does — it looks truncated. Export it again.',
      );
    if (!this.sawData)
      throw new GhostExportError('This is not a Ghost export: it has no "db" → "data" section.');
  }

  take(): GhostRow[] {
    const done = this.rows;
    this.rows = [];
    return done;
  }
}

/** Streams the rows of the given tables from a Ghost export file (one pass). */
export async function* readGhostRows(
  path: string,
  tables: string[],
  onProgress: (bytesRead: number) => void = () => {},
): AsyncGenerator<GhostRow> {
  const scanner = new GhostRowScanner(new Set(tables));
  const decoder = new TextDecoder('utf-8');
  let bytes = 0;
  for await (const chunk of createReadStream(path, {
    highWaterMark: 256 * 1024,
  }) as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    scanner.write(decoder.decode(chunk, { stream: true }));
    onProgress(bytes);
    yield* scanner.take();
  }
  scanner.write(decoder.decode());
  scanner.end();
  yield* scanner.take();
}
