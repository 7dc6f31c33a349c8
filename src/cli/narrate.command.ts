import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { hasNormalizationRules, normalizeForSpeech } from '../audio/normalize/normalize.js';

// `masthead narrate <subcommand>`. Mistakes on this command line exit with code 2 (the
// usual convention for usage errors in text filters), printed with the usage line.

// The full help text lives with the command list in main.ts, like every command's.
const USAGE = 'masthead narrate normalize [--language|--lang TAG] [--text "…"]';

class NarrateUsageError extends Error {}

function parseNormalizeOptions(args: string[]) {
  try {
    return parseArgs({
      args,
      options: { language: { type: 'string' }, lang: { type: 'string' }, text: { type: 'string' } },
      allowPositionals: false,
      strict: true,
    }).values;
  } catch (error) {
    throw new NarrateUsageError(error instanceof Error ? error.message : String(error));
  }
}

/** Where the command reads and writes; tests pass their own streams. */
export interface NarrateIo {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  errors: NodeJS.WritableStream;
}

const processIo: NarrateIo = {
  input: process.stdin,
  output: process.stdout,
  errors: process.stderr,
};

async function runNormalize(args: string[], io: NarrateIo): Promise<number> {
  const options = parseNormalizeOptions(args);
  const { text } = options;
  const language = options.language ?? options.lang ?? 'en';
  if (!/^[A-Za-z]{2,8}(?:[-_][A-Za-z0-9]{1,8})*$/.test(language))
    throw new NarrateUsageError(`"${language}" is not a BCP 47 language tag (e.g. en, en-GB, uk).`);
  if (!hasNormalizationRules(language))
    io.errors.write(`No normalization rules for "${language}"; text passes through unchanged.\n`);
  const speak = (line: string) => normalizeForSpeech(line, { language });
  if (text !== undefined) {
    for (const line of text.split(/\r?\n/)) io.output.write(`${speak(line)}\n`);
    return 0;
  }
  // A reader that goes away early (`… | head`) ends the filter quietly, as with any Unix tool.
  let readerGone = false;
  io.output.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    readerGone = true;
  });
  const lines = createInterface({ input: io.input, crlfDelay: Infinity });
  for await (const line of lines) {
    if (readerGone) break;
    io.output.write(`${speak(line)}\n`);
  }
  lines.close();
  return 0;
}

/** `masthead narrate normalize …`; returns the exit code (2 for a bad command line). */
export async function runNarrate(args: string[], io: NarrateIo = processIo): Promise<number> {
  const [subcommand, ...rest] = args;
  try {
    if (subcommand === 'normalize') return await runNormalize(rest, io);
    if (subcommand === 'article')
      return await (await import('./narrate-article.command.js')).runNarrateArticle(rest, io);
    if (subcommand === 'gc')
      return await (await import('./narrate-gc.command.js')).runNarrateGc(rest, io);
    if (subcommand === 'voice')
      return await (await import('./narrate-voice.command.js')).runNarrateVoice(rest, io);
    throw new NarrateUsageError(
      subcommand === undefined
        ? 'Missing subcommand: use `masthead narrate normalize`.'
        : `Unknown subcommand "${subcommand}": use \`masthead narrate normalize\`.`,
    );
  } catch (error) {
    if (!(error instanceof NarrateUsageError)) throw error;
    io.errors.write(`${error.message}\nUsage: ${USAGE}\n`);
    return 2;
  }
}
