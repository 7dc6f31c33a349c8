import { parseArgs } from 'node:util';

// What every command shares: its own usage error and strict option parsing. `main.ts` only
// dispatches; commands import these from here, never from the entry point.

/** A mistake in the command line; printed with the usage line, exit code 1. */
export class UsageError extends Error {}

/** parseArgs with our error type, strict about unknown options. */
export function parseOptions<T extends Record<string, { type: 'string' | 'boolean' }>>(
  args: string[],
  options: T,
) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}
