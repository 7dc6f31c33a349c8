import type { ParsedMail, SimpleParserOptions } from 'mailparser';
import { lazyModule } from '../modules/lazy-module.js';

// mailparser (and its charset tables) loads when the first message is parsed — the outbox
// view, a bounce, an unsubscribe email — not when a web process starts.
const loadMailparser = lazyModule(() => import('mailparser'));

/** Parses one RFC 5322 message with mailparser's simpleParser. */
export async function parseMail(
  source: string | Buffer,
  options?: SimpleParserOptions,
): Promise<ParsedMail> {
  const { simpleParser } = await loadMailparser();
  return simpleParser(source, options ?? {});
}
