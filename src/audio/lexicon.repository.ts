import type { Executor } from '../platform/db/database.js';
import { nowIso } from '../platform/db/database.js';
import type { LexiconRow } from './narration.table.js';

export function listLexicon(executor: Executor, language?: string): Promise<LexiconRow[]> {
  let query = executor.selectFrom('audio_lexicon').selectAll();
  if (language) query = query.where('language', '=', language);
  return query.orderBy('language').orderBy('term').execute();
}

/** The entries that apply to one language and engine ('' entries apply to every engine). */
export function lexiconFor(
  executor: Executor,
  language: string,
  engine: string,
): Promise<LexiconRow[]> {
  return (
    executor
      .selectFrom('audio_lexicon')
      .selectAll()
      .where('language', '=', language)
      .where('engine', 'in', ['', engine])
      // Engine-specific entries first, so they win over the general one for the same term.
      .orderBy('engine', 'desc')
      .execute()
  );
}

export function findLexiconEntry(executor: Executor, id: number) {
  return executor.selectFrom('audio_lexicon').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findLexiconTerm(
  executor: Executor,
  language: string,
  engine: string,
  term: string,
) {
  return executor
    .selectFrom('audio_lexicon')
    .selectAll()
    .where('language', '=', language)
    .where('engine', '=', engine)
    .where('term', '=', term)
    .executeTakeFirst();
}

export function insertLexiconEntry(
  executor: Executor,
  entry: { language: string; engine: string; term: string; replacement: string; note: string },
): Promise<LexiconRow> {
  const stamp = nowIso();
  return executor
    .insertInto('audio_lexicon')
    .values({ ...entry, created_at: stamp, updated_at: stamp })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function updateLexiconEntry(
  executor: Executor,
  id: number,
  patch: Partial<{
    language: string;
    engine: string;
    term: string;
    replacement: string;
    note: string;
  }>,
): Promise<LexiconRow | undefined> {
  return executor
    .updateTable('audio_lexicon')
    .set({ ...patch, updated_at: nowIso() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export async function deleteLexiconEntry(executor: Executor, id: number): Promise<boolean> {
  const result = await executor.deleteFrom('audio_lexicon').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
