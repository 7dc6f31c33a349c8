import type { Kysely } from 'kysely';

// Where a free member registered from (issue 17, soft walls): the prompt whose link brought
// the reader to the sign-in form that made their account (`registration-wall`), the story and
// the page. One row per member, written only when that sign-in request created the account;
// deleted with the member (an account never confirmed is dropped by housekeeping).

type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('member_signups')
    .ifNotExists()
    .addColumn('member_id', 'integer', (c) =>
      c.primaryKey().references('members.id').onDelete('cascade'),
    )
    .addColumn('prompt', 'text', (c) => c.notNull())
    .addColumn('article_id', 'integer')
    .addColumn('page', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('member_signups').ifExists().execute();
}
