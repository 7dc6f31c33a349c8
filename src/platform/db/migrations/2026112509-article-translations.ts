import type { Kysely } from 'kysely';

// An article and its translations share a translation group (the id of the group's first
// article); NULL means the article stands alone. A plain integer, not a foreign key: deleting
// the first article must not delete or break the others' link to each other.

type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable('articles').addColumn('translation_group', 'integer').execute();
  await db.schema
    .createIndex('articles_translation_group_idx')
    .ifNotExists()
    .on('articles')
    .column('translation_group')
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropIndex('articles_translation_group_idx').ifExists().execute();
  await db.schema.alterTable('articles').dropColumn('translation_group').execute();
}
