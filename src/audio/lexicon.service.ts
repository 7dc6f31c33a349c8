import type { Executor } from '../platform/db/database.js';
import { conflict, notFound, validationError } from '../platform/errors.js';
import * as lexicon from './lexicon.repository.js';
import type { LexiconRow } from './narration.table.js';

export interface LexiconInput {
  language: string;
  engine: string;
  term: string;
  replacement: string;
  note: string;
}

/** Adds a pronunciation; one entry per term, language and engine. */
export async function addLexiconEntry(
  executor: Executor,
  input: LexiconInput,
): Promise<LexiconRow> {
  if (await lexicon.findLexiconTerm(executor, input.language, input.engine, input.term))
    throw conflict(
      `"${input.term}" already has a pronunciation for ${input.language}${input.engine ? ` (${input.engine})` : ''}; edit that entry instead.`,
      'lexicon_term_taken',
    );
  return lexicon.insertLexiconEntry(executor, input);
}

export async function changeLexiconEntry(
  executor: Executor,
  id: number,
  patch: Partial<LexiconInput>,
): Promise<LexiconRow> {
  const before = await lexicon.findLexiconEntry(executor, id);
  if (!before) throw notFound('Lexicon entry');
  const next = { ...before, ...patch };
  const clash = await lexicon.findLexiconTerm(executor, next.language, next.engine, next.term);
  if (clash && clash.id !== id)
    throw validationError({ term: ['another entry already has this term, language and engine'] });
  const updated = await lexicon.updateLexiconEntry(executor, id, patch);
  if (!updated) throw notFound('Lexicon entry');
  return updated;
}

export async function removeLexiconEntry(executor: Executor, id: number): Promise<void> {
  if (!(await lexicon.deleteLexiconEntry(executor, id))) throw notFound('Lexicon entry');
}
