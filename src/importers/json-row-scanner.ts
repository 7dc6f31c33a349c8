import { createReadStream } from 'node:fs';

// Streams chosen values out of a large JSON file without holding the file in memory: a small
// scanner tracks where it is in the JSON and hands each wanted value (an object or array,
// chosen by its path) to JSON.parse on its own. Used by the Ghost and Masthead importers.

export interface JsonRow {
  table: string;
  row: Record<string, unknown>;
}

/** A path into the JSON, e.g. ['db', 0, 'data', 'posts', 12]. */
export type JsonPath = readonly (string | number)[];

export interface JsonRowScannerOptions {
  /** The table name for a value at this path that should be captured, else undefined. */
  select: (path: JsonPath) => string | undefined;
  /** True when an object or array opens at a path that proves the file is the right kind. */
  marksFormat: (path: JsonPath) => boolean;
  /** The message when no such path was seen. */
  wrongFormatMessage: string;
  /** Builds the error thrown for a damaged file (so each importer keeps its own error type). */
  makeError: (message: string) => Error;
}

type Frame =
  | { kind: 'object'; key: string | undefined; expectKey: boolean }
  | { kind: 'array'; index: number };

/** Incremental scanner: `write` text, then `end`; captured values come from `take`. */
export class JsonRowScanner {
  private stack: Frame[] = [];
  private inString = false;
  private escaped = false;
  private stringBuffer = '';
  private capture: { table: string; depth: number; text: string } | undefined;
  private rows: JsonRow[] = [];
  private sawFormat = false;
  private finishedTop = false;
  private started = false;

  constructor(private readonly options: JsonRowScannerOptions) {}

  private fail(message: string): Error {
    return this.options.makeError(message);
  }

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
      if (this.finishedTop) throw this.fail('There is text after the end of the JSON.');
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
          if (top?.kind !== 'object') throw this.fail('Misplaced ":" in the JSON.');
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
    if (!this.capture) {
      const path = this.path();
      const table = this.options.select(path);
      if (table !== undefined)
        this.capture = { table, depth: this.stack.length, text: text[index] ?? char };
      if (this.options.marksFormat(path)) this.sawFormat = true;
    }
    this.stack.push(
      char === '{'
        ? { kind: 'object', key: undefined, expectKey: true }
        : { kind: 'array', index: 0 },
    );
  }

  private close(char: '}' | ']'): void {
    const frame = this.stack.pop();
    if (!frame || (frame.kind === 'object') !== (char === '}'))
      throw this.fail(`Unbalanced "${char}" in the JSON: the file is damaged.`);
    if (this.capture && this.stack.length === this.capture.depth) {
      let row: unknown;
      try {
        row = JSON.parse(this.capture.text);
      } catch {
        throw this.fail(`A row of "${this.capture.table}" is not valid JSON.`);
      }
      if (row && typeof row === 'object' && !Array.isArray(row))
        this.rows.push({ table: this.capture.table, row: row as Record<string, unknown> });
      this.capture = undefined;
    }
    if (this.stack.length === 0) this.finishedTop = true;
  }

  /** Ends the input; throws when the file was cut short or was not the expected kind. */
  end(): void {
    if (!this.started) throw this.fail('The file is empty.');
    if (this.stack.length > 0 || this.inString)
      throw this.fail('The file ends before its JSON does — it looks truncated. Export it again.');
    if (!this.sawFormat) throw this.fail(this.options.wrongFormatMessage);
  }

  take(): JsonRow[] {
    const done = this.rows;
    this.rows = [];
    return done;
  }
}

/** Streams the captured values of a JSON file through `scanner` (one pass). */
export async function* readJsonRows(
  path: string,
  scanner: JsonRowScanner,
  onProgress: (bytesRead: number) => void = () => {},
): AsyncGenerator<JsonRow> {
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
