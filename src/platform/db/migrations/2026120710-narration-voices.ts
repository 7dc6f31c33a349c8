import type { Kysely } from 'kysely';

// Neural voices an operator registered with `masthead narrate voice add DIR` (issue 18): the
// model folder on this machine, what the folder checks read from it, and the figures the
// intelligibility measurement gave (NULL when not measured: no recognizer installed, or a
// language it does not hear). Timestamps are ISO-8601 UTC text (ADR 0003).

type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('narration_voices')
    .ifNotExists()
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('dir', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('sample_rate', 'integer', (c) => c.notNull())
    .addColumn('speaker', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('model_bytes', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('word_error_rate', 'real')
    .addColumn('real_time_factor', 'real')
    .addColumn('cpu_per_audio_second', 'real')
    .addColumn('not_measured', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('measured_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('narration_voices').ifExists().execute();
}
