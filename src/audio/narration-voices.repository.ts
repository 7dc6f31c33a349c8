import type { Executor } from '../platform/db/database.js';
import type { NarrationVoiceRow } from './narration-voices.table.js';

// Queries for registered neural voices; the executor (db or transaction) comes first.

/** Every registered voice, by name. */
export function listNarrationVoices(executor: Executor): Promise<NarrationVoiceRow[]> {
  return executor.selectFrom('narration_voices').selectAll().orderBy('name').execute();
}

export function findNarrationVoice(
  executor: Executor,
  name: string,
): Promise<NarrationVoiceRow | undefined> {
  return executor
    .selectFrom('narration_voices')
    .selectAll()
    .where('name', '=', name)
    .executeTakeFirst();
}

/** Registers a voice, or replaces the registration of the same name (a re-added folder). */
export async function saveNarrationVoice(
  executor: Executor,
  row: NarrationVoiceRow,
): Promise<void> {
  const { name: _name, created_at: _createdAt, ...changes } = row;
  await executor
    .insertInto('narration_voices')
    .values(row)
    .onConflict((oc) => oc.column('name').doUpdateSet(changes))
    .execute();
}

/** Stores the measured figures of a voice. */
export async function recordNarrationVoiceScores(
  executor: Executor,
  name: string,
  scores: Pick<
    NarrationVoiceRow,
    'word_error_rate' | 'real_time_factor' | 'cpu_per_audio_second' | 'not_measured' | 'measured_at'
  >,
): Promise<void> {
  await executor.updateTable('narration_voices').set(scores).where('name', '=', name).execute();
}

/** Removes a voice; false when none had that name. */
export async function deleteNarrationVoice(executor: Executor, name: string): Promise<boolean> {
  const result = await executor
    .deleteFrom('narration_voices')
    .where('name', '=', name)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
